/**
 * `npm run bench`: the performance figures of ../TARGETS.md that exist so far (see BENCHMARKS.md).
 * Now: P1, the minified size of each Lambda bundle as CDK builds it. `--quick` (CI) runs the same, fewer repeats.
 * `--json` prints machine-readable results. Results are also written to bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFunctions } from '../scripts/bundle-functions.ts';

const P1_TARGET_KB = 150;

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});

const sizes = await bundleFunctions();
const results = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  quick: values.quick,
  p1: Object.entries(sizes).map(([fn, bytes]) => ({
    function: fn,
    kb: Math.round((bytes / 1024) * 10) / 10,
    targetKb: P1_TARGET_KB,
    verdict: bytes / 1024 <= P1_TARGET_KB ? 'met' : 'missed',
  })),
};

const dir = path.resolve(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('P1  Lambda bundle size (minified, AWS SDK v3 bundled)');
  console.table(results.p1);
}
