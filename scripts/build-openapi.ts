/**
 * Writes functions/generated/openapi.json from the zod schemas (functions/openapi.ts). Generated at build time so the
 * Lambda that serves it at /api/openapi.json carries a small JSON file instead of zod's JSON Schema generator.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOpenApiDocument } from '#functions/openapi.ts';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../functions/generated/openapi.json');

export async function writeOpenApiDocument(): Promise<void> {
  await mkdir(path.dirname(OPENAPI_FILE), { recursive: true });
  await writeFile(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
}

if (import.meta.main) {
  await writeOpenApiDocument();
  console.log(`OpenAPI document -> ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
