import type { APIRoute } from 'astro';
import { buildOpenApiDocument } from '#functions/openapi.ts';

/**
 * `/openapi.json`: the API's OpenAPI 3.1 document, a static file of the site built from the zod schemas.
 * `GET /api/openapi.json` redirects here, so the public-read Lambda does not carry 140 KB of JSON.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
