/**
 * `npm run summary -- --consultation <id> --format csv|json|html --out <dir>`: a consultation summary from the local
 * database (docs/summaries.md). Options:
 *   --format        csv, json, html; repeat or comma-separate for several (default: all three)
 *   --audience      public (default: open data, no personal data) or staff (moderated contributions, display names)
 *   --with-contacts staff only: add the proposals' contact fields (the files are then named *-staff-contacts*)
 *   --lang          sq, en or both (default) for the HTML report
 *   --stage <name>  read the deployed table of a stage (dev, prod) with the AWS credentials of the environment
 * The local database is DYNAMODB_ENDPOINT, else the one of a running `npm start`, else DynamoDB Local started on
 * .data/dynamodb. Progress (items read / the table's item count) is shown on stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDynamoSummarySource, type SummarySource } from '#functions/repositories/summary-source.ts';
import type { Language } from '#shared/schemas/common.ts';
import { summaryContext } from '#shared/summary/context.ts';
import { SUMMARY_FORMATS, type SummaryFormat, summaryFiles } from '#shared/summary/files.ts';
import type { SummaryContext } from '#shared/summary/input.ts';
import { forAudience } from '#shared/summary/privacy.ts';
import type { Audience, Summary } from '#shared/summary/schema.ts';
import { createSummaryBuilder } from '#shared/summary/summarise.ts';
import { loadContent } from './content.ts';
import { openLocalDatabase, openStageDatabase, progressBar, stageTarget } from './operator-support.ts';

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

export type SummaryCommand = {
  consultation: string;
  out: string;
  formats: SummaryFormat[];
  audience: Audience;
  includeContacts: boolean;
  languages: Language[];
  stage?: { stage: string; tableName?: string };
  segments?: number;
};

/** The command line of `npm run summary`, checked before anything is read. */
export function parseSummaryArgs(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): SummaryCommand {
  const { values } = parseArgs({
    args,
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
  const audience = values.audience as Audience;
  if (audience !== 'public' && audience !== 'staff') throw new Error('--audience must be public or staff');
  if (values['with-contacts'] && audience !== 'staff') throw new Error('--with-contacts is only for staff files');
  const languages: Language[] =
    values.lang === 'both' ? ['sq', 'en'] : values.lang === 'sq' || values.lang === 'en' ? [values.lang] : [];
  if (languages.length === 0) throw new Error('--lang must be sq, en or both');
  const segments = values.segments === undefined ? undefined : Number(values.segments);
  if (segments !== undefined && !(Number.isInteger(segments) && segments >= 1 && segments <= 64)) {
    throw new Error('--segments must be a whole number from 1 to 64');
  }
  const stage = stageTarget(values.stage, env);
  return {
    consultation: values.consultation,
    out: values.out,
    formats: parseFormats(values.format),
    audience,
    includeContacts: values['with-contacts'],
    languages,
    ...(stage ? { stage } : {}),
    ...(segments !== undefined ? { segments } : {}),
  };
}

async function main() {
  const command = parseSummaryArgs(process.argv.slice(2));
  const content = await loadContent();
  if (content.problems.length > 0) throw new Error(`The content has problems: run npm run build:catalog to see them.`);
  const context = summaryContext(content, command.consultation, new Date().toISOString());
  const database = command.stage ? await openStageDatabase(command.stage) : await openLocalDatabase();
  const bar = progressBar('Reading items');
  const started = performance.now();
  try {
    const result = await writeSummary({
      source: createDynamoSummarySource(database.documents, database.tableName),
      context,
      formats: command.formats,
      audience: command.audience,
      includeContacts: command.includeContacts,
      languages: command.languages,
      outDir: path.resolve(command.out),
      ...(command.segments !== undefined ? { segments: command.segments } : {}),
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
