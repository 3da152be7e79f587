import type { Language } from '../schemas/common.ts';
import { type Cell, toCsv } from './csv.ts';
import { renderReport } from './report.ts';
import type { Summary } from './schema.ts';

/*
 * The downloadable files of a summary view (see docs/summaries.md for every column). The view decides what is in
 * them: write public files from `forAudience(summary, 'public')` only.
 */

export const SUMMARY_FORMATS = ['csv', 'json', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
export type SummaryFile = { name: string; content: string };

/** `-staff` in every staff file name (and `-contacts` when contact fields are in), so a file says what it holds. */
function suffix(view: Summary): string {
  if (view.audience === 'public') return '';
  return view.proposals.some((p) => p.contact !== undefined) ? '-staff-contacts' : '-staff';
}

export const CONTRIBUTION_COLUMNS = [
  'kind',
  'id',
  'commitment_id',
  'section_id',
  'parent_id',
  'created_at',
  'status',
  'language',
  'text',
  'agree',
  'disagree',
  'pass',
  'reply_count',
  'response_id',
  'disposition',
  'imported_from',
] as const;

export const VOTE_COLUMNS = [
  'commitment_id',
  'commitment_title',
  'dimension',
  'group',
  'support',
  'oppose',
  'neutral',
  'total',
  'support_share',
  'oppose_share',
  'neutral_share',
] as const;

export const PROPOSAL_COLUMNS = [
  'id',
  'kind',
  'commitment_id',
  'section_id',
  'title',
  'organisation_name',
  'organisation_type',
  'municipality',
  'submitted_at',
  'status',
  'visibility',
  'response_id',
  'disposition',
] as const;

export const RESPONSE_COLUMNS = [
  'contribution_kind',
  'contribution_id',
  'commitment_id',
  'response_id',
  'disposition',
  'merged_into',
  'responded_at',
] as const;

const share = (n: number, total: number) => (total === 0 ? null : Math.round((n / total) * 10_000) / 10_000);

export function csvFiles(view: Summary): SummaryFile[] {
  const staff = view.audience === 'staff';
  const withContacts = view.proposals.some((p) => p.contact !== undefined);
  const end = suffix(view);

  const contributions = toCsv(
    [...CONTRIBUTION_COLUMNS, ...(staff ? ['display_name'] : [])],
    view.contributions.map((r): Cell[] => [
      r.kind,
      r.id,
      r.commitmentId,
      r.sectionId,
      r.parentId,
      r.createdAt,
      r.status,
      r.language,
      r.text,
      r.agree,
      r.disagree,
      r.pass,
      r.replyCount,
      r.responseId,
      r.disposition,
      r.importedFrom,
      ...(staff ? [r.displayName] : []),
    ]),
  );

  const voteRows: Cell[][] = [];
  for (const c of view.commitments) {
    const v = c.votes;
    const row = (
      dimension: string,
      group: string,
      g: { support: number; oppose: number; neutral: number; total: number },
    ) =>
      voteRows.push([
        c.id,
        c.title.sq,
        dimension,
        group,
        g.support,
        g.oppose,
        g.neutral,
        g.total,
        share(g.support, g.total),
        share(g.oppose, g.total),
        share(g.neutral, g.total),
      ]);
    row('all', 'all', v);
    for (const g of v.byStakeholderType) row('stakeholder-type', g.key, g);
    for (const g of v.byMunicipality) row('municipality', g.key, g);
  }
  const votes = toCsv(VOTE_COLUMNS, voteRows);

  const proposals = toCsv(
    [...PROPOSAL_COLUMNS, ...(withContacts ? ['contact_name', 'contact_email', 'contact_phone'] : [])],
    view.proposals.map((p): Cell[] => [
      p.id,
      p.kind,
      p.commitmentId,
      p.sectionId,
      p.title,
      p.organisationName,
      p.organisationType,
      p.municipality,
      p.submittedAt,
      p.status,
      p.visibility,
      p.responseId,
      p.disposition,
      ...(withContacts ? [p.contact?.name, p.contact?.email, p.contact?.phone] : []),
    ]),
  );

  const responses = toCsv(
    [...RESPONSE_COLUMNS, ...(staff ? ['justification_sq', 'justification_en'] : [])],
    view.responses.rows.map((r): Cell[] => [
      r.contributionKind,
      r.contributionId,
      r.commitmentId,
      r.responseId,
      r.disposition,
      r.mergedInto,
      r.respondedAt,
      ...(staff ? [r.justification?.sq, r.justification?.en] : []),
    ]),
  );

  return [
    { name: `contributions${end}.csv`, content: contributions },
    { name: `votes${end}.csv`, content: votes },
    { name: `proposals${end}.csv`, content: proposals },
    { name: `responses${end}.csv`, content: responses },
  ];
}

export function jsonFile(view: Summary): SummaryFile {
  return { name: `summary${suffix(view)}.json`, content: `${JSON.stringify(view, null, 2)}\n` };
}

export function htmlFile(view: Summary, language: Language): SummaryFile {
  return { name: `report${suffix(view)}-${language}.html`, content: renderReport(view, language) };
}

/** What the files are, their audience and licence: written beside them as README.txt. */
export function readme(view: Summary, files: readonly SummaryFile[]): SummaryFile {
  const lines = [
    `Konsulto: consultation summary of "${view.consultation.title.en ?? view.consultation.title.sq}" (${view.consultation.id})`,
    `Generated ${view.generatedAt}. Field by field description: docs/summaries.md in the Konsulto repository.`,
    '',
    view.audience === 'public'
      ? 'PUBLIC FILES (open data). Licence: Creative Commons Attribution 4.0 (CC BY 4.0). They hold no personal data: no names, no participant ids, no contact data; email addresses and phone numbers typed into texts are replaced by [email] and [tel].'
      : 'STAFF FILES: NOT FOR PUBLICATION. They hold moderated contributions and the display names authors chose' +
        (view.proposals.some((p) => p.contact !== undefined)
          ? ', AND THE PRIVATE CONTACT DATA OF ORGANISATIONS (name, email, phone of the contact person). Keep them where only drafters can read them; delete them when the consultation report is published.'
          : '. They hold no contact data.'),
    '',
    'Files:',
    ...files.map((f) => `- ${f.name}`),
    '',
    'CSV files: UTF-8 with BOM, comma separated, RFC 4180 quoting; text cells starting with = + - @ are prefixed with an apostrophe so that spreadsheets do not run them.',
    '',
  ];
  return { name: 'README.txt', content: lines.join('\r\n') };
}

/** Every file of the chosen formats for one view (HTML in the languages asked for). */
export function summaryFiles(
  view: Summary,
  formats: readonly SummaryFormat[],
  languages: readonly Language[] = ['sq', 'en'],
): SummaryFile[] {
  const files: SummaryFile[] = [];
  if (formats.includes('csv')) files.push(...csvFiles(view));
  if (formats.includes('json')) files.push(jsonFile(view));
  if (formats.includes('html')) for (const language of languages) files.push(htmlFile(view, language));
  return [...files, readme(view, files)];
}
