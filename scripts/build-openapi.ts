/**
 * Writes functions/generated/openapi.json from the zod schemas (functions/openapi.ts), for tools. The API's copy is
 * the site's static /openapi.json (site/src/pages/openapi.json.ts), where GET /api/openapi.json redirects.
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
