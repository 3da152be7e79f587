/**
 * `npm start`: the whole platform on this machine. DynamoDB Local (data under .data/, or in memory with
 * --in-memory), the table from the shared definition, demo data, the built site, and one HTTP origin serving the
 * site and the very Lambda handlers at /api/*. Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HttpHandler } from '#functions/commons/http.ts';
import { FUNCTION_ENTRIES, type RouteFunction } from '#functions/routes.ts';
import { buildCatalog, CATALOG_FILE, SUMMARY_CONTENT_FILE } from '../scripts/build-catalog.ts';
import { writeOpenApiDocument } from '../scripts/build-openapi.ts';
import { createLocalAuth } from './auth.ts';
import { localClientConfig, startDynamoDbLocal, useLocalAwsEnv } from './dynamodb-local.ts';
import { assertLocalEndpoint } from './endpoint-guard.ts';
import { createLocalServer } from './http-adapter.ts';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.ts';
import { localCookieSecret } from './secrets.ts';
import { seedDemoData } from './seed.ts';
import { ensureTable } from './table.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SITE_DIR = path.join(ROOT, 'site/dist');
const TOTAL_STEPS = 6;

const { values: options } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    'skip-site-build': { type: 'boolean', default: false },
  },
});

function step(n: number, text: string) {
  console.log(`[${n}/${TOTAL_STEPS}] ${text}`);
}

async function buildSite(demoToday: string | undefined): Promise<void> {
  const astro = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(demoToday ? { KONSULTO_DEMO_TODAY: demoToday } : {}),
  };
  const child = spawn(process.execPath, [astro, 'build', '--root', 'site', '--silent'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the site build failed (exit code ${code})`);
}

async function loadHandlers(): Promise<Record<RouteFunction, HttpHandler>> {
  const entries = await Promise.all(
    Object.entries(FUNCTION_ENTRIES).map(async ([name, entry]) => {
      const module = (await import(path.join(ROOT, entry))) as { handler: HttpHandler };
      return [name, module.handler] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<RouteFunction, HttpHandler>;
}

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const demo = process.env.KONSULTO_DEMO !== 'off';
  const demoToday = demo ? new Date().toISOString().slice(0, 10) : undefined;
  const tableName = process.env.KONSULTO_TABLE ?? 'konsulto-local';
  const dataDir = options['in-memory'] ? undefined : path.join(ROOT, '.data/dynamodb');

  step(1, dataDir ? `Starting DynamoDB Local (data kept in .data/dynamodb)…` : 'Starting DynamoDB Local (in memory)…');
  const database = await startDynamoDbLocal({ dataDir });
  let server: ReturnType<typeof createLocalServer> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Konsulto…`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await removeRuntimeFile();
    await database.stop();
    console.log('Stopped. Your data is kept in .data/ (delete it for a fresh start).');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    useLocalAwsEnv();
    process.env.DYNAMODB_ENDPOINT = assertLocalEndpoint(database.endpoint);
    process.env.TABLE_NAME = tableName;
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    process.env.KONSULTO_COOKIE_SECRET ??= await localCookieSecret(path.join(ROOT, '.data'));
    process.env.KONSULTO_INSECURE_COOKIES = 'true';
    // The staff function answers GET /api/auth/config with the local sign-in (never in Lambda).
    process.env.KONSULTO_LOCAL_AUTH = 'on';
    process.env.KONSULTO_ALLOWED_ORIGINS ??= `http://localhost:${port},http://127.0.0.1:${port}`;
    // Summary exports of the console's jobs: the same.
    process.env.KONSULTO_EXPORTS_DIR ??= dataDir
      ? path.join(ROOT, '.data/exports')
      : await mkdtemp(path.join(tmpdir(), 'konsulto-exports-'));
    // Proposal attachments: kept beside the database, or thrown away with it.
    process.env.KONSULTO_UPLOADS_DIR ??= dataDir
      ? path.join(ROOT, '.data/uploads')
      : await mkdtemp(path.join(tmpdir(), 'konsulto-uploads-'));

    step(2, `Creating the table "${tableName}" if it is missing…`);
    const client = new DynamoDBClient({ endpoint: database.endpoint, ...localClientConfig(), maxAttempts: 3 });
    const created = await ensureTable(client, tableName);
    console.log(created ? '      created' : '      already there');
    // Where `npm run summary` and the Polis commands find this database (local/runtime-file.ts).
    await mkdir(path.join(ROOT, '.data'), { recursive: true });
    await writeRuntimeFile({
      endpoint: database.endpoint,
      tableName,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    });

    step(
      3,
      demo ? `Building the content catalog (demo dates relative to ${demoToday})…` : 'Building the content catalog…',
    );
    const { data, summaryContent, problems } = await buildCatalog({ demoToday });
    if (problems.length > 0) {
      for (const p of problems) console.error(`      ${p.file}: ${p.field}: ${p.message}`);
      throw new Error('the content has problems (listed above)');
    }
    await mkdir(path.dirname(CATALOG_FILE), { recursive: true });
    await writeFile(CATALOG_FILE, `${JSON.stringify(data, null, 2)}\n`);
    await writeFile(SUMMARY_CONTENT_FILE, `${JSON.stringify(summaryContent)}\n`);
    await writeOpenApiDocument();

    step(4, 'Seeding demo data…');
    const documents = DynamoDBDocumentClient.from(client);
    const seeded = await seedDemoData(documents, tableName, data, (done, total) => {
      if (done % 50 === 0 || done === total) process.stdout.write(`\r      ${done}/${total} demo votes`);
    });
    console.log(seeded.skipped ? '      already seeded' : `\n      ${seeded.votesWritten} demo votes written`);

    if (options['skip-site-build']) step(5, 'Skipping the site build (--skip-site-build)');
    else {
      step(5, 'Building the site (Astro)…');
      await buildSite(demoToday);
    }

    step(6, 'Starting the web server…');
    const handlers = await loadHandlers();
    // The local staff sign-in's signing key is kept beside the data (a throw-away one with --in-memory).
    const staffAuth = await createLocalAuth(
      options['in-memory'] ? {} : { keyFile: path.join(ROOT, '.data/local-auth-key.json') },
    );
    server = createLocalServer({ handlers, siteDir: SITE_DIR, staffAuth });
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, '127.0.0.1', resolve);
    });
    console.log(`\nKonsulto is running at http://localhost:${port}/  (API: http://localhost:${port}/api/health)`);
    console.log(`Staff sign-in (local demo users moderator, drafter, admin): http://localhost:${port}/local-auth/`);
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(`\nKonsulto could not start: ${error instanceof Error ? error.message : String(error)}`);
    await removeRuntimeFile();
    await database.stop();
    process.exit(1);
  }
}

await main();
