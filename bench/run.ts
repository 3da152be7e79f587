/**
 * `npm run bench`: the performance figures of ../TARGETS.md that exist so far (see BENCHMARKS.md).
 * Now: P1 (Lambda bundle sizes), P3 (vote write path vs its raw transaction), P4 (comment thread pages), P5 (summary
 * end to end vs reading), P6 (summary function, child process). `--quick` (CI) runs fewer repeats and smaller data.
 * `--json` prints machine-readable results. Results are also written to bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFunctions } from '../scripts/bundle-functions.ts';
import { benchVotes } from './p3-votes.ts';
import { benchThread } from './p4-thread.ts';
import { benchSummaryEndToEnd } from './p5-summary.ts';
import { benchSummaryFunction } from './p6-summary.ts';
import { benchDatabase } from './support.ts';

const P1_TARGET_KB = 150;

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});

const sizes = await bundleFunctions();
const db = await benchDatabase();
let p3: Awaited<ReturnType<typeof benchVotes>>;
let p4: Awaited<ReturnType<typeof benchThread>>;
let p5: Awaited<ReturnType<typeof benchSummaryEndToEnd>>;
try {
  console.log('P3  votes…');
  p3 = await benchVotes(db, values.quick ? { votes: 300, rounds: 1 } : { votes: 2000, rounds: 5 });
  console.log('P4  comment thread…');
  p4 = await benchThread(db, values.quick ? { comments: 5000, samples: 10 } : { comments: 5000, samples: 50 });
  console.log('P5  summary end to end…');
  p5 = await benchSummaryEndToEnd(
    db,
    values.quick
      ? { comments: 1000, votes: 10_000, reactions: 2000, rounds: 1 }
      : { comments: 5000, votes: 50_000, reactions: 10_000, rounds: 3 },
  );
} finally {
  await db.close();
}
console.log('P6  summary function…');
const p6 = await benchSummaryFunction(
  values.quick ? { comments: 10_000, votes: 100_000, runs: 1 } : { comments: 100_000, votes: 1_000_000, runs: 3 },
);
const results = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  quick: values.quick,
  p1: Object.entries(sizes).map(([fn, bytes]) => ({
    function: fn,
    kb: Math.round((bytes / 1024) * 10) / 10,
    targetKb: P1_TARGET_KB,
    verdict: bytes / 1024 <= P1_TARGET_KB ? 'met' : 'missed',
  })),
  p3,
  p4,
  p5,
  p6,
};

const dir = path.resolve(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('P1  Lambda bundle size (minified, AWS SDK v3 bundled)');
  console.table(results.p1);
  console.log('\nP3  Vote through the handler vs the raw transaction it issues (DynamoDB Local, concurrency 16)');
  console.table({
    'raw transaction (ms/round)': results.p3.rawTransactionMs,
    'handler (ms/round)': results.p3.handlerMs,
    'ratio handler/raw': results.p3.ratio,
    'handler votes/s': results.p3.handlerVotesPerSecond,
  });
  console.log(`    ${results.p3.summary}: ${results.p3.verdict}`);
  console.log('\nP4  One page (20) of a 5,000-comment thread through the local HTTP adapter (ms)');
  console.table({
    'first page, newest': results.p4.firstPageMs,
    'page 101 (cursor)': results.p4.deepPageMs,
    'first page, most agreed': results.p4.mostAgreedMs,
    'first page, one section': results.p4.sectionMs,
  });
  console.log(`    target ≤ ${results.p4.targetMs} ms median: ${results.p4.verdict}`);
  console.log(
    `\nP5  Summary end to end (${results.p5.comments} comments, ${results.p5.votes} votes, ${results.p5.reactions} reactions) vs reading the same items (ms)`,
  );
  console.table({
    'read only': results.p5.readMs,
    'summary, all files': results.p5.summaryMs,
    ratio: results.p5.ratio,
  });
  console.log(`    target ≤ ${results.p5.targetMs} ms and ≤ ${results.p5.targetRatio}× reading: ${results.p5.verdict}`);
  console.log(
    `\nP6  Summary function alone (${results.p6.comments} comments, ${results.p6.votes} votes), child process`,
  );
  console.table({
    'summary incl. generating items (ms)': results.p6.summaryWithGenerationMs,
    'generating items only (ms)': results.p6.generationOnlyMs,
    'summary (ms)': results.p6.summaryMs,
  });
  console.log(
    `    peak RSS ${results.p6.peakRssMb} MB (generation alone ${results.p6.generationOnlyPeakRssMb} MB); target ≤ ${results.p6.targetMs} ms, ≤ ${results.p6.targetMb} MB: ${results.p6.verdict}`,
  );
}
