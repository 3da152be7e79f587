import { describe, expect, it } from 'vitest';
import { createDynamoResponseRepository } from '#functions/repositories/response-repository.ts';
import type { ResponseReport } from '#shared/schemas/staff.ts';
import { expectClean, postCommentFrom, signInToConsole, siteSession } from '../support/e2e-session.ts';

/**
 * A "merged" response end to end in Chromium on the built site and the local runtime: a drafter marks one comment
 * as merged into another in the console; the stored response has the disposition `merged` and `mergedInto`; once
 * the report is published, the public report (both languages, and its API) shows the comment as merged.
 */
const CONSULTATION = 'kvsp-2026';
const COMMITMENT = 'kvsp-public-meetings';

const site = siteSession();

type StoredResponse = {
  contributions: { kind: string; id: string }[];
  disposition: string;
  mergedInto?: { kind: string; id: string };
  justification: { sq: string };
};

describe('a merged response in the staff console', () => {
  it('is saved with mergedInto and shown as merged on the public report once published', async () => {
    const citizen = await site.phonePage();
    await citizen.goto(`${site.runtime.baseUrl}/angazhime/${COMMITMENT}/`);
    const stamp = Date.now();
    const kept = await postCommentFrom(citizen, COMMITMENT, `Mbledhjet të njoftohen dy javë përpara ${stamp}.`);
    const similarText = `Njoftimi për mbledhjet të dalë të paktën dy javë më herët ${stamp}.`;
    const similar = await postCommentFrom(citizen, COMMITMENT, similarText);

    const page = await site.phonePage();
    await signInToConsole(page, {
      baseUrl: site.runtime.baseUrl,
      path: '/en/console/#responses',
      user: 'drafter',
      linkText: 'Sign in (local demo users)',
      consultation: CONSULTATION,
    });
    const item = page.locator('.console-item', { hasText: similarText });
    await item.waitFor();
    await item.getByLabel('Select').check();
    await page.locator('#resp-disposition').selectOption('merged');
    await page.locator('#resp-merged-kind').selectOption('comment');
    await page.getByLabel('Identifier of the contribution').fill(kept);
    await page
      .getByLabel('Justification in Albanian (required)')
      .fill('Bashkohet me kontributin e ngjashëm që kërkon të njëjtin njoftim.');
    await expectClean(page);
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('.console-status').last().textContent()).toContain('saved for 1');
    await expect.poll(() => item.count()).toBe(0);
    const given = page.locator('.console-response', { hasText: 'Bashkohet me kontributin' });
    await given.waitFor();
    expect(await given.textContent()).toContain('Merged with a similar contribution');
    await expectClean(page);

    // Stored: one response for the similar comment, merged into the kept one, with the drafter's justification.
    const token = await site.runtime.staffAuth.issue('drafter');
    const listed = await fetch(`${site.runtime.baseUrl}/api/admin/consultations/${CONSULTATION}/responses`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ responses: StoredResponse[] }>);
    const merged = listed.responses.filter((r) => r.contributions.some((c) => c.id === similar));
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      contributions: [{ kind: 'comment', id: similar }],
      disposition: 'merged',
      mergedInto: { kind: 'comment', id: kept },
      justification: { sq: 'Bashkohet me kontributin e ngjashëm që kërkon të njëjtin njoftim.' },
    });

    // The consultation closes in weeks: the test marks the report published directly, as console-answers does.
    await createDynamoResponseRepository(site.runtime.table.documents, site.runtime.table.tableName).publish(
      CONSULTATION,
      { actor: { sub: 'e2e', username: 'e2e' }, at: new Date().toISOString(), note: 'e2e' },
    );
    const report = await fetch(
      `${site.runtime.baseUrl}/api/consultations/${CONSULTATION}/response-report?limit=200`,
    ).then((r) => r.json() as Promise<ResponseReport>);
    const entries = report.commitments.flatMap((c) => c.entries).filter((e) => e.id === similar);
    expect(entries).toEqual([
      expect.objectContaining({ disposition: 'merged', mergedInto: { kind: 'comment', id: kept } }),
    ]);
    for (const [path, disposition] of [
      [`/konsultime/${CONSULTATION}/pergjigjet/`, 'Bashkuar me një kontribut të ngjashëm'],
      [`/en/consultations/${CONSULTATION}/responses/`, 'Merged with a similar contribution'],
    ] as const) {
      await citizen.goto(site.runtime.baseUrl + path);
      const entry = citizen.locator(`[data-contribution="${similar}"]`);
      await entry.waitFor();
      expect(await entry.textContent()).toContain(similarText);
      expect(await entry.textContent()).toContain(disposition);
      expect(await entry.textContent()).toContain('Bashkohet me kontributin e ngjashëm');
      expect(await entry.locator('.report-merged').textContent()).toContain(kept);
      expect(await citizen.locator(`[data-contribution="${kept}"]`).count()).toBe(0);
      await expectClean(citizen);
    }
  });

  it('runs under the Content-Security-Policy without a single violation', () => {
    expect(site.problems()).toEqual([]);
  });
});
