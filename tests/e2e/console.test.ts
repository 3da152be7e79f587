import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/e2e-browser.ts';
import { postCommentFrom, signInToConsole, siteSession } from '../support/e2e-session.ts';

/**
 * The staff console (/console/, /en/console/) in Chromium on the built site and the local runtime: staff sign in
 * with the local sign-in page, a moderator hides a reported comment (and it leaves the public thread), a drafter
 * answers a comment. axe on every state; no CSP violation.
 */
const CONSULTATION = 'kvsp-2026';
const COMMITMENT = 'kvsp-public-meetings';

const site = siteSession();
const newPage = () => site.phonePage();

/** A citizen's comment, posted from the public page (same origin, the participant cookie), and its id. */
async function postComment(body: string): Promise<string> {
  const page = await newPage();
  await page.goto(`${site.runtime.baseUrl}/angazhime/${COMMITMENT}/`);
  const id = await postCommentFrom(page, COMMITMENT, body);
  await page.close();
  return id;
}

async function report(commentId: string): Promise<void> {
  const page = await newPage();
  await page.goto(`${site.runtime.baseUrl}/angazhime/${COMMITMENT}/`);
  const status = await page.evaluate(async (id) => {
    const response = await fetch(`/api/comments/${id}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'spam' }),
    });
    return response.status;
  }, commentId);
  expect(status).toBeLessThan(300);
  await page.close();
}

async function publicThread(): Promise<string[]> {
  const response = await fetch(`${site.runtime.baseUrl}/api/commitments/${COMMITMENT}/comments?limit=50`);
  return ((await response.json()) as { comments: { id: string }[] }).comments.map((c) => c.id);
}

/** Opens the console, follows its local sign-in link and picks the demo user. */
function signIn(page: Page, path: string, user: 'moderator' | 'drafter' | 'admin', linkText: string) {
  return signInToConsole(page, { baseUrl: site.runtime.baseUrl, path, user, linkText, consultation: CONSULTATION });
}

describe('the staff console', () => {
  it('offers the sign-in without a token, in both languages, with no axe violation', async () => {
    const page = await newPage();
    for (const [path, name] of [
      ['/console/', 'Hyni (përdorues demonstrues lokalë)'],
      ['/en/console/', 'Sign in (local demo users)'],
    ] as const) {
      await page.goto(site.runtime.baseUrl + path);
      await page.getByRole('link', { name }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('lets a moderator hide a reported comment, which then leaves the public thread', async () => {
    const text = `Reklamë e bezdisshme ${Date.now()}: blini tani në faqen tonë.`;
    const commentId = await postComment(text);
    await report(commentId);
    expect(await publicThread()).toContain(commentId);

    const page = await newPage();
    await signIn(page, '/console/', 'moderator', 'Hyni (përdorues demonstrues lokalë)');
    expect(await page.getByRole('heading', { name: 'Moderimi' }).count()).toBe(1);
    // A moderator sees no responses part.
    expect(await page.getByRole('heading', { name: 'Përgjigjet e arsyetuara' }).count()).toBe(0);
    const item = page.locator('.console-item', { hasText: text });
    await item.waitFor();
    expect(await item.locator('.tag').textContent()).toContain('×');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#mod-hide-reason').selectOption('spam');
    await item.getByRole('button', { name: 'Fshih' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => page.locator('.console-status').textContent()).toContain('U krye për 1');
    expect(await axeViolations(page)).toEqual([]);
    expect(await publicThread()).not.toContain(commentId);

    const thread = await newPage();
    await thread.goto(`${site.runtime.baseUrl}/angazhime/${COMMITMENT}/`);
    await thread.waitForFunction(() => !document.querySelector('astro-island[ssr], .island-placeholder'));
    await thread.waitForTimeout(500);
    expect(await thread.getByText(text).count()).toBe(0);

    // In the hidden tab, ready to be restored.
    await page.getByRole('button', { name: 'Të fshehura' }).click();
    await page.locator('.console-item', { hasText: text }).waitFor();

    await page.getByRole('button', { name: 'Dilni' }).click();
    await page.getByRole('link', { name: 'Hyni (përdorues demonstrues lokalë)' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('konsulto.staff.accessToken'))).toBeNull();
  });

  it('lets a drafter answer a comment with a reasoned response (English console)', async () => {
    const text = `Takimet publike duhet të transmetohen drejtpërdrejt ${Date.now()}.`;
    const commentId = await postComment(text);

    const page = await newPage();
    await signIn(page, '/en/console/', 'drafter', 'Sign in (local demo users)');
    expect(await page.getByRole('heading', { name: 'Moderation' }).count()).toBe(0);
    const item = page.locator('.console-item', { hasText: text });
    await item.waitFor();
    await page.locator('table caption', { hasText: 'Progress by commitment' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await item.getByLabel('Select').check();
    await page.locator('#resp-disposition').selectOption('partially-accepted');
    await page
      .getByLabel('Justification in Albanian (required)')
      .fill('Do të transmetohen takimet kombëtare; ato vendore sipas mundësive të bashkisë.');
    await page
      .getByLabel('Justification in English (optional)')
      .fill('National meetings will be streamed; local ones as each municipality can.');
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('.console-status').last().textContent()).toContain('saved for 1');
    await expect.poll(() => item.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // The answer is on record: the comment carries the response, with the justification the drafter gave.
    const token = await site.runtime.staffAuth.issue('drafter');
    const responses = await fetch(`${site.runtime.baseUrl}/api/admin/consultations/${CONSULTATION}/responses`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ responses: { contributions: { id: string }[]; disposition: string }[] }>);
    const answer = responses.responses.find((r) => r.contributions.some((c) => c.id === commentId));
    expect(answer?.disposition).toBe('partially-accepted');
  });

  it('runs under the Content-Security-Policy without a single violation', () => {
    expect(site.problems()).toEqual([]);
  });
});
