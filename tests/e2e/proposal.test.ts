import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, watchedContext } from '../support/e2e-browser.ts';
import { type SiteRuntime, startSiteRuntime } from '../support/e2e-runtime.ts';

/**
 * An NGO officer in Chromium: fills the multi-step proposal form (a reload on the way loses nothing), attaches a
 * PDF with progress, sends the proposal and opens the private receipt link.
 */
let runtime: SiteRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startSiteRuntime(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function next(page: Page) {
  await page.getByRole('button', { name: 'Vazhdo' }).click();
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

describe('an organisation sends a proposal', () => {
  it('completes the form with a PDF, keeps the draft across a reload and opens its receipt', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${runtime.baseUrl}/konsultime/kvsp-2026/propozo/`);
    const form = page.locator('form.proposal-form');
    await form.waitFor();
    await expectAccessible(page);

    // Step 1: nothing filled in → errors next to the fields, focus on the first.
    await next(page);
    await expect.poll(() => page.locator('#pf-organisation-name-error').textContent()).toContain('e detyrueshme');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pf-organisation-name');
    await expectAccessible(page);
    await page.locator('#pf-organisation-name').fill('Qendra Rinore Elbasan');
    await page.locator('#pf-organisation-type').selectOption('ngo');
    await page.locator('#pf-organisation-municipality').selectOption('elbasan');
    await page.locator('#pf-contact-name').fill('Arta Hoxha');
    await page.locator('#pf-contact-email').fill('arta@example.org');
    await next(page);

    // Step 2, then a reload: the draft comes back from this browser.
    await expect.poll(() => page.locator('h2.step-heading').textContent()).toContain('Hapi 2 nga 5');
    await page.getByLabel('Ndryshime në një projektangazhim').check();
    await page.locator('#pf-commitmentId').selectOption('kvsp-public-meetings');
    await page.locator('#pf-sectionId').selectOption('problem');
    await page.locator('#pf-title').fill('Takime të hapura të KVSP-së çdo tremujor');
    await page.locator('#pf-problem').fill('Të rinjtë nuk dinë kur mblidhen KVSP-të dhe nuk marrin pjesë.');
    await page.locator('#pf-causes').fill('Njoftimet nuk publikohen askund.');
    await page.locator('#pf-objective').fill('Çdo mbledhje njoftohet dy javë përpara në faqen e bashkisë.');
    await page.locator('#pf-expectedResults').fill('Më shumë të rinj në mbledhje.');
    // The draft is saved as the form re-renders; wait for the last field to be kept, then reload.
    await expect
      .poll(() => page.evaluate(() => Object.values(localStorage).join('')))
      .toContain('Më shumë të rinj në mbledhje.');
    await page.reload();
    await form.waitFor();
    await expect.poll(() => page.locator('#pf-title').inputValue()).toBe('Takime të hapura të KVSP-së çdo tremujor');
    expect(await page.locator('.proposal-form .notice').first().textContent()).toContain('draftin e ruajtur');
    expect(await page.locator('#pf-sectionId').inputValue()).toBe('problem');
    await next(page);

    // Step 3: the plan.
    await expect.poll(() => page.locator('h2.step-heading').textContent()).toContain('Hapi 3 nga 5');
    await page.locator('#pf-milestones-0-description').fill('Kalendar publik i mbledhjeve');
    await page.locator('#pf-milestones-0-start').fill('2027-02-01');
    await page.locator('#pf-milestones-0-end').fill('2027-01-01');
    await page.locator('#pf-milestones-0-responsible').fill('Bashkia Elbasan');
    await page.locator('#pf-indicators-0').fill('Numri i mbledhjeve të njoftuara');
    await page.locator('#pf-leadInstitution').fill('Bashkia Elbasan');
    await page.getByLabel('Transparenca').check();
    await next(page);
    await expect.poll(() => page.locator('#pf-milestones-0-end-error').textContent()).toContain('para fillimit');
    await page.locator('#pf-milestones-0-end').fill('2027-06-30');
    await next(page);

    // Step 4: a file that is not a PDF is refused; a PDF uploads.
    await expect.poll(() => page.locator('h2.step-heading').textContent()).toContain('Hapi 4 nga 5');
    await page
      .locator('#pf-file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    await expect.poll(() => page.locator('#pf-file-error').textContent()).toContain('PDF');
    await page
      .locator('#pf-file')
      .setInputFiles({ name: 'plan-veprimi.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.locator('ul.files').textContent()).toContain('plan-veprimi.pdf');
    await expectAccessible(page);
    await next(page);

    // Step 5: review and send.
    await expect.poll(() => page.locator('h2.step-heading').textContent()).toContain('Hapi 5 nga 5');
    expect(await page.locator('.review').textContent()).toContain('Qendra Rinore Elbasan');
    expect(await page.locator('.review').textContent()).toContain('plan-veprimi.pdf');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Dërgo propozimin' }).click();
    const link = page.locator('[data-receipt-link]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/deftese\/#[A-Za-z0-9_-]{43}$/);
    expect(await page.evaluate(() => localStorage.getItem('konsulto:proposal-draft:kvsp-2026'))).toBeNull();
    await expectAccessible(page);

    // The private receipt.
    await link.click();
    await page.waitForURL('**/deftese/#*');
    const receipt = page.locator('.receipt');
    await receipt.waitFor();
    expect(await receipt.locator('[data-status]').textContent()).toBe('Marrë');
    expect(await receipt.locator('[data-visibility]').textContent()).toBe('Në pritje të moderatorit');
    expect(await receipt.textContent()).toContain('Takime të hapura të KVSP-së çdo tremujor');
    expect(await receipt.textContent()).toContain('arta@example.org');
    expect(await receipt.textContent()).toContain('plan-veprimi.pdf');
    await expectAccessible(page);

    // A wrong token says so, with nothing about any proposal.
    await page.goto(`${runtime.baseUrl}/deftese/#${'x'.repeat(43)}`);
    await expect.poll(() => page.locator('main [role="alert"]').textContent()).toContain('nuk njihet');
    expect(problems).toEqual([]);
    await context.close();
  });
});
