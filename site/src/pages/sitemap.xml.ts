import type { APIRoute } from 'astro';
import { allPages, sitemapXml } from '../lib/sitemap.ts';

/** `/sitemap.xml`, written at build time (no integration needed for one small file). */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('astro.config.mjs must set `site` for the sitemap');
  return new Response(sitemapXml(await allPages(), site), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
