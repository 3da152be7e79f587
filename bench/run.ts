/**
 * `npm run bench`: the performance figures of ../TARGETS.md P1-P8 (see BENCHMARKS.md).
 * P1 Lambda bundle sizes, P2 module init, P3 vote write path vs its raw transaction, P4 comment thread pages, P5
 * summary end to end vs reading, P6 summary function (child process), P7 Lighthouse and page bytes (full mode only),
 * P8 AWS cost from measured capacity units. `--quick` (CI) runs fewer repeats and smaller data; `--only p1,p2` runs
 * some of them. `--json` prints machine-readable results. Results are also written to bench/results/latest.json.
 * `npm run bench` builds the content catalog first; full mode also builds the site (P7 measures what the source makes).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchBundles } from './p1-bundles.ts';
import { benchInit } from './p2-init.ts';
import { benchVotes } from './p3-votes.ts';
import { benchThread } from './p4-thread.ts';
import { benchSummaryEndToEnd } from './p5-summary.ts';
import { benchSummaryFunction } from './p6-summary.ts';
import { benchLighthouse } from './p7-lighthouse.ts';
import { benchCost } from './p8-cost.ts';
import { benchDatabase, type Stats } from './support.ts';

const ALL = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] as const;
type Part = (typeof ALL)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const quick = values.quick;
const parts = new Set<Part>(values.only ? (values.only.split(',') as Part[]) : ALL);
const started = performance.now();
const step = (label: string) =>
  console.log(`${label} (${Math.round((performance.now() - started) / 1000)} s since the start)`);

const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** 1, 5 and 15-minute load averages when the run started: other work on the machine slows every timing. */
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 10) / 10),
  },
  date: new Date().toISOString(),
  command: `npm run bench${quick || values.only ? ' --' : ''}${quick ? ' --quick' : ''}${values.only ? ` --only ${values.only}` : ''}`,
  quick,
};

let p1: Awaited<ReturnType<typeof benchBundles>> | undefined;
if (parts.has('p1') || parts.has('p2')) {
  step('P1  Lambda bundles…');
  p1 = await benchBundles();
  if (parts.has('p1')) results.p1 = p1;
}
if (parts.has('p2') && p1) {
  step('P2  module init…');
  results.p2 = await benchInit(
    p1.functions.map((f) => f.function),
    { runs: quick ? 5 : 15, detailed: !quick },
  );
}
if (['p3', 'p4', 'p5', 'p7', 'p8'].some((p) => parts.has(p as Part))) {
  const db = await benchDatabase();
  try {
    if (parts.has('p3')) {
      step('P3  votes…');
      results.p3 = await benchVotes(db, quick ? { votes: 300, rounds: 1 } : { votes: 2000, rounds: 5 });
    }
    if (parts.has('p4')) {
      step('P4  comment thread…');
      results.p4 = await benchThread(db, quick ? { comments: 5000, samples: 10 } : { comments: 5000, samples: 50 });
    }
    if (parts.has('p5')) {
      step('P5  summary end to end…');
      results.p5 = await benchSummaryEndToEnd(
        db,
        quick
          ? { comments: 1000, votes: 10_000, reactions: 2000, rounds: 1 }
          : { comments: 5000, votes: 50_000, reactions: 10_000, rounds: 3 },
      );
    }
    if (parts.has('p8')) {
      step('P8  cost from measured capacity units…');
      results.p8 = await benchCost(db, { participants: quick ? 20 : 200 });
    }
    if (parts.has('p7') && quick) results.p7 = { skipped: 'full mode only (npm run bench)' };
    else if (parts.has('p7')) {
      step('P7  building the site, then Lighthouse…');
      execFileSync('npm', ['run', 'build:site', '--silent'], {
        stdio: 'inherit',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      });
      results.p7 = await benchLighthouse(db, { runs: 3 });
    }
  } finally {
    await db.close();
  }
}
if (parts.has('p6')) {
  step('P6  summary function…');
  results.p6 = await benchSummaryFunction(
    quick ? { comments: 10_000, votes: 100_000, runs: 1 } : { comments: 100_000, votes: 1_000_000, runs: 3 },
  );
}
results.durationSeconds = Math.round((performance.now() - started) / 1000);
results.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 10) / 10);

const dir = path.resolve(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

if (values.json) console.log(JSON.stringify(results, null, 2));
else print(results);

// A network call at module init is a defect, not a figure: the run fails (CI runs the quick mode).
const p2 = results.p2 as { networkAttempts: number; networkAttemptsSample: string[] } | undefined;
if (p2 && p2.networkAttempts > 0) {
  console.error(
    `P2: ${p2.networkAttempts} network call(s) at module init, e.g. ${p2.networkAttemptsSample.join('; ')}`,
  );
  process.exitCode = 1;
}

/** A table of figures, one row each, with median, min and max. */
function statsTable(rows: Record<string, Stats>) {
  console.table(Object.fromEntries(Object.entries(rows).map(([name, s]) => [name, { ...s }])));
}

// biome-ignore lint/suspicious/noExplicitAny: printing the results object built above.
function print(r: Record<string, any>) {
  if (r.p1) {
    console.log('\nP1  Lambda bundle size (minified, AWS SDK v3 bundled, the settings CDK deploys)');
    console.table(
      Object.fromEntries(
        r.p1.functions.map((f: { function: string; kb: number; verdict: string }) => [
          f.function,
          { kb: f.kb, target: `≤ ${r.p1.targetKb}`, verdict: f.verdict },
        ]),
      ),
    );
    console.log('    largest packages per bundle (KB):');
    for (const f of r.p1.functions) {
      const top = f.largest.map((l: { package: string; kb: number }) => `${l.package} ${l.kb}`).join(', ');
      console.log(`      ${f.function}: ${top}`);
    }
    console.log('    reference bundles (same settings):');
    for (const ref of r.p1.references) console.log(`      ${ref.reference}: ${ref.kb} KB`);
    console.log(`    zod/mini instead of zod classic would save ≈ ${r.p1.zodMiniSavingKb} KB per bundle using zod`);
  }
  if (r.p2) {
    console.log(`\nP2  Module init minus an empty bundle's (${r.p2.runs} fresh processes each; ms)`);
    statsTable(Object.fromEntries(r.p2.bundles.map((b: { bundle: string; initMs: Stats }) => [b.bundle, b.initMs])));
    if (!r.quick) {
      console.log('    without --enable-source-maps (ms):');
      statsTable(
        Object.fromEntries(
          r.p2.bundles.map((b: { bundle: string; initWithoutSourceMapsMs: Stats }) => [
            b.bundle,
            b.initWithoutSourceMapsMs,
          ]),
        ),
      );
      console.log('    CPU profile, median of 3, minus the empty bundle (ms):');
      console.table(
        Object.fromEntries(
          r.p2.bundles.map((b: { bundle: string; cpuProfileMs: object }) => [b.bundle, b.cpuProfileMs]),
        ),
      );
    }
    console.log(
      `    network calls at init: ${r.p2.networkAttempts}; target ≤ ${r.p2.targetMs} ms and none: ${r.p2.verdict}`,
    );
  }
  if (r.p3) {
    console.log('\nP3  Vote through the handler vs the raw transaction it issues (DynamoDB Local, concurrency 16)');
    statsTable({
      'raw transaction (ms/round)': r.p3.rawTransactionMs,
      'handler (ms/round)': r.p3.handlerMs,
      'ratio handler/raw': r.p3.ratio,
      'handler votes/s': r.p3.handlerVotesPerSecond,
    });
    console.log(`    ${r.p3.summary}: ${r.p3.verdict}`);
  }
  if (r.p4) {
    console.log('\nP4  One page (20) of a 5,000-comment thread through the local HTTP adapter (ms)');
    statsTable({
      'first page, newest': r.p4.firstPageMs,
      'page 101 (cursor)': r.p4.deepPageMs,
      'first page, most agreed': r.p4.mostAgreedMs,
      'first page, one section': r.p4.sectionMs,
    });
    console.log(`    target ≤ ${r.p4.targetMs} ms median: ${r.p4.verdict}`);
  }
  if (r.p5) {
    console.log(
      `\nP5  Summary end to end (${r.p5.comments} comments, ${r.p5.votes} votes, ${r.p5.reactions} reactions) vs reading the same items (ms)`,
    );
    statsTable({ 'read only': r.p5.readMs, 'summary, all files': r.p5.summaryMs, ratio: r.p5.ratio });
    console.log(`    target ≤ ${r.p5.targetMs} ms and ≤ ${r.p5.targetRatio}× reading: ${r.p5.verdict}`);
  }
  if (r.p6) {
    console.log(`\nP6  Summary function alone (${r.p6.comments} comments, ${r.p6.votes} votes), child process (ms)`);
    statsTable({
      'summary incl. generating items': r.p6.summaryWithGenerationMs,
      'generating items only': r.p6.generationOnlyMs,
      summary: r.p6.summaryMs,
      'summary, CPU time': r.p6.summaryCpuMs,
      'CPU time / wall time of the child': r.p6.cpuShareOfWallTime,
    });
    console.log(
      `    peak RSS ${r.p6.peakRssMb} MB (generation alone ${r.p6.generationOnlyPeakRssMb} MB); target ≤ ${r.p6.targetMs} ms, ≤ ${r.p6.targetMb} MB: ${r.p6.verdict}`,
    );
  }
  if (r.p7) {
    console.log('\nP7  Lighthouse (mobile defaults, Debian Chromium, offline)');
    if (r.p7.skipped) console.log(`    skipped: ${r.p7.skipped}`);
    else {
      for (const p of r.p7.pages) {
        console.log(`    ${p.page} (${p.path})`);
        statsTable({
          performance: p.performance,
          accessibility: p.accessibility,
          'largest contentful paint (ms)': p.largestContentfulPaintMs,
        });
        console.table(p.bytes);
      }
    }
  }
  if (r.p8) {
    console.log(
      `\nP8  AWS cost of ${r.p8.atScale.participants} participants from capacity units measured on ${r.p8.sampleParticipants}`,
    );
    console.table(
      Object.fromEntries(
        r.p8.operations.map((o: Record<string, unknown>) => [
          o.operation,
          {
            requests: o.requests,
            errors: o.errors,
            'WRU/req': o.wruPerRequest,
            'RRU/req': o.rruPerRequest,
            'units/req': `${(o.capacityPerRequest as Stats).median} (${(o.capacityPerRequest as Stats).min}-${(o.capacityPerRequest as Stats).max})`,
            'at scale': o.atScale,
          },
        ]),
      ),
    );
    console.log('    DynamoDB operations per request (calls × units):');
    for (const o of r.p8.operations) {
      const parts = Object.entries(o.byCommand as Record<string, { calls: number; units: number }>)
        .map(([name, c]) => `${name} ${c.calls}× ${c.units} u`)
        .join(', ');
      console.log(`      ${o.operation}: ${parts}`);
    }
    console.table(Object.fromEntries(r.p8.costs.map((c: { region: string; lines: object }) => [c.region, c.lines])));
    for (const c of r.p8.costs)
      console.log(`    ${c.region}: $${c.totalUsd} (target ≤ $${r.p8.targetUsd}): ${c.verdict}`);
    console.log(`    prices: ${r.p8.prices}`);
  }
  console.log(
    `\n${r.command}: ${r.durationSeconds} s on ${r.machine.cpus} CPUs, load average ${r.machine.loadAverageAtStart[0]} at the start and ${r.loadAverageAtEnd[0]} at the end; results in bench/results/latest.json`,
  );
}
