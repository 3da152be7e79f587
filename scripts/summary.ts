/**
 * `npm run summary -- --consultation <id> --format csv|json|html --out <dir>`: a consultation summary from the local
 * database (docs/summaries.md). Options:
 *   --format        csv, json, html; repeat or comma-separate for several (default: all three)
 *   --audience      public (default: open data, no personal data) or staff (moderated contributions, display names)
 *   --with-contacts staff only: add the proposals' contact fields (the files are then named *-staff-contacts*)
 *   --lang          sq, en or both (default) for the HTML report
 *   --stage <name>  a deployed table (not implemented yet: comes with the staff console's summary job)
 * Progress (items read / the table's item count) is shown on stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDynamoSummarySource, type SummarySource } from '#functions/repositories/summary-source.ts';
import type { Commitment } from '#shared/schemas/commitment.ts';
import { FIXED_SECTIONS, milestoneSectionId, sectionIdsOf } from '#shared/schemas/commitment.ts';
import type { Language, LocalizedText } from '#shared/schemas/common.ts';
import type { Consultation } from '#shared/schemas/consultation.ts';
import type { Meeting } from '#shared/schemas/meeting.ts';
import { SUMMARY_FORMATS, type SummaryFormat, summaryFiles } from '#shared/summary/files.ts';
import type { CommitmentInfo, SummaryContext } from '#shared/summary/input.ts';
import { SECTION_LABELS } from '#shared/summary/labels.ts';
import { forAudience } from '#shared/summary/privacy.ts';
import type { Audience, Summary } from '#shared/summary/schema.ts';
import { createSummaryBuilder } from '#shared/summary/summarise.ts';
import { loadContent } from './content.ts';
import { openLocalDatabase, progressBar, refuseStage } from './operator-support.ts';

export type ContentForSummary = {
  consultations: Consultation[];
  commitments: Commitment[];
  meetings: Meeting[];
};

/** The summary's context from the content files: the consultation, its commitments and sections, its meetings. */
export function summaryContext(
  content: ContentForSummary,
  consultationId: string,
  generatedAt: string,
): SummaryContext {
  const consultation = content.consultations.find((c) => c.id === consultationId && c.status !== 'draft');
  if (!consultation) {
    const known = content.consultations.filter((c) => c.status !== 'draft').map((c) => c.id);
    throw new Error(`Unknown consultation "${consultationId}". Known: ${known.join(', ') || 'none'}.`);
  }
  const commitments: CommitmentInfo[] = content.commitments
    .filter((c) => c.consultationId === consultationId)
    .map((c) => {
      const labels: Record<string, LocalizedText> = {};
      for (const id of FIXED_SECTIONS) labels[id] = SECTION_LABELS[id] as LocalizedText;
      for (const m of c.milestones) {
        labels[milestoneSectionId(m.id)] = {
          sq: `Hapi: ${m.title.sq}`,
          ...(m.title.en ? { en: `Milestone: ${m.title.en}` } : {}),
        };
      }
      return { id: c.id, order: c.order, title: c.title, sectionIds: sectionIdsOf(c), sectionLabels: labels };
    });
  return {
    consultation: { id: consultation.id, title: consultation.title },
    commitments,
    meetings: content.meetings.filter((m) => m.consultationId === consultationId),
    generatedAt,
  };
}

export type SummaryRun = {
  source: SummarySource;
  context: SummaryContext;
  formats: readonly SummaryFormat[];
  audience: Audience;
  includeContacts?: boolean;
  languages?: readonly Language[];
  outDir: string;
  segments?: number;
  onProgress?: (read: number, total: number | undefined) => void;
};

/** Streams the consultation's items through the summary and writes the files; returns their paths and the view. */
export async function writeSummary(run: SummaryRun): Promise<{ files: string[]; view: Summary; itemsRead: number }> {
  if (run.includeContacts && run.audience !== 'staff') throw new Error('--with-contacts is only for staff files');
  const total = await run.source.estimateTotal();
  const context: SummaryContext = {
    ...run.context,
    options: { ...run.context.options, includeContacts: run.includeContacts === true },
  };
  const builder = createSummaryBuilder(context);
  let scanned = 0;
  const items = run.source.consultationItems(
    context.consultation.id,
    context.commitments.map((c) => c.id),
    {
      ...(run.segments !== undefined ? { segments: run.segments } : {}),
      includeContacts: run.includeContacts === true,
      onProgress: (p) => {
        scanned = p.scanned;
        run.onProgress?.(p.scanned, total);
      },
    },
  );
  for await (const item of items) builder.add(item);
  const view = forAudience(builder.finish(), run.audience);
  const files = summaryFiles(view, run.formats, run.languages);
  await mkdir(run.outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(run.outDir, file.name);
    await writeFile(target, file.content, 'utf8');
    written.push(target);
  }
  return { files: written, view, itemsRead: scanned };
}

function parseFormats(values: string[] | undefined): SummaryFormat[] {
  if (!values || values.length === 0) return [...SUMMARY_FORMATS];
  const formats = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const f of formats) {
    if (!(SUMMARY_FORMATS as readonly string[]).includes(f))
      throw new Error(`--format must be csv, json or html: "${f}"`);
  }
  return formats as SummaryFormat[];
}

async function main() {
  const { values } = parseArgs({
    options: {
      consultation: { type: 'string' },
      format: { type: 'string', multiple: true },
      out: { type: 'string' },
      audience: { type: 'string', default: 'public' },
      'with-contacts': { type: 'boolean', default: false },
      lang: { type: 'string', default: 'both' },
      stage: { type: 'string' },
      segments: { type: 'string' },
    },
  });
  if (!values.consultation || !values.out) {
    throw new Error('Usage: npm run summary -- --consultation <id> --format csv|json|html --out <dir>');
  }
  refuseStage(values.stage);
  const audience = values.audience as Audience;
  if (audience !== 'public' && audience !== 'staff') throw new Error('--audience must be public or staff');
  const languages: Language[] =
    values.lang === 'both' ? ['sq', 'en'] : values.lang === 'sq' || values.lang === 'en' ? [values.lang] : [];
  if (languages.length === 0) throw new Error('--lang must be sq, en or both');
  const content = await loadContent();
  if (content.problems.length > 0) throw new Error(`The content has problems: run npm run build:catalog to see them.`);
  const context = summaryContext(content, values.consultation, new Date().toISOString());
  const database = await openLocalDatabase();
  const bar = progressBar('Reading items');
  const started = performance.now();
  try {
    const result = await writeSummary({
      source: createDynamoSummarySource(database.documents, database.tableName),
      context,
      formats: parseFormats(values.format),
      audience,
      includeContacts: values['with-contacts'],
      languages,
      outDir: path.resolve(values.out),
      ...(values.segments ? { segments: Number(values.segments) } : {}),
      onProgress: (read, total) => bar.update(read, total),
    });
    bar.done(
      `${result.itemsRead.toLocaleString('en-GB')} items read in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const t = result.view.totals;
    process.stderr.write(
      `${t.participants} participants, ${t.votes} votes, ${t.comments} comments, ${t.replies} replies, ${t.reactions} reactions, ${t.proposals} proposals, ${t.meetingContributions} meeting contributions\n`,
    );
    for (const file of result.files) console.log(path.relative(process.cwd(), file));
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`summary: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
