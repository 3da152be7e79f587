/**
 * `npm run export-polis -- --consultation <id> --commitment <id> --out <dir>`: a commitment's comments and reactions in
 * Polis's open-data format (comments.csv and votes.csv with Polis's v1 columns), so tools built for Polis exports can
 * read Konsulto data (docs/summaries.md, "Polis").
 * - comment-id / voter-id are numbers: a comment or participant imported from one Polis conversation keeps its Polis
 *   number; everything else is numbered after them (comments by time, participants by first reaction). Participant
 *   ids never appear.
 * - agrees / disagrees count each participant's latest reaction (a Konsulto reaction item is the latest one);
 *   votes.csv has one row per participant and comment: 1 agree, -1 disagree, 0 pass.
 * - moderated: published 1, hidden or deleted -1 (deleted without text), pending 0.
 * The files are pseudonymous (voter numbers link one person's votes): a staff download, not open data.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDynamoSummarySource } from '#functions/repositories/summary-source.ts';
import { exportPolis } from '#functions/summary-job/polis-export.ts';
import { Catalog, type CatalogData } from '#shared/catalog.ts';
import { CATALOG_FILE } from './build-catalog.ts';
import { openReadDatabase, progressBar, stageTarget } from './operator-support.ts';

async function main() {
  const { values } = parseArgs({
    options: {
      consultation: { type: 'string' },
      commitment: { type: 'string' },
      out: { type: 'string' },
      stage: { type: 'string' },
    },
  });
  if (!values.consultation || !values.commitment || !values.out) {
    throw new Error('Usage: npm run export-polis -- --consultation <id> --commitment <id> --out <dir>');
  }
  stageTarget(values.stage);
  const catalog = new Catalog(
    JSON.parse(
      await readFile(CATALOG_FILE, 'utf8').catch(() => {
        throw new Error(`No catalog at ${CATALOG_FILE}: run npm run build:catalog first.`);
      }),
    ) as CatalogData,
  );
  if (catalog.commitment(values.commitment).consultationId !== values.consultation) {
    throw new Error(`Commitment "${values.commitment}" is not part of "${values.consultation}".`);
  }
  const database = await openReadDatabase(values.stage);
  const bar = progressBar('Reading items');
  try {
    const source = createDynamoSummarySource(database.documents, database.tableName);
    const total = await source.estimateTotal();
    const target = { consultationId: values.consultation, commitmentId: values.commitment };
    const result = await exportPolis(source, target, (scanned) => bar.update(scanned, total));
    bar.done('done');
    const out = path.resolve(values.out);
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'comments.csv'), result.commentsCsv, 'utf8');
    await writeFile(path.join(out, 'votes.csv'), result.votesCsv, 'utf8');
    console.log(
      `${result.commentNumbers.size} comments, ${result.voterNumbers.size} participants -> ${path.relative(process.cwd(), out)}/comments.csv, votes.csv`,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`export-polis: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
