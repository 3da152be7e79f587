import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  horizontalOverflow,
  launchChromium,
  screenshot,
  type Watched,
  watchedContext,
} from '../support/e2e-browser.ts';
import { type SiteRuntime, startSiteRuntime } from '../support/e2e-runtime.ts';

/**
 * The console's summaries (/console/#summaries) in Chromium on the built site and the local runtime: a drafter makes
 * the summary of the KVSP consultation, watches its progress, downloads the contributions CSV and the Albanian
 * report through their short-lived links, and exports a commitment in Polis's format. axe on every state; no CSP
 * violation.
 */
const CONSULTATION = 'kvsp-2026';
const CONSULTATION_TITLE = 'Funksionimi i Këshillave Vendorë të Sigurisë Publike';

let runtime: SiteRuntime;
let browser: Browser;
const contexts: Watched[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startSiteRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function newPage(): Promise<Page> {
  const watched = await watchedContext(browser, { acceptDownloads: true });
  contexts.push(watched);
  const page = await watched.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signInAsDrafter(page: Page, consolePath: string, linkText: string): Promise<void> {
  await page.goto(`${runtime.baseUrl}${consolePath}#summaries`);
  await page.getByRole('link', { name: linkText }).click();
  await page.waitForURL(/\/local-auth\//);
  await page.locator('button[value="drafter"]').click();
  await page.waitForURL((url) => url.pathname === consolePath);
  await page.locator('#console-consultation').waitFor();
  await page.locator('#console-consultation').selectOption(CONSULTATION);
}

/** Clicks a download button and returns the downloaded file's text. */
async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Shkarko ${name}` }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(name);
  return readFile((await file.path()) as string, 'utf8');
}

describe('summaries in the staff console', () => {
  it('lets a drafter make the summary, watch its progress and download the CSV and the report', async () => {
    const page = await newPage();
    await signInAsDrafter(page, '/console/', 'Hyni (përdorues demonstrues lokalë)');
    await page.getByRole('link', { name: 'Përmbledhjet' }).click();
    await page.getByRole('heading', { name: 'Përmbledhjet', level: 2 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Krijo përmbledhjen' }).click();
    const status = page.locator('.summary-job .console-status');
    // Running: the progress bar and its live text show items read of the table's count.
    await expect
      .poll(() => status.textContent())
      .toMatch(/Duke lexuar të dhënat… [\d.,  ]+ nga rreth [\d.,  ]+ elemente/);
    const bar = page.getByRole('progressbar', { name: 'Përparimi' });
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await axeViolations(page)).toEqual([]);

    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/^Gati\. Të gjitha [\d.,  ]+ elementet u lexuan\.$/);
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await page.getByRole('button', { name: /^Shkarko / }).count()).toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'console-summaries-done');

    const csv = await download(page, 'contributions.csv');
    expect(csv.startsWith('\uFEFFkind,id,commitment_id,section_id,parent_id,created_at,status,language,text,')).toBe(
      true,
    );
    expect(csv.split('\r\n').length).toBeGreaterThan(1);

    const report = await download(page, 'report-sq.html');
    expect(report).toMatch(/^<!doctype html>/i);
    expect(report).toContain('lang="sq"');
    expect(report).toContain(CONSULTATION_TITLE);

    // A reload finds the job and its files again (the consultation's latest jobs).
    await page.reload();
    await page.locator('#console-consultation').selectOption(CONSULTATION);
    await expect.poll(() => status.textContent()).toMatch(/^Gati\./);
    expect(await page.getByRole('button', { name: /^Shkarko / }).count()).toBe(8);
  }, 120_000);

  it('exports a commitment in Polis format (English console)', async () => {
    const page = await newPage();
    await signInAsDrafter(page, '/en/console/', 'Sign in (local demo users)');
    await page.getByRole('link', { name: 'Summaries' }).click();
    await page.locator('#summary-polis-commitment').selectOption('kvsp-public-meetings');
    await page.getByRole('button', { name: 'Export in Polis format' }).click();
    // The section opened on the summary of the test above; the Polis job replaces it.
    const buttons = page.getByRole('button', { name: /^Download / });
    await expect
      .poll(() => buttons.allTextContents(), { timeout: 60_000 })
      .toEqual(['Download comments.csv', 'Download votes.csv']);
    expect(await page.locator('.summary-job .console-status').textContent()).toMatch(/^Ready\./);
    // The earlier summary stays listed, ready to be shown again.
    expect(await page.locator('.summary-earlier li').count()).toBeGreaterThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('runs under the Content-Security-Policy without a single violation', () => {
    expect(contexts.flatMap((c) => c.problems)).toEqual([]);
  });
});
