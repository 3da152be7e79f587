import { brotliCompressSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Tally } from '#shared/schemas/participation.ts';
import { axeViolations, type Watched } from '../support/e2e-browser.ts';
import { siteSession } from '../support/e2e-session.ts';

/**
 * A citizen in Chromium on the built site and the local runtime: votes, changes the vote, comments on a section,
 * replies, agrees with a comment, reports one, switches language. Every state is checked with axe, and the page
 * must run under its Content-Security-Policy without a single violation.
 */
const COMMITMENT = 'kvsp-public-meetings';
const PAGE_SQ = `/angazhime/${COMMITMENT}/`;
const PAGE_EN = `/en/commitments/${COMMITMENT}/`;

const site = siteSession();

async function citizen(): Promise<{ page: Page; watched: Watched }> {
  const watched = await site.watch();
  return { page: await watched.context.newPage(), watched };
}

async function tallyOf(commitmentId: string): Promise<Tally> {
  const response = await fetch(`${site.runtime.baseUrl}/api/commitments/${commitmentId}/tally`);
  return ((await response.json()) as { tally: Tally }).tally;
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

const voteButton = (page: Page, choice: string) => page.locator(`.vote button[data-choice="${choice}"]`);

describe('a citizen on a draft commitment', () => {
  it('votes, changes the vote and sees their own vote again after a reload', async () => {
    const { page, watched } = await citizen();
    const before = await tallyOf(COMMITMENT);
    await page.goto(site.runtime.baseUrl + PAGE_SQ);
    await expect.poll(() => voteButton(page, 'support').count()).toBe(1);
    await expect.poll(() => page.locator('.vote [data-count="support"]').textContent()).toContain(`${before.support}`);
    // The badge follows the API's phase, whatever the phase was when the page was built.
    await expect.poll(() => page.locator('.page-head [data-phase-of]').getAttribute('data-phase')).toBe('open');
    expect(await page.locator('.page-head [data-phase-of]').textContent()).toContain('E hapur për komente');
    await expectAccessible(page);

    await voteButton(page, 'support').click();
    await expect.poll(() => voteButton(page, 'support').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('.vote [role="status"]').textContent()).toContain('Mbështes');
    expect(await tallyOf(COMMITMENT)).toMatchObject({ support: before.support + 1 });
    expect(await page.locator('.vote [data-count="support"]').textContent()).toContain(`${before.support + 1}`);

    await voteButton(page, 'oppose').click();
    await expect.poll(() => voteButton(page, 'oppose').getAttribute('aria-pressed')).toBe('true');
    expect(await voteButton(page, 'support').getAttribute('aria-pressed')).toBe('false');
    expect(await tallyOf(COMMITMENT)).toMatchObject({ support: before.support, oppose: before.oppose + 1 });
    await expectAccessible(page);

    await page.reload();
    await expect.poll(() => voteButton(page, 'oppose').getAttribute('aria-pressed')).toBe('true');
    await page.locator('.vote [data-withdraw]').click();
    await expect.poll(() => page.locator('.vote [data-withdraw]').count()).toBe(0);
    expect(await tallyOf(COMMITMENT)).toMatchObject({ support: before.support, oppose: before.oppose });
    expect(watched.problems).toEqual([]);
  });

  it('comments on a section, replies, agrees with a comment and reports one', async () => {
    const author = await citizen();
    const page = author.page;
    await page.goto(site.runtime.baseUrl + PAGE_SQ);
    const form = page.locator('form.comment-form');
    await form.waitFor();

    // Nothing written: the error is next to the field, in Albanian.
    await form.getByRole('button', { name: 'Publiko komentin' }).click();
    await expect.poll(() => form.locator('#cf-body-error').textContent()).toContain('Shkruani komentin');
    expect(await form.locator('#cf-body').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    // A section, the optional profile, and a network failure on the first try: the text stays, "try again" posts once.
    await form.locator('#cf-section').selectOption('problem');
    await form.locator('#cf-body').fill('Takimet duhet të njoftohen dy javë përpara.\nEdhe në rrjetet sociale.');
    await form.locator('summary').click();
    await form.locator('#cf-displayName').fill('Arta nga Elbasani');
    await form.locator('#cf-municipality').selectOption('elbasan');
    let failures = 1;
    await page.route('**/api/commitments/*/comments', (route) =>
      route.request().method() === 'POST' && failures-- > 0 ? route.abort('internetdisconnected') : route.fallback(),
    );
    await form.getByRole('button', { name: 'Publiko komentin' }).click();
    await expect.poll(() => form.locator('[role="alert"]').textContent()).toContain('Nuk u lidhëm');
    expect(await form.locator('#cf-body').inputValue()).toContain('dy javë përpara');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Provo përsëri' }).click();
    await expect.poll(() => form.locator('.form-done').textContent()).toContain('u publikua');
    expect(await form.locator('#cf-body').inputValue()).toBe('');

    const comment = page.locator('.comment-list > li > .comment').first();
    await expect.poll(() => comment.textContent()).toContain('dy javë përpara');
    expect(await comment.locator('.comment__author').textContent()).toBe('Arta nga Elbasani');
    expect(await comment.locator('.comment__section').textContent()).toContain('Problemi');
    expect(await comment.locator('.comment__body p').count()).toBe(2);
    // The section heading now shows its count.
    const heat = page.locator('[data-section-heat="problem"]');
    await expect.poll(() => heat.isVisible()).toBe(true);
    expect(await heat.locator('[data-heat-count]').textContent()).toBe('1 koment');
    expect(await heat.getAttribute('data-heat')).toBe('3');
    const stored = (await (
      await fetch(`${site.runtime.baseUrl}/api/commitments/${COMMITMENT}/comments?section=problem`)
    ).json()) as { comments: { body: string; displayName?: string }[] };
    expect(stored.comments).toHaveLength(1);
    expect(stored.comments[0]).toMatchObject({ displayName: 'Arta nga Elbasani' });

    // Markup in a comment is shown as text and runs nothing.
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> javascript:alert(1)';
    await form.locator('#cf-section').selectOption('');
    await form.locator('#cf-body').fill(payload);
    await form.getByRole('button', { name: 'Publiko komentin' }).click();
    await expect.poll(() => comment.locator('.comment__body').textContent()).toBe(payload);
    expect(await comment.locator('.comment__body img, .comment__body script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    // Another participant reads it, replies, agrees and reports it.
    const reader = await citizen();
    const other = reader.page;
    await other.goto(`${site.runtime.baseUrl + PAGE_SQ}#problem`);
    const heatLink = other.locator('[data-section-link="problem"]');
    await heatLink.waitFor();
    await heatLink.click();
    await expect.poll(() => other.locator('#thread-filter').inputValue()).toBe('problem');
    const theirs = other.locator('.comment-list > li > .comment').first();
    await expect.poll(() => theirs.textContent()).toContain('dy javë përpara');

    await theirs.locator('button[data-action="reply"]').click();
    const replyBox = theirs.locator('.reply-form textarea');
    await replyBox.fill('Dakord, edhe me njoftim në shkolla.');
    await expectAccessible(other);
    await theirs.getByRole('button', { name: 'Publiko përgjigjen' }).click();
    await expect.poll(() => theirs.locator('.comment--reply').count()).toBe(1);
    expect(await theirs.locator('.comment--reply .comment__body').textContent()).toContain('njoftim në shkolla');

    const agree = theirs.locator(':scope > .comment__actions button[data-reaction="agree"]');
    await agree.click();
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    expect(await agree.locator('.count').textContent()).toBe('1');

    await theirs.locator(':scope > .comment__actions button[data-action="report"]').click();
    await theirs.locator('.report-form select').selectOption('off-topic');
    await expectAccessible(other);
    await theirs.getByRole('button', { name: 'Dërgo raportimin' }).click();
    await expect.poll(() => theirs.textContent()).toContain('Një moderator do ta shqyrtojë');
    await expectAccessible(other);

    // The reader's own reaction is shown again after a reload; the author sees the reply and the agreement.
    await other.reload();
    const again = other.locator('.comment-list > li > .comment', { hasText: 'dy javë përpara' });
    await expect
      .poll(() =>
        again.locator(':scope > .comment__actions button[data-reaction="agree"]').getAttribute('aria-pressed'),
      )
      .toBe('true');
    await page.reload();
    const mine = page.locator('.comment-list > li > .comment', { hasText: 'dy javë përpara' });
    await mine.locator('button[data-action="replies"]').click();
    await expect.poll(() => mine.locator('.comment--reply').count()).toBe(1);
    await expectAccessible(page);

    expect(author.watched.problems).toEqual([]);
    expect(reader.watched.problems).toEqual([]);
  });

  it('sees what is kept about them and erases it; their vote stays in the count, anonymously', async () => {
    const { page, watched } = await citizen();
    await page.goto(site.runtime.baseUrl + PAGE_EN);
    await voteButton(page, 'support').click();
    await expect.poll(() => voteButton(page, 'support').getAttribute('aria-pressed')).toBe('true');
    const counted = await tallyOf(COMMITMENT);

    await page.goto(`${site.runtime.baseUrl}/en/my-data/`);
    const data = page.locator('.my-data');
    await data.waitFor();
    expect(await data.textContent()).toContain('1 vote');
    await data.getByRole('button', { name: 'Erase my data' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, erase them' }).click();
    await expect.poll(() => page.locator('main [role="status"]').textContent()).toContain('your data was erased');
    expect(await tallyOf(COMMITMENT)).toEqual(counted);

    await page.reload();
    await expect.poll(() => page.locator('main .notice').textContent()).toContain('Nothing is kept about you');
    expect(watched.problems).toEqual([]);
  });

  it('keeps the page when switching language, both ways', async () => {
    const { page, watched } = await citizen();
    await page.goto(site.runtime.baseUrl + PAGE_SQ);
    const titleSq = await page.locator('h1').textContent();
    await page.locator('[data-lang-switch]').click();
    await page.waitForURL(`**${PAGE_EN}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).not.toBe(titleSq);
    await expect.poll(() => voteButton(page, 'support').textContent()).toBe('Support');
    await expectAccessible(page);
    await page.locator('[data-lang-switch]').click();
    await page.waitForURL(`**${PAGE_SQ}`);
    expect(await page.locator('h1').textContent()).toBe(titleSq);
    expect(watched.problems).toEqual([]);
  });

  it('downloads at most 20 KB of JavaScript (brotli) for the commitment page, interactions included', async () => {
    const { page } = await citizen();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body());
    });
    await page.goto(site.runtime.baseUrl + PAGE_SQ);
    await page.locator('form.comment-form').waitFor();
    await voteButton(page, 'neutral').click();
    await expect.poll(() => voteButton(page, 'neutral').getAttribute('aria-pressed')).toBe('true');
    const inline = await page.$$eval('script:not([src])', (nodes) => nodes.map((n) => n.textContent ?? '').join(''));
    const bytes = [...scripts.values(), Buffer.from(inline)].reduce((n, b) => n + brotliCompressSync(b).length, 0);
    expect(scripts.size).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(20 * 1024);
  });
});
