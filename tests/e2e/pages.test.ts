import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  horizontalOverflow,
  launchChromium,
  screenshot,
  watchedContext,
} from '../support/e2e-browser.ts';
import { SITE_DIR, type SiteRuntime, startSiteRuntime } from '../support/e2e-runtime.ts';

/**
 * Every page of the built site in Chromium (on a 360 px phone), with the API behind it and its islands hydrated:
 * axe finds nothing, nothing scrolls sideways, touch targets are at least 44 px, the page runs under its CSP. The key
 * pages are checked and photographed at 360 and 1280 px (test-results/screenshots). Without JavaScript the drafts
 * are still there to read.
 */
let runtime: SiteRuntime;
let browser: Browser;
let pages: string[];

async function htmlPages(dir: string, prefix = '/'): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name !== '_astro')
        found.push(...(await htmlPages(path.join(dir, entry.name), `${prefix}${entry.name}/`)));
    } else if (entry.name === 'index.html') found.push(prefix);
    else if (entry.name.endsWith('.html')) found.push(`${prefix}${entry.name}`);
  }
  return found.sort();
}

beforeAll(async () => {
  [runtime, browser, pages] = await Promise.all([startSiteRuntime(), launchChromium(), htmlPages(SITE_DIR)]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/**
 * Loads a page and lets its islands hydrate and fetch their data (client:visible ones once scrolled to). Not
 * "networkidle": the API's stale-while-revalidate makes Chromium revalidate in the background, which never settles.
 */
async function open(page: Page, url: string) {
  page.setDefaultTimeout(10_000);
  await page.goto(runtime.baseUrl + url);
  const islands = await page.locator('astro-island').count();
  for (let i = 0; i < islands; i++) {
    // An island is `display: contents`: bring its parent into view.
    await page.evaluate((n) => document.querySelectorAll('astro-island')[n]?.parentElement?.scrollIntoView(), i);
    await page.waitForFunction((n) => !document.querySelectorAll('astro-island')[n]?.hasAttribute('ssr'), i);
  }
  await page.waitForFunction(
    () =>
      document.querySelector(
        'astro-island[ssr], [aria-busy="true"], .island-placeholder, konsulto-tally:not([data-state="ready"])',
      ) === null,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Runs `check` on every URL, two tabs at a time (each tab its own page, one browser profile). */
async function eachPage(context: BrowserContext, urls: string[], check: (page: Page, url: string) => Promise<void>) {
  const queue = [...urls];
  const tab = async () => {
    const page = await context.newPage();
    for (let url = queue.shift(); url; url = queue.shift()) {
      await open(page, url);
      await check(page, url);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: 2 }, tab));
}

const KEY_PAGES = {
  home: '/',
  consultation: '/konsultime/kvsp-2026/',
  commitment: '/angazhime/kvsp-raporto-tani/',
  'commitment-en': '/en/commitments/kvsp-raporto-tani/',
  'proposal-form': '/konsultime/kvsp-2026/propozo/',
};

describe('the built site in Chromium', () => {
  it('builds every kind of page in both languages', () => {
    for (const expected of [
      '/',
      '/en/',
      '/konsultime/kvsp-2026/',
      '/en/consultations/kvsp-2026/',
      '/angazhime/kvsp-raporto-tani/',
      '/en/commitments/kvsp-raporto-tani/',
      '/takime/',
      '/takime/elbasan-2026-04-03/',
      '/privatesia/',
      '/en/privacy/',
      '/aksesueshmeria/',
      '/en/accessibility/',
      '/si-perdoret-kontributi/',
      '/en/how-your-input-is-used/',
      '/konsultime/kvsp-2026/propozime/',
      '/en/consultations/kvsp-2026/propose/',
      '/konsultime/kvsp-2026/pergjigjet/',
      '/en/consultations/kvsp-2026/responses/',
      '/deftese/',
      '/en/my-data/',
      '/404.html',
    ]) {
      expect(pages).toContain(expected);
    }
  });

  it('has, on every page at 360 px: no axe violation, no sideways scrolling, touch targets of 44 px, no CSP violation', async () => {
    const watched = await watchedContext(browser, { viewport: { width: 360, height: 800 }, isMobile: true });
    const violations: Record<string, unknown> = {};
    const overflow: Record<string, number> = {};
    const small: Record<string, string[]> = {};
    await eachPage(watched.context, pages, async (page, url) => {
      const found = await axeViolations(page);
      if (found.length > 0) violations[url] = found;
      const extra = await horizontalOverflow(page);
      if (extra > 0) overflow[url] = extra;
      const tooSmall = await page.$$eval(
        'button, select, input, textarea, summary, .site-nav a, .footer-links a, .heat:not([hidden])',
        (elements) =>
          elements
            .filter((e) => e.getClientRects().length > 0 && !e.closest('[hidden], .visually-hidden'))
            .map((e) => ({ e, box: e.getBoundingClientRect() }))
            .filter(({ box }) => box.height < 44 || box.width < 44)
            .map(({ e, box }) => `${e.tagName.toLowerCase()} "${e.textContent?.trim()}" ${box.width}x${box.height}`),
      );
      if (tooSmall.length > 0) small[url] = tooSmall;
    });
    expect(violations).toEqual({});
    expect(overflow).toEqual({});
    expect(small).toEqual({});
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  }, 120_000);

  it('photographs the key pages at 360 and 1280 px, with no axe violation at 1280 px either', async () => {
    for (const width of [360, 1280]) {
      const watched = await watchedContext(browser, { viewport: { width, height: 800 } });
      const page = await watched.context.newPage();
      for (const [name, url] of Object.entries(KEY_PAGES)) {
        await open(page, url);
        expect(await horizontalOverflow(page)).toBe(0);
        if (width === 1280) expect(await axeViolations(page), url).toEqual([]);
        await screenshot(page, `${name}-${width}`);
      }
      expect(watched.problems).toEqual([]);
      await watched.context.close();
    }
  }, 60_000);

  it('shows the whole draft without JavaScript and says that voting and commenting need it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${runtime.baseUrl}${KEY_PAGES.commitment}`);
    for (const section of ['problem', 'causes', 'objective', 'description', 'milestones', 'indicators']) {
      expect(await page.locator(`h2#${section}`).isVisible()).toBe(true);
    }
    expect(await page.locator('.vote-section').textContent()).toContain('kërkojnë JavaScript');
    expect(await page.locator('.discussion-section').textContent()).toContain('kërkojnë JavaScript');
    expect(await page.locator('.vote button, .comment-form').count()).toBe(0);
    expect(await page.locator('[data-section-heat]:visible').count()).toBe(0);
    await context.close();
  });
});
