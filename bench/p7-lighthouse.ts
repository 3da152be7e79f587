/**
 * P7 (Lighthouse): performance and accessibility scores of the built site's home, consultation and commitment pages,
 * served as `npm start` serves them (site/dist and the API on one origin, the demo data on DynamoDB Local). The
 * `lighthouse` package drives Debian's Chromium (/usr/bin/chromium; no browser is downloaded) through
 * chrome-launcher, headless and offline: the only server is 127.0.0.1. Lighthouse's default mobile settings
 * (simulated slow 4G, 4× CPU slowdown). The local server sends files uncompressed (CloudFront compresses), so the
 * performance score is a little pessimistic. Needs `npm run build` first (site/dist).
 */
import { access, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { HttpHandler } from '#functions/commons/http.ts';
import { createPublicReadHandler } from '#functions/consultations/public-read.ts';
import { createParticipationActions } from '#functions/participation/actions.ts';
import { createParticipationHandler } from '#functions/participation/pipeline.ts';
import { createDynamoCommentReader } from '#functions/repositories/comment-reader.ts';
import { noRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { createDynamoTallyReader } from '#functions/repositories/tally-reader.ts';
import type { RouteFunction } from '#functions/routes.ts';
import { Catalog } from '#shared/catalog.ts';
import { localClientConfig } from '../local/dynamodb-local.ts';
import { createLocalServer } from '../local/http-adapter.ts';
import { seedDemoData } from '../local/seed.ts';
import { ensureTable } from '../local/table.ts';
import { buildCatalog } from '../scripts/build-catalog.ts';
import { type BenchDatabase, roundStats, stats } from './support.ts';

const CHROMIUM = '/usr/bin/chromium';
const SITE_DIR = path.resolve(import.meta.dirname, '../site/dist');
const SECRET = Buffer.from('bench-secret-of-at-least-32-characters-000000');

/** The three pages of TARGETS.md P7, by their path in the built site. */
const PAGES = {
  home: '/',
  consultation: '/konsultime/kvsp-2026/',
  commitment: '/angazhime/kvsp-youth-participation/',
} as const;

async function startSite(db: BenchDatabase) {
  const tableName = 'konsulto-bench-site';
  const client = new DynamoDBClient({ endpoint: db.database.endpoint, ...localClientConfig(), maxAttempts: 3 });
  await ensureTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const { data } = await buildCatalog({ demoToday: new Date().toISOString().slice(0, 10) });
  await seedDemoData(documents, tableName, data);
  const catalog = new Catalog(data);
  const unused: HttpHandler = async () => ({ statusCode: 404 });
  const handlers: Record<RouteFunction, HttpHandler> = {
    health: unused,
    'public-read': createPublicReadHandler({
      catalog,
      tallies: createDynamoTallyReader(documents, tableName),
      comments: createDynamoCommentReader(documents, tableName),
      clock: () => new Date(),
    }),
    participation: createParticipationHandler(
      {
        clock: () => new Date(),
        cookieSecret: async () => SECRET,
        rateLimiter: noRateLimiter,
        rateLimits: { perParticipantPerMinute: 1e9, perIpPerMinute: 1e9 },
        allowedOrigins: [],
        secureCookies: false,
      },
      createParticipationActions({ catalog, client: documents, tableName, secureCookies: false }),
    ),
    proposals: unused,
    staff: unused,
  };
  const server = createLocalServer({ handlers, siteDir: SITE_DIR });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.destroy();
    },
  };
}

type NetworkItem = { url: string; resourceType?: string };
type PageBytes = Record<'html' | 'css' | 'js', { raw: number; brotli: number }>;

/** Bytes of the site's own files the browser loaded for a page (HTML, CSS, JS), raw and brotli (CloudFront's). */
async function pageBytes(baseUrl: string, items: NetworkItem[]): Promise<PageBytes> {
  const bytes: PageBytes = { html: { raw: 0, brotli: 0 }, css: { raw: 0, brotli: 0 }, js: { raw: 0, brotli: 0 } };
  const kinds: Record<string, keyof PageBytes> = { Document: 'html', Stylesheet: 'css', Script: 'js' };
  for (const item of items) {
    const kind = kinds[item.resourceType ?? ''];
    if (!kind || !item.url.startsWith(baseUrl)) continue;
    let file = path.join(SITE_DIR, decodeURIComponent(new URL(item.url).pathname));
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    const content = await readFile(file);
    bytes[kind].raw += content.length;
    bytes[kind].brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return bytes;
}

/** Why Lighthouse cannot run here, or undefined when it can. */
async function unavailable(): Promise<string | undefined> {
  try {
    await access(CHROMIUM);
  } catch {
    return `${CHROMIUM} is missing (apt-get install chromium)`;
  }
  try {
    await access(path.join(SITE_DIR, 'index.html'));
  } catch {
    return 'site/dist is not built (npm run build)';
  }
  return undefined;
}

export async function benchLighthouse(db: BenchDatabase, { runs }: { runs: number }) {
  const reason = await unavailable();
  if (reason) return { skipped: reason };
  const site = await startSite(db);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const pages = [];
    for (const [page, pagePath] of Object.entries(PAGES)) {
      const performance: number[] = [];
      const accessibility: number[] = [];
      const lcp: number[] = [];
      let bytes: PageBytes | undefined;
      for (let run = 0; run < runs; run++) {
        process.stdout.write(`\r    ${page} ${run + 1}/${runs}   `);
        const result = await lighthouse(`${site.baseUrl}${pagePath}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError)
          throw new Error(`Lighthouse failed on ${pagePath}: ${lhr?.runtimeError?.message}`);
        performance.push(Math.round((lhr.categories.performance?.score ?? 0) * 100));
        accessibility.push(Math.round((lhr.categories.accessibility?.score ?? 0) * 100));
        lcp.push(Number(lhr.audits['largest-contentful-paint']?.numericValue ?? 0));
        const network = lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined;
        bytes ??= await pageBytes(site.baseUrl, network?.items ?? []);
      }
      pages.push({
        page,
        path: pagePath,
        performance: roundStats(stats(performance), 0),
        accessibility: roundStats(stats(accessibility), 0),
        largestContentfulPaintMs: roundStats(stats(lcp), 0),
        bytes,
      });
    }
    process.stdout.write('\n');
    return {
      runs,
      settings: 'Lighthouse defaults: mobile, simulated throttling (slow 4G, 4x CPU), headless Chromium',
      chromium: CHROMIUM,
      pages,
    };
  } finally {
    chrome.kill();
    await site.stop();
  }
}
