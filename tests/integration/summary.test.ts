import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import { createDynamoParticipantRepository } from '#functions/repositories/participant-repository.ts';
import { createDynamoReactionRepository } from '#functions/repositories/reaction-repository.ts';
import { createDynamoSummarySource } from '#functions/repositories/summary-source.ts';
import { createDynamoVoteRepository } from '#functions/repositories/vote-repository.ts';
import { newCommentItem } from '#shared/comments.ts';
import { keys } from '#shared/keys.ts';
import { summaryContext } from '#shared/summary/context.ts';
import { parseCsv } from '#shared/summary/csv.ts';
import { summarySchema } from '#shared/summary/schema.ts';
import { loadContent } from '../../scripts/content.ts';
import { writeSummary } from '../../scripts/summary.ts';
import { createTestTable, type TestTable } from '../support/local-table.ts';
import { FORMULA_CORPUS, isLiveFormula } from '../support/summary-items.ts';

/*
 * The summary end to end: contributions written through the API's repositories into DynamoDB Local, read back by
 * the parallel Scan, summarised and written as files; the export corpus test (R9: no PII canary in public files;
 * R10: no live formula in any CSV); and the command line.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONSULTATION = 'kvsp-2026';
const A = 'kvsp-youth-participation';
const B = 'kvsp-public-meetings';
const nextId = monotonicFactory();
const NOW = new Date('2026-12-02T10:00:00.000Z');

/** Personal data typed where it should not be, or kept where it must stay private: none may reach a public file. */
const CANARIES = {
  email: 'canary.zzyzx@example.com',
  phone: '+355 69 555 0101',
  phoneDigits: '555 0101',
  displayName: 'Zzyzx Canaryname',
  contactName: 'Kanari Zzyzxson',
  contactEmail: 'kanari.zzyzx@example.org',
  contactPhone: '+355 68 555 0202',
  registration: 'REG-ZZYZX-42',
};

let table: TestTable;
let out: string;
const participants = Array.from({ length: 12 }, () => nextId());

beforeAll(async () => {
  table = await createTestTable();
  out = await mkdtemp(path.join(tmpdir(), 'konsulto-summary-'));
  const { documents, tableName } = table;
  const votes = createDynamoVoteRepository(documents, tableName);
  const comments = createDynamoCommentRepository(documents, tableName);
  const reactions = createDynamoReactionRepository(documents, tableName);
  const profiles = createDynamoParticipantRepository(documents, tableName);
  const [p0, p1, p2, p3] = participants as [string, string, string, string];

  await profiles.saveProfile(
    p0,
    { displayName: CANARIES.displayName, stakeholderType: 'youth', municipality: 'elbasan', ageBand: '18-24' },
    NOW,
  );
  await profiles.saveProfile(p1, { stakeholderType: 'ngo', municipality: 'tirane' }, NOW);
  // 12 votes on A (7 support, 3 oppose, 2 neutral), 2 on B.
  const choices = [
    'support',
    'support',
    'oppose',
    'support',
    'neutral',
    'support',
    'oppose',
    'support',
    'support',
    'oppose',
    'neutral',
    'support',
  ] as const;
  await Promise.all(
    participants.map((p, i) =>
      votes.cast(p, { id: A, consultationId: CONSULTATION }, choices[i] as (typeof choices)[number], NOW),
    ),
  );
  await votes.cast(p0, { id: B, consultationId: CONSULTATION }, 'oppose', NOW);
  await votes.cast(p1, { id: B, consultationId: CONSULTATION }, 'support', NOW);

  const comment = (participantId: string, body: string, extra: Partial<Parameters<typeof newCommentItem>[0]> = {}) =>
    newCommentItem({
      id: nextId(),
      consultationId: CONSULTATION,
      commitmentId: A,
      body,
      participantId,
      createdAt: NOW.toISOString(),
      status: 'published',
      ...extra,
    });
  const withCanaries = comment(
    p0,
    `Të rinjtë duhet të dëgjohen. Më shkruani: ${CANARIES.email} ose ${CANARIES.phone}`,
    {
      sectionId: 'problem',
      displayName: CANARIES.displayName,
    },
  );
  await comments.create(withCanaries);
  await comments.create(
    comment(p1, 'Po, të rinjtë duhet të jenë në KVSP.', { parentId: withCanaries.id, sectionId: 'problem' }),
  );
  for (const [i, text] of FORMULA_CORPUS.entries()) {
    await comments.create(comment(participants[i % participants.length] as string, text, { displayName: text }));
  }
  const allow = () => {};
  for (const p of [p1, p2, p3]) await reactions.react(p, withCanaries.id, 'agree', NOW, allow);
  await reactions.react(participants[5] as string, withCanaries.id, 'disagree', NOW, allow);

  // A proposal as issue 4 stores it (contact and registration number private).
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.proposal('01KPROPOSAL0000000000000000'),
        type: 'PROPOSAL',
        id: '01KPROPOSAL0000000000000000',
        consultationId: CONSULTATION,
        kind: 'amendment',
        commitmentId: A,
        organisation: { name: '=HYPERLINK("http://x.example","Qendra")', type: 'ngo', municipality: 'elbasan' },
        registrationNumber: CANARIES.registration,
        contact: { name: CANARIES.contactName, email: CANARIES.contactEmail, phone: CANARIES.contactPhone },
        title: 'Forum rinor në çdo bashki',
        problem: 'p',
        createdAt: NOW.toISOString(),
        status: 'received',
        visibility: 'approved',
        version: 1,
      },
    }),
  );
}, 120_000);

afterAll(async () => {
  await table?.drop();
  await rm(out, { recursive: true, force: true });
});

async function run(audience: 'public' | 'staff', includeContacts = false) {
  const content = await loadContent();
  const dir = path.join(out, `${audience}${includeContacts ? '-contacts' : ''}`);
  const result = await writeSummary({
    source: createDynamoSummarySource(table.documents, table.tableName),
    context: summaryContext(content, CONSULTATION, NOW.toISOString()),
    formats: ['csv', 'json', 'html'],
    audience,
    includeContacts,
    outDir: dir,
  });
  const files = await Promise.all(
    (await readdir(dir)).map(async (name) => ({ name, content: await readFile(path.join(dir, name), 'utf8') })),
  );
  return { ...result, files };
}

describe('a summary read from DynamoDB Local', () => {
  it('counts what the repositories wrote', async () => {
    const { view, itemsRead } = await run('public');
    expect(itemsRead).toBeGreaterThan(0);
    const a = view.commitments.find((c) => c.id === A);
    expect(a?.votes).toMatchObject({ support: 7, oppose: 3, neutral: 2, total: 12 });
    expect(a?.votes.byStakeholderType.find((g) => g.key === 'youth')).toMatchObject({ support: 1, total: 1 });
    expect(a?.votes.byStakeholderType.find((g) => g.key === 'not-declared')?.total).toBe(10);
    expect(view.commitments.find((c) => c.id === B)?.votes).toMatchObject({ support: 1, oppose: 1, total: 2 });
    expect(view.totals).toMatchObject({
      participants: 12,
      votes: 14,
      comments: 1 + FORMULA_CORPUS.length,
      replies: 1,
      reactions: 4,
      proposals: 1,
    });
    // The Elbasan meeting record of the content files.
    expect(view.meetings.map((m) => m.id)).toEqual(['elbasan-2026-04-03']);
    expect(view.totals.meetingContributions).toBeGreaterThan(0);
    const top = a?.mostAgreed[0];
    expect([top?.agree, top?.disagree]).toEqual([3, 1]);
    expect(top?.excerpt).toContain('[email]');
    expect(() => summarySchema.parse(view)).not.toThrow();
  });

  it('writes public files without personal data (R9) and CSV files without live formulas (R10)', async () => {
    const { files } = await run('public');
    expect(files.map((f) => f.name).sort()).toEqual([
      'README.txt',
      'contributions.csv',
      'proposals.csv',
      'report-en.html',
      'report-sq.html',
      'responses.csv',
      'summary.json',
      'votes.csv',
    ]);
    for (const file of files) {
      for (const [name, canary] of Object.entries(CANARIES)) {
        expect(file.content.includes(canary), `${file.name} holds the ${name} canary`).toBe(false);
      }
      for (const participantId of participants) expect(file.content).not.toContain(participantId);
      if (file.name.endsWith('.csv')) {
        for (const row of parseCsv(file.content)) {
          for (const cell of row) expect(isLiveFormula(cell), `${file.name}: ${JSON.stringify(cell)}`).toBe(false);
        }
      }
    }
  });

  it('puts contact data only into staff files that ask for it, and says so', async () => {
    const staff = await run('staff');
    const joined = staff.files.map((f) => f.content).join('\n');
    expect(joined).toContain(CANARIES.displayName);
    expect(joined).not.toContain(CANARIES.contactEmail);
    const withContacts = await run('staff', true);
    const proposals = withContacts.files.find((f) => f.name === 'proposals-staff-contacts.csv');
    expect(proposals?.content).toContain(CANARIES.contactEmail);
    expect(withContacts.files.find((f) => f.name === 'README.txt')?.content).toContain('PRIVATE CONTACT DATA');
    // Never, in any file: participant ids and registration numbers.
    for (const file of [...staff.files, ...withContacts.files]) {
      expect(file.content).not.toContain(CANARIES.registration);
      for (const participantId of participants) expect(file.content).not.toContain(participantId);
      if (file.name.endsWith('.csv')) {
        for (const row of parseCsv(file.content)) for (const cell of row) expect(isLiveFormula(cell)).toBe(false);
      }
    }
  });
});

const CHROMIUM = '/usr/bin/chromium';

describe('the HTML report in a browser', () => {
  it.skipIf(!existsSync(CHROMIUM))('has no axe violations (WCAG 2.2 AA), in both languages', async () => {
    const { files } = await run('public');
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      for (const name of ['report-sq.html', 'report-en.html']) {
        await page.setContent(files.find((f) => f.name === name)?.content ?? '');
        await page.addScriptTag({ content: axe.source });
        const violations = await page.evaluate(async () => {
          const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
          const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
            runOnly: { type: 'tag', values: tags },
          });
          return result.violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`);
        });
        expect(violations, name).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});

describe('npm run summary', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/summary.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes the files from the local database, with progress on stderr', async () => {
    const dir = path.join(out, 'cli');
    const result = cli(['--consultation', CONSULTATION, '--format', 'csv,json', '--out', dir], {
      DYNAMODB_ENDPOINT: table.endpoint,
      KONSULTO_TABLE: table.tableName,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Reading items .*items read in/s);
    expect((await readdir(dir)).sort()).toEqual([
      'README.txt',
      'contributions.csv',
      'proposals.csv',
      'responses.csv',
      'summary.json',
      'votes.csv',
    ]);
  });

  it('refuses a database that is not local, an unknown stage, and a stage beside a local endpoint', () => {
    const remote = cli(['--consultation', CONSULTATION, '--out', path.join(out, 'x')], {
      DYNAMODB_ENDPOINT: 'https://dynamodb.eu-central-1.amazonaws.com',
    });
    expect(remote.status).toBe(1);
    expect(remote.stderr).toContain('only a local DynamoDB endpoint');
    const unknown = cli(['--consultation', CONSULTATION, '--out', path.join(out, 'x'), '--stage', 'staging'], {});
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--stage must be one of dev, prod');
    // (Reading a deployed stage needs AWS: its argument handling and table naming are unit-tested, operator-cli.test.ts.)
    const both = cli(['--consultation', CONSULTATION, '--out', path.join(out, 'x'), '--stage', 'prod'], {
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('unset DYNAMODB_ENDPOINT');
  });
});
