/** Bundles each Lambda function as CDK deploys it, into dist/functions/<name>/index.mjs, and prints the sizes. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_ENTRIES, JOB_ENTRIES } from '#functions/routes.ts';
import { BUNDLE_OPTIONS } from './bundle-settings.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const BUNDLE_DIR = path.join(ROOT, 'dist/functions');

export async function bundleFunctions() {
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries({ ...FUNCTION_ENTRIES, ...JOB_ENTRIES })) {
    const outfile = path.join(BUNDLE_DIR, name, 'index.mjs');
    await mkdir(path.dirname(outfile), { recursive: true });
    const result = await build({ ...BUNDLE_OPTIONS, entryPoints: [path.join(ROOT, entry)], outfile, metafile: true });
    const metafile = result.metafile ?? { inputs: {}, outputs: {} };
    await writeFile(path.join(BUNDLE_DIR, name, 'meta.json'), JSON.stringify(metafile));
    const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.mjs'));
    sizes[name] = output?.[1].bytes ?? 0;
  }
  return sizes;
}

if (import.meta.main) {
  const sizes = await bundleFunctions();
  for (const [name, bytes] of Object.entries(sizes)) console.log(`${name}: ${(bytes / 1024).toFixed(1)} KB`);
}
