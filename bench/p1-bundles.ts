/**
 * P1: the minified size of each Lambda bundle, built with the settings CDK deploys (scripts/bundle-settings.ts), and
 * the largest packages in each from esbuild's metafile. Reference bundles built the same way show where the floor
 * is: an empty handler, the DynamoDB client alone (TARGETS.md's anchor), every shared zod schema alone, and zod
 * classic vs zod/mini for the API surface shared/schemas uses. Target: ≤ 150 KB each.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_DIR, bundleFunctions } from '../scripts/bundle-functions.ts';
import { BUNDLE_OPTIONS } from '../scripts/bundle-settings.ts';
import { round } from './support.ts';

const TARGET_KB = 150;
const TOP = 8;

/** Reference bundles (bench/references/<name>.ts), built into dist/bench/<name>/index.mjs. */
export const REFERENCES = ['empty', 'dynamodb-client', 'shared-schemas', 'zod-classic', 'zod-mini'] as const;
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../dist/bench');

export const bundleFile = (name: string) => path.join(BUNDLE_DIR, name, 'index.mjs');
export const referenceFile = (name: string) => path.join(REFERENCE_DIR, name, 'index.mjs');

const kb = (bytes: number) => round(bytes / 1024, 1);

/** The package an input file belongs to: `zod`, `@smithy/core`, or our own folder (`functions/commons`). */
function packageOf(file: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (match?.[1]) return match[1];
  return file.split('/').slice(0, 2).join('/');
}

/** The largest packages of a bundle, in KB of minified output. */
export function largestPackages(metafile: Metafile, top = TOP): { package: string; kb: number }[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const sizes = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    sizes.set(packageOf(file), (sizes.get(packageOf(file)) ?? 0) + bytesInOutput);
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => ({ package: name, kb: kb(bytes) }));
}

async function buildReference(name: string): Promise<{ bytes: number; metafile: Metafile }> {
  const outfile = referenceFile(name);
  await mkdir(path.dirname(outfile), { recursive: true });
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.resolve(import.meta.dirname, 'references', `${name}.ts`)],
    outfile,
    metafile: true,
  });
  const metafile = result.metafile ?? { inputs: {}, outputs: {} };
  await writeFile(path.join(path.dirname(outfile), 'meta.json'), JSON.stringify(metafile));
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.mjs'));
  return { bytes: output?.[1].bytes ?? 0, metafile };
}

export async function benchBundles() {
  const built = await bundleFunctions();
  const functions: {
    function: string;
    kb: number;
    targetKb: number;
    verdict: string;
    largest: { package: string; kb: number }[];
  }[] = [];
  for (const [name, bytes] of Object.entries(built)) {
    const metafile = JSON.parse(await readFile(path.join(BUNDLE_DIR, name, 'meta.json'), 'utf8')) as Metafile;
    functions.push({
      function: name,
      kb: kb(bytes),
      targetKb: TARGET_KB,
      verdict: bytes / 1024 <= TARGET_KB ? 'met' : 'missed',
      largest: largestPackages(metafile),
    });
  }
  const references: { reference: string; kb: number; largest: { package: string; kb: number }[] }[] = [];
  for (const name of REFERENCES) {
    const { bytes, metafile } = await buildReference(name);
    references.push({ reference: name, kb: kb(bytes), largest: largestPackages(metafile, 4) });
  }
  const size = (name: string) => references.find((r) => r.reference === name)?.kb ?? 0;
  return {
    functions,
    references,
    zodMiniSavingKb: round(size('zod-classic') - size('zod-mini'), 1),
    targetKb: TARGET_KB,
    verdict: functions.every((f) => f.verdict === 'met') ? 'met' : 'missed',
  };
}
