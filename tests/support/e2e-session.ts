import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { axeViolations, horizontalOverflow, launchChromium, type Watched, watchedContext } from './e2e-browser.ts';
import { type SiteRuntime, startSiteRuntime } from './e2e-runtime.ts';

export type SiteSession = {
  /** The local runtime serving the built site (started before the file's tests). */
  readonly runtime: SiteRuntime;
  /** A fresh watched browser profile: its own cookies; CSP violations and page errors recorded. */
  watch(options?: BrowserContextOptions): Promise<Watched>;
  /** A page 360 px wide, as on a phone, in a fresh watched profile, waiting at most 10 s for anything. */
  phonePage(): Promise<Page>;
  /** What every watched profile of the file recorded: a test asserts there is nothing. */
  problems(): string[];
};

/** Starts the runtime and Chromium before a test file's tests and stops them after (call at the file's top level). */
export function siteSession(): SiteSession {
  let runtime: SiteRuntime | undefined;
  let browser: Browser | undefined;
  const contexts: Watched[] = [];
  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startSiteRuntime(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the site session has not started (call siteSession() at the top level)');
    return value;
  };
  const watch = async (options?: BrowserContextOptions) => {
    const watched = await watchedContext(started(browser), options);
    contexts.push(watched);
    return watched;
  };
  return {
    get runtime() {
      return started(runtime);
    },
    watch,
    async phonePage() {
      const watched = await watch({ viewport: { width: 360, height: 800 }, isMobile: true });
      const page = await watched.context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
    problems: () => contexts.flatMap((c) => c.problems),
  };
}

/**
 * Opens the console at `path` (with a section anchor or not), follows its local sign-in link (`linkText`), signs in
 * as the demo `user` and picks `consultation`.
 */
export async function signInToConsole(
  page: Page,
  {
    baseUrl,
    path,
    user,
    linkText,
    consultation,
  }: {
    baseUrl: string;
    path: string;
    user: 'moderator' | 'drafter' | 'admin';
    linkText: string;
    consultation: string;
  },
) {
  await page.goto(baseUrl + path);
  await page.getByRole('link', { name: linkText }).click();
  await page.waitForURL(/\/local-auth\//);
  await page.locator(`button[value="${user}"]`).click();
  await page.waitForURL((url) => url.pathname === path.split('#')[0]);
  await page.locator('#console-consultation').waitFor();
  await page.locator('#console-consultation').selectOption(consultation);
}

/** No axe violation and no sideways scrolling on the page as it is now. */
export async function expectClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBe(0);
}

/**
 * A citizen's comment on `commitment`, posted by `page` (already on a page of the site: same origin, its participant
 * cookie) as the site's code posts it; returns the new comment's id.
 */
export function postCommentFrom(page: Page, commitment: string, body: string): Promise<string> {
  return page.evaluate(
    async ([commitmentId, text]) => {
      const response = await fetch(`/api/commitments/${commitmentId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ body: text }),
      });
      return ((await response.json()) as { id: string }).id;
    },
    [commitment, body] as const,
  );
}
