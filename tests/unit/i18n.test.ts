import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_SECTIONS, OGP_VALUES } from '#shared/schemas/commitment.ts';
import { CONSULTATION_PHASES } from '#shared/schemas/consultation.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '#shared/schemas/participant.ts';
import { REACTIONS, REPORT_REASONS, VOTE_CHOICES } from '#shared/schemas/participation.ts';
import {
  ORGANISATION_TYPES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  PROPOSAL_VISIBILITY,
} from '#shared/schemas/proposal.ts';
import { DISPOSITIONS } from '#shared/schemas/response.ts';
import { HIDE_REASONS, MODERATION_STATES } from '#shared/schemas/staff.ts';
import {
  CONSOLE_KEYS,
  DISCUSSION_KEYS,
  MY_DATA_KEYS,
  PROPOSAL_FORM_KEYS,
  PROPOSAL_VIEW_KEYS,
  RESPONSE_REPORT_KEYS,
  VOTE_KEYS,
} from '../../site/src/i18n/island-keys.ts';
import { ui } from '../../site/src/i18n/ui.ts';

/**
 * The site's one catalogue (site/src/i18n/ui.ts): every string in Albanian and English, and every key the code uses
 * present. Keys built at run time (`section.${id}`) are checked for every value their domain list allows.
 */
const SITE_SRC = path.resolve(import.meta.dirname, '../../site/src');
const keys = new Set(Object.keys(ui));
const namespaces = new Set([...keys].map((k) => k.split('.')[0]));

/** The values each dynamic key family takes, from the shared domain lists. */
const DYNAMIC: Record<string, readonly string[]> = {
  section: FIXED_SECTIONS,
  ogp: OGP_VALUES,
  phase: CONSULTATION_PHASES,
  tally: ['support', 'oppose', 'neutral', 'comments'],
  stakeholder: STAKEHOLDER_TYPES,
  age: AGE_BANDS,
  reaction: REACTIONS,
  'report.reason': REPORT_REASONS,
  vote: VOTE_CHOICES,
  orgType: ORGANISATION_TYPES,
  'pform.kind': PROPOSAL_KINDS,
  proposalKind: PROPOSAL_KINDS,
  proposalStatus: PROPOSAL_STATUSES,
  visibility: PROPOSAL_VISIBILITY,
  disposition: DISPOSITIONS,
  // The staff console (site/src/islands/console/).
  'console.state': MODERATION_STATES,
  'console.hide': HIDE_REASONS,
  'console.kind': ['comment', 'proposal', 'meeting-contribution'],
  // The proposal form's steps (site/src/islands/ProposalForm.tsx, STEPS).
  'pform.step': ['organisation', 'proposal', 'plan', 'documents', 'review'],
};

type Source = { file: string; text: string };
let sources: Source[];

async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'content') found.push(...(await sourceFiles(full)));
    } else if (/\.(astro|ts|tsx)$/.test(entry.name) && entry.name !== 'ui.ts') found.push(full);
  }
  return found;
}

beforeAll(async () => {
  const files = await sourceFiles(SITE_SRC);
  sources = await Promise.all(
    files.map(async (file) => ({ file: path.relative(SITE_SRC, file), text: await readFile(file, 'utf8') })),
  );
});

const exists = (key: string) => keys.has(key) || (keys.has(`${key}.one`) && keys.has(`${key}.other`));

describe('the UI catalogue', () => {
  it('has every string in Albanian and English, with the same placeholders', () => {
    for (const [key, text] of Object.entries(ui) as [string, Record<string, string>][]) {
      expect(Object.keys(text).sort(), key).toEqual(['en', 'sq']);
      expect(text.sq?.trim(), key).not.toBe('');
      expect(text.en?.trim(), key).not.toBe('');
      const placeholders = (s: string | undefined) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text.sq), key).toEqual(placeholders(text.en));
    }
  });

  it('has both plural forms of every counted string', () => {
    // (`.other` alone is an ordinary key too: `lang.other`, `stakeholder.other`.)
    for (const key of keys) {
      if (key.endsWith('.one')) expect(keys.has(key.replace(/\.one$/, '.other')), key).toBe(true);
    }
  });

  it('has every key the site code names', () => {
    const missing: string[] = [];
    let named = 0;
    for (const { file, text } of sources) {
      for (const [, key] of text.matchAll(/['"]([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+)['"]/g)) {
        if (!key || !namespaces.has(key.split('.')[0])) continue;
        named++;
        if (!exists(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(150);
  });

  it('has every key the code builds at run time, for every value of its domain list', () => {
    const unknownFamilies: string[] = [];
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const [, prefix] of text.matchAll(/`([a-zA-Z.-]+)\.\$\{[^}]+\}`/g)) {
        // Only catalogue namespaces: `milestones.${i}` is a form field's name, not a string.
        if (!prefix || !namespaces.has(prefix.split('.')[0])) continue;
        const values = DYNAMIC[prefix];
        if (!values) {
          unknownFamilies.push(`${file}: ${prefix}.\${…}`);
          continue;
        }
        for (const value of values) if (!exists(`${prefix}.${value}`)) missing.push(`${file}: ${prefix}.${value}`);
      }
    }
    // `${key}.${form}` in ui.ts's own plural helper is the only other template key.
    expect(unknownFamilies).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('gives each island every string its code reads', () => {
    const islandKeys: Record<string, readonly string[]> = {
      'VoteWidget.tsx': VOTE_KEYS,
      'Discussion.tsx': DISCUSSION_KEYS,
      'CommentForm.tsx': DISCUSSION_KEYS,
      'CommentItem.tsx': DISCUSSION_KEYS,
      'forms.tsx': DISCUSSION_KEYS,
      'ProposalForm.tsx': PROPOSAL_FORM_KEYS,
      'ProposalView.tsx': PROPOSAL_VIEW_KEYS,
      'ProposalReceipt.tsx': PROPOSAL_VIEW_KEYS,
      'ProposalList.tsx': PROPOSAL_VIEW_KEYS,
      'MyData.tsx': MY_DATA_KEYS,
      'ResponseReport.tsx': RESPONSE_REPORT_KEYS,
    };
    const consoleParts = sources
      .filter((s) => s.file.startsWith(path.join('islands', 'console', '')) && s.file.endsWith('.tsx'))
      .map((s) => path.relative('islands', s.file));
    expect(consoleParts.length).toBeGreaterThanOrEqual(3);
    for (const part of consoleParts) islandKeys[part] = CONSOLE_KEYS;
    for (const [name, available] of Object.entries(islandKeys)) {
      const source = sources.find((s) => s.file === path.join('islands', name));
      expect(source, name).toBeDefined();
      const has = (key: string) =>
        available.includes(key) || (available.includes(`${key}.one`) && available.includes(`${key}.other`));
      const text = source?.text ?? '';
      const used = [
        ...[...text.matchAll(/m\['([^']+)'\]/g)].map((m) => m[1]),
        ...[...text.matchAll(/plural\(lang, m, '([^']+)'/g)].map((m) => m[1]),
        ...[...text.matchAll(/m\[`([a-zA-Z.-]+)\.\$\{[^}]+\}`\]/g)].flatMap((m) =>
          (DYNAMIC[m[1] as string] ?? ['?']).map((v) => `${m[1]}.${v}`),
        ),
      ].filter((k): k is string => k !== undefined);
      expect(used.length, name).toBeGreaterThan(0);
      expect(
        used.filter((k) => !has(k)),
        name,
      ).toEqual([]);
    }
  });
});
