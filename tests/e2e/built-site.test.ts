import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#functions/openapi.ts';
import { SITE_DIR } from '../support/e2e-runtime.ts';

/**
 * The built site as files (`npm test` builds it first): the JavaScript each page ships (P7), measured as the browser
 * would fetch it, and the Content-Security-Policy every page carries, checked against the page's own inline code.
 */
const KB = 1024;
const COMMITMENT_BUDGET = 20 * KB;

type BuiltPage = { file: string; html: string };
let pages: BuiltPage[];

async function htmlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(full)));
    else if (entry.name.endsWith('.html')) found.push(full);
  }
  return found.sort();
}

beforeAll(async () => {
  pages = await Promise.all(
    (await htmlFiles(SITE_DIR)).map(async (file) => ({
      file: path.relative(SITE_DIR, file),
      html: await readFile(file, 'utf8'),
    })),
  );
});

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"');
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
const inlineStyles = (html: string) => [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every module a page loads: `<script src>`, the islands' components and renderers, and their static imports. */
async function scriptsOf(html: string): Promise<Map<string, Buffer>> {
  const entries = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<astro-island[^>]*>/g)].flatMap((m) => [
      attribute(m[0], 'component-url'),
      attribute(m[0], 'renderer-url'),
    ]),
  ].filter((url): url is string => url !== undefined);
  const loaded = new Map<string, Buffer>();
  const visit = async (url: string) => {
    if (loaded.has(url)) return;
    const source = await readFile(path.join(SITE_DIR, url));
    loaded.set(url, source);
    // Static imports only; a dynamic import() (e.g. @preact/signals, never used here) is not fetched up front.
    for (const m of source
      .toString('utf8')
      .matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?"([^"]+)"/g)) {
      await visit(path.posix.join(path.posix.dirname(url), m[1] as string));
    }
  };
  for (const url of entries) await visit(url);
  return loaded;
}

const brotli = (data: Buffer | string) => brotliCompressSync(data).length;

async function javascriptBytes(html: string): Promise<number> {
  const modules = await scriptsOf(html);
  const inline = inlineScripts(html).join('');
  return [...modules.values()].reduce((n, source) => n + brotli(source), inline ? brotli(inline) : 0);
}

/**
 * The staff console (/console/, /en/console/) is a staff tool, not a public page: it is left out of the public
 * budgets on purpose (it may ship more JavaScript), and must be kept out of search engines and the sitemap.
 */
const CONSOLE_PAGE = /^(en\/)?console\//;
const publicPages = () => pages.filter((p) => !CONSOLE_PAGE.test(p.file));

describe('the staff console pages', () => {
  it('exist in both languages, are noindex and are left out of the public budgets and the sitemap', async () => {
    const consolePages = pages.filter((p) => CONSOLE_PAGE.test(p.file)).map((p) => p.file);
    expect(consolePages).toEqual(['console/index.html', 'en/console/index.html']);
    for (const file of consolePages) {
      expect(pages.find((p) => p.file === file)?.html, file).toMatch(/<meta name="robots" content="noindex/);
    }
    const sitemap = await readFile(path.join(SITE_DIR, 'sitemap.xml'), 'utf8');
    expect(sitemap).not.toMatch(/\/console\//);
  });
});

describe('JavaScript budget of the built site (P7)', () => {
  it('ships at most 20 KB (brotli) of JavaScript on a commitment page', async () => {
    const commitmentPages = pages.filter((p) => /^(angazhime|en\/commitments)\//.test(p.file));
    expect(commitmentPages.length).toBeGreaterThanOrEqual(2);
    for (const page of commitmentPages) {
      const bytes = await javascriptBytes(page.html);
      expect(bytes, page.file).toBeGreaterThan(5 * KB);
      expect(bytes, page.file).toBeLessThanOrEqual(COMMITMENT_BUDGET);
    }
  });

  it('keeps the first view of a commitment page (HTML, CSS, JavaScript; brotli) within 80 KB', async () => {
    const page = pages.find((p) => p.file === 'angazhime/kvsp-raporto-tani/index.html');
    expect(page).toBeDefined();
    const html = page?.html ?? '';
    const css = await Promise.all(
      [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
        readFile(path.join(SITE_DIR, m[1] ?? '')),
      ),
    );
    const total = brotli(html) + css.reduce((n, file) => n + brotli(file), 0) + (await javascriptBytes(html));
    expect(total).toBeLessThanOrEqual(80 * KB);
  });

  it('ships no JavaScript at all on pages with nothing live', async () => {
    const live = /<astro-island|<konsulto-tally/;
    const quiet = publicPages().filter((p) => !live.test(p.html));
    expect(quiet.map((p) => p.file)).toEqual(
      expect.arrayContaining(['404.html', 'privatesia/index.html', 'takime/index.html', 'en/meetings/index.html']),
    );
    for (const page of quiet) {
      expect(await javascriptBytes(page.html), page.file).toBe(0);
      expect(page.html, page.file).not.toMatch(/<script|modulepreload/);
    }
  });
});

describe('user text in the site code', () => {
  it('is never turned into markup: no set:html, innerHTML or the like anywhere in site/src', async () => {
    const sources = path.resolve(SITE_DIR, '../src');
    const files = (await readdir(sources, { recursive: true })).filter((f) => /\.(astro|ts|tsx)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = await readFile(path.join(sources, file), 'utf8');
      expect(text, file).not.toMatch(
        /set:html|innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/,
      );
    }
  });
});

describe('Content-Security-Policy of the built site', () => {
  const policyOf = (html: string) => {
    const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
    const directives = new Map<string, string[]>();
    for (const part of (meta ?? '').split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) directives.set(name, values);
    }
    return directives;
  };

  it('puts a policy on every page that allows only same-origin code and the hashed inline scripts', () => {
    for (const { file, html } of pages) {
      const policy = policyOf(html);
      expect(policy.get('default-src'), file).toEqual(["'none'"]);
      expect(policy.get('connect-src'), file).toEqual(["'self'"]);
      expect(policy.get('object-src'), file).toEqual(["'none'"]);
      expect(policy.get('base-uri'), file).toEqual(["'none'"]);
      const scriptSrc = policy.get('script-src') ?? [];
      const styleSrc = policy.get('style-src') ?? [];
      expect(scriptSrc, file).toContain("'self'");
      for (const source of [...scriptSrc, ...styleSrc]) {
        expect(source, file).toMatch(/^('self'|'sha256-[A-Za-z0-9+/]+=*')$/);
      }
      for (const script of inlineScripts(html)) expect(scriptSrc, file).toContain(sha256(script));
      for (const style of inlineStyles(html)) expect(styleSrc, file).toContain(sha256(style));
    }
  });

  it('has no inline event handlers, style attributes, javascript: URLs or third-party resources', () => {
    for (const { file, html } of pages) {
      expect(html, file).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(html, file).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(html, file).not.toMatch(/javascript:/i);
      expect(html, file).not.toMatch(/(?:src|href)="(?:https?:)?\/\/(?!localhost[:/])/);
    }
  });

  it('loads stylesheets as files, not inline', () => {
    for (const { file, html } of pages) {
      expect(html, file).toMatch(/<link rel="stylesheet" href="\/_astro\/[^"]+\.css"/);
      // The only inline style is Astro's fixed island rule (display: contents), hashed above.
      for (const style of inlineStyles(html)) expect(style, file).toMatch(/^astro-island,astro-slot/);
    }
  });
});

describe('the OpenAPI document', () => {
  it('is a file of the built site (GET /api/openapi.json redirects to it), generated from the schemas', async () => {
    const file = JSON.parse(await readFile(path.join(SITE_DIR, 'openapi.json'), 'utf8'));
    expect(file).toEqual(buildOpenApiDocument());
    expect(file.paths['/api/openapi.json'].get.responses['308']).toBeDefined();
  });
});
