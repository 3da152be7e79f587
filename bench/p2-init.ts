/**
 * P2: module init of each Lambda bundle in a fresh Node 24 process, minus an empty bundle's: the time `import()` of
 * the bundle takes (parsing, evaluating, creating the clients), measured inside the child, with the environment Lambda
 * gives a function (region, role credentials, function name, our settings). The network is blocked in each child
 * (bench/network-guard.ts) and any attempt at init, or in the 100 ms after it, is counted: the target is none.
 * Runs are interleaved across bundles so machine noise hits them alike. Target: ≤ 25 ms, no network call at init.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFile, referenceFile } from './p1-bundles.ts';
import { round, roundStats, type Stats, stats } from './support.ts';

const TARGET_MS = 25;
const GUARD = path.resolve(import.meta.dirname, 'network-guard.ts');

/** What Lambda puts in a function's environment (fake credentials: nothing is called), plus our settings. */
const LAMBDA_ENV = {
  AWS_REGION: 'eu-central-1',
  AWS_DEFAULT_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'ASIABENCHMARK0000000',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
  AWS_SESSION_TOKEN: 'bench-session-token',
  AWS_LAMBDA_FUNCTION_NAME: 'konsulto-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  TABLE_NAME: 'konsulto-bench',
  KONSULTO_COOKIE_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:konsulto-bench',
  KONSULTO_UPLOADS_BUCKET: 'konsulto-bench-uploads',
  KONSULTO_AUTH_DOMAIN_URL: 'https://konsulto-bench.auth.eu-central-1.amazoncognito.com',
  KONSULTO_AUTH_CLIENT_ID: 'bench-client',
  KONSULTO_ORIGIN_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:konsulto-bench-origin',
  KONSULTO_EXPORTS_BUCKET: 'konsulto-bench-exports',
  KONSULTO_SUMMARY_JOB_FUNCTION: 'konsulto-bench-summary-job',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

type Sample = { ms: number; attempts: string[] };

const CHILD = `
const started = performance.now();
await import(process.argv[1]);
const ms = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 100));
process.stdout.write(JSON.stringify({ ms, attempts: globalThis.__konsultoNetworkAttempts }));
process.exit(0);
`;

const CANARY = `
await fetch('https://example.com/').catch(() => {});
process.stdout.write(JSON.stringify({ ms: 0, attempts: globalThis.__konsultoNetworkAttempts }));
`;

function runChild(script: string, file: string, sourceMaps: boolean, extraArgs: string[] = []): Promise<Sample> {
  const args = [
    ...extraArgs,
    ...(sourceMaps ? ['--enable-source-maps'] : []),
    '--import',
    pathToFileURL(GUARD).href,
    '--input-type=module',
    '-e',
    script,
    pathToFileURL(file).href,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`init of ${file} failed (${code}): ${err.slice(0, 500)}`));
      else resolve(JSON.parse(out) as Sample);
    });
  });
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Where a child's CPU time goes, in ms: compiling the bundle, loading Node's built-ins, running the bundle, GC. */
function splitProfile(profile: CpuProfile, bundle: string) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const split = { compileMs: 0, builtinsMs: 0, bundleCodeMs: 0, gcMs: 0, otherMs: 0 };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id);
    if (!frame) return;
    if (frame.functionName === 'compileSourceTextModule') split.compileMs += ms;
    else if (/^(compileForInternalLoader|compileForPublicLoader|internalBinding)$/.test(frame.functionName))
      split.builtinsMs += ms;
    else if (frame.url.endsWith(bundle)) split.bundleCodeMs += ms;
    else if (frame.functionName === '(garbage collector)') split.gcMs += ms;
    else split.otherMs += ms;
  });
  return split;
}

/** One profiled init (V8's sampling profiler, 100 µs interval), split as splitProfile does. */
async function profileInit(file: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'konsulto-p2-'));
  try {
    await runChild(CHILD, file, true, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir]);
    const [name] = await readdir(dir);
    const profile = JSON.parse(await readFile(path.join(dir, name ?? ''), 'utf8')) as CpuProfile;
    return splitProfile(profile, path.basename(path.dirname(file)) + path.sep + path.basename(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `detailed` (full mode) also times each bundle without source maps and profiles three runs each; the quick mode
 * only times the deployed configuration.
 */
export async function benchInit(functions: string[], { runs, detailed }: { runs: number; detailed: boolean }) {
  // The guard must be able to fail: a child that fetches at init is caught.
  const canary = await runChild(CANARY, referenceFile('empty'), false);
  if (canary.attempts.length !== 1) throw new Error('the network guard did not catch a fetch');

  const bundles = [
    { name: 'empty', file: referenceFile('empty') },
    { name: 'dynamodb-client', file: referenceFile('dynamodb-client') },
    { name: 'shared-schemas', file: referenceFile('shared-schemas') },
    { name: 'zod-classic', file: referenceFile('zod-classic') },
    { name: 'zod-mini', file: referenceFile('zod-mini') },
    ...functions.map((name) => ({ name, file: bundleFile(name) })),
  ];
  const samples = new Map<string, { withMaps: number[]; withoutMaps: number[]; attempts: string[] }>(
    bundles.map((b) => [b.name, { withMaps: [], withoutMaps: [], attempts: [] }]),
  );
  for (const b of bundles) await runChild(CHILD, b.file, true); // warm the file cache
  for (let run = 0; run < runs; run++) {
    process.stdout.write(`\r    run ${run + 1}/${runs}`);
    for (const b of bundles) {
      const entry = samples.get(b.name);
      if (!entry) continue;
      for (const sourceMaps of detailed ? [true, false] : [true]) {
        const sample = await runChild(CHILD, b.file, sourceMaps);
        (sourceMaps ? entry.withMaps : entry.withoutMaps).push(sample.ms);
        entry.attempts.push(...sample.attempts);
      }
    }
  }
  process.stdout.write('\n');
  // Medians of three profiled runs each, minus the empty bundle's (Node's own start-up).
  const profiles = new Map<string, ReturnType<typeof splitProfile>>();
  for (const b of detailed ? bundles : []) {
    const runs3 = [await profileInit(b.file), await profileInit(b.file), await profileInit(b.file)];
    const median = (key: keyof ReturnType<typeof splitProfile>) => stats(runs3.map((r) => r[key])).median;
    profiles.set(b.name, {
      compileMs: median('compileMs'),
      builtinsMs: median('builtinsMs'),
      bundleCodeMs: median('bundleCodeMs'),
      gcMs: median('gcMs'),
      otherMs: median('otherMs'),
    });
  }
  const baseProfile = profiles.get('empty');

  const empty = samples.get('empty');
  const emptyWith = stats(empty?.withMaps ?? []).median;
  const emptyWithout = stats(empty?.withoutMaps ?? []).median;
  const minus = (s: Stats, base: number): Stats => ({
    median: s.median - base,
    min: s.min - base,
    max: s.max - base,
  });
  const rows = bundles.map(({ name }) => {
    const entry = samples.get(name) ?? { withMaps: [], withoutMaps: [], attempts: [] };
    const withMaps = stats(entry.withMaps);
    const withoutMaps = stats(entry.withoutMaps);
    const initMs = minus(withMaps, emptyWith);
    const isFunction = functions.includes(name);
    return {
      bundle: name,
      // As deployed: the functions run with NODE_OPTIONS=--enable-source-maps.
      importMs: roundStats(withMaps, 1),
      initMs: roundStats(initMs, 1),
      ...(detailed ? { initWithoutSourceMapsMs: roundStats(minus(withoutMaps, emptyWithout), 1) } : {}),
      networkAttempts: entry.attempts.length,
      cpuProfileMs: Object.fromEntries(
        Object.entries(profiles.get(name) ?? {}).map(([key, ms]) => [
          key,
          round(ms - (baseProfile?.[key as keyof typeof baseProfile] ?? 0), 1),
        ]),
      ),
      ...(isFunction ? { verdict: initMs.median <= TARGET_MS && entry.attempts.length === 0 ? 'met' : 'missed' } : {}),
    };
  });
  const fns = rows.filter((r) => functions.includes(r.bundle));
  return {
    runs,
    emptyImportMs: round(emptyWith, 1),
    bundles: rows,
    networkAttempts: fns.reduce((n, r) => n + r.networkAttempts, 0),
    networkAttemptsSample: [...samples.values()].flatMap((s) => s.attempts).slice(0, 5),
    targetMs: TARGET_MS,
    verdict: fns.every((r) => r.verdict === 'met') ? 'met' : 'missed',
  };
}
