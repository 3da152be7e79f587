import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDynamoResponseRepository } from '#functions/repositories/response-repository.ts';
import { expectClean, postCommentFrom, signInToConsole, siteSession } from '../support/e2e-session.ts';

/**
 * The staff console's proposals, responses and report sections in Chromium on the built site and the local runtime:
 * an organisation sends a proposal with a PDF; a moderator approves it (without seeing the contact); a drafter sees
 * the contact, downloads the file, answers the proposal, and the organisation reads the answer on its receipt page;
 * the drafter edits the answer (a concurrent edit is a 409 that reloads); the public report page lists the answers.
 * At 360 px, axe on every state, no sideways scrolling, no CSP violation.
 */
const CONSULTATION = 'kvsp-2026';
const COMMITMENT = 'kvsp-public-meetings';
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const CONTACT_EMAIL = 'arta.canary@example.org';

const site = siteSession();
const newPage = () => site.phonePage();

/** An organisation's proposal with one PDF, sent from the public site (same origin); its id and receipt link. */
async function sendProposal(page: Page, title: string): Promise<{ id: string; receiptUrl: string }> {
  await page.goto(`${site.runtime.baseUrl}/konsultime/${CONSULTATION}/propozo/`);
  return page.evaluate(
    async ({ title, pdf, commitment, consultation, email }) => {
      const form = await fetch('/api/proposals/attachments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: 'plani.pdf', contentType: 'application/pdf', bytes: pdf.length }),
      }).then((r) => r.json() as Promise<{ attachmentId: string; upload: { url: string } }>);
      await fetch(form.upload.url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf });
      const created = await fetch('/api/proposals?lang=sq', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          consultationId: consultation,
          kind: 'amendment',
          commitmentId: commitment,
          sectionId: 'problem',
          organisation: { name: 'Qendra Rinore Elbasan', type: 'ngo', municipality: 'elbasan' },
          contact: { name: 'Arta Hoxha', email },
          title,
          problem: 'Të rinjtë nuk dinë kur mblidhen KVSP-të dhe nuk marrin pjesë.',
          causes: 'Njoftimet nuk publikohen askund.',
          objective: 'Çdo mbledhje njoftohet dy javë përpara në faqen e bashkisë.',
          milestones: [
            { description: 'Kalendar publik', start: '2027-02-01', end: '2027-06-30', responsible: 'Bashkia' },
          ],
          indicators: ['Numri i mbledhjeve të njoftuara'],
          leadInstitution: 'Bashkia Elbasan',
          ogpValues: ['transparency'],
          expectedResults: 'Më shumë të rinj në mbledhje.',
          attachmentIds: [form.attachmentId],
        }),
      });
      return created.json() as Promise<{ id: string; receiptUrl: string }>;
    },
    { title, pdf: PDF, commitment: COMMITMENT, consultation: CONSULTATION, email: CONTACT_EMAIL },
  );
}

/** Opens the console at `path` (a section anchor), signs in as `user` through the local sign-in page. */
function signIn(page: Page, path: string, user: 'moderator' | 'drafter' | 'admin', linkText: string) {
  return signInToConsole(page, { baseUrl: site.runtime.baseUrl, path, user, linkText, consultation: CONSULTATION });
}

describe('proposals and answers in the staff console', () => {
  const title = `Takime të hapura të KVSP-së ${Date.now()}`;
  let proposal: { id: string; receiptUrl: string };

  it('lets a moderator approve a proposal without seeing its contact person', async () => {
    const ngo = await newPage();
    proposal = await sendProposal(ngo, title);
    expect(proposal.receiptUrl).toMatch(/^\/deftese\/#[A-Za-z0-9_-]{43}$/);

    const page = await newPage();
    await signIn(page, '/console/#proposals', 'moderator', 'Hyni (përdorues demonstrues lokalë)');
    await page.getByRole('link', { name: 'Propozimet e organizatave' }).click();
    const item = page.locator(`[data-proposal="${proposal.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(title);
    expect(await item.textContent()).not.toContain(CONTACT_EMAIL);
    expect(await item.getByRole('button', { name: /plani\.pdf/ }).count()).toBe(1);
    await expectClean(page);

    await item.getByRole('button', { name: 'Mirato' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => page.locator('.console-status').textContent()).toContain(title);
    await page.getByRole('button', { name: 'Të publikuara' }).click();
    await page.locator(`[data-proposal="${proposal.id}"]`).waitFor();
    await expectClean(page);

    const listed = await fetch(`${site.runtime.baseUrl}/api/consultations/${CONSULTATION}/proposals`).then(
      (r) => r.json() as Promise<{ proposals: { id: string }[] }>,
    );
    expect(listed.proposals.map((p) => p.id)).toContain(proposal.id);
  });

  it('lets a drafter see the contact, download the file and answer; the organisation reads it on its receipt', async () => {
    const page = await newPage();
    await signIn(page, '/en/console/#proposals', 'drafter', 'Sign in (local demo users)');
    await page.getByRole('button', { name: 'Published' }).click();
    const item = page.locator(`[data-proposal="${proposal.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(CONTACT_EMAIL);
    // A drafter cannot moderate: no approve, hide or restore buttons.
    for (const name of ['Approve', 'Hide', 'Restore']) {
      expect(await item.getByRole('button', { name }).count(), name).toBe(0);
    }
    await expectClean(page);
    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: /plani\.pdf/ }).click();
    expect((await download).suggestedFilename()).toBe('plani.pdf');

    await page.goto(`${site.runtime.baseUrl}/en/console/#responses`);
    await page.locator('#console-consultation').selectOption(CONSULTATION);
    await page.getByRole('button', { name: 'Proposals' }).click();
    const pick = page.locator('.console-item', { hasText: title });
    await pick.waitFor();
    await pick.getByLabel('Select').check();
    await page.locator('#resp-disposition').selectOption('partially-accepted');
    await page
      .getByLabel('Justification in Albanian (required)')
      .fill('Mbledhjet do të njoftohen në faqen e bashkisë; afati dy javë shqyrtohet me bashkitë.');
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('.console-status').last().textContent()).toContain('saved for 1');
    await expect.poll(() => pick.count()).toBe(0);
    await page.locator('.console-response', { hasText: 'Mbledhjet do të njoftohen' }).waitFor();
    await expectClean(page);

    const ngo = await newPage();
    await ngo.goto(site.runtime.baseUrl + proposal.receiptUrl);
    const answer = ngo.locator('.receipt__response');
    await expect.poll(() => answer.textContent()).toContain('Pranuar pjesërisht');
    expect(await answer.textContent()).toContain('Mbledhjet do të njoftohen në faqen e bashkisë');
    expect(await ngo.locator('[data-status]').textContent()).toBe('Me përgjigje');
    await expectClean(ngo);
  });

  it('edits a response with its version, and a concurrent edit gets the conflict message and the newer text', async () => {
    const page = await newPage();
    await signIn(page, '/en/console/#responses', 'drafter', 'Sign in (local demo users)');
    const given = page.locator('.console-response', { hasText: 'Mbledhjet do të njoftohen' });
    await given.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Editing a response' }).waitFor();
    expect(await page.getByLabel('Justification in Albanian (required)').inputValue()).toContain('Mbledhjet');
    await expectClean(page);

    // "Merged" points to another contribution: without one the form says so and sends nothing.
    await page.locator('#resp-disposition').selectOption('merged');
    await page.getByLabel('Identifier of the contribution').waitFor();
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toContain('merged into');
    await expectClean(page);

    await page.locator('#resp-disposition').selectOption('accepted');
    expect(await page.getByLabel('Identifier of the contribution').count()).toBe(0);
    await page
      .getByLabel('Justification in Albanian (required)')
      .fill('Pranohet plotësisht: çdo mbledhje njoftohet dy javë përpara.');
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('.console-status').last().textContent()).toBe('The change was saved.');
    const responseId = await page
      .locator('.console-response', { hasText: 'Pranohet plotësisht' })
      .getAttribute('data-response');
    expect(responseId).toMatch(/^[0-9A-Z]{26}$/);

    // Open it again, then someone else saves in between (through the API): the console's save is a 409.
    await page.locator(`[data-response="${responseId}"]`).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Editing a response' }).waitFor();
    const token = await site.runtime.staffAuth.issue('drafter');
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const current = await fetch(`${site.runtime.baseUrl}/api/admin/responses/${responseId}`, { headers: admin }).then(
      (r) => r.json() as Promise<{ version: number; contributions: unknown[] }>,
    );
    const other = await fetch(`${site.runtime.baseUrl}/api/admin/responses/${responseId}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({
        contributions: current.contributions,
        disposition: 'accepted',
        justification: { sq: 'Versioni i kolegut: pranohet, me njoftim tre javë përpara.' },
        expectedVersion: current.version,
      }),
    });
    expect(other.status).toBe(200);

    await page
      .getByLabel('Justification in Albanian (required)')
      .fill('Ndryshimi im që vjen vonë dhe s’duhet të mbishkruajë.');
    await page.getByRole('button', { name: 'Save the response' }).click();
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toContain('Someone else saved');
    await expect
      .poll(() => page.getByLabel('Justification in Albanian (required)').inputValue())
      .toBe('Versioni i kolegut: pranohet, me njoftim tre javë përpara.');
    await expectClean(page);
    const stored = await fetch(`${site.runtime.baseUrl}/api/admin/responses/${responseId}`, { headers: admin }).then(
      (r) => r.json() as Promise<{ version: number; justification: { sq: string } }>,
    );
    expect(stored).toMatchObject({
      version: current.version + 1,
      justification: { sq: 'Versioni i kolegut: pranohet, me njoftim tre javë përpara.' },
    });
  });

  it('explains that the report waits for the close, and shows the published report on the public pages', async () => {
    const page = await newPage();
    await signIn(page, '/console/#report', 'drafter', 'Hyni (përdorues demonstrues lokalë)');
    await page.getByRole('heading', { name: 'Raporti i përgjigjeve' }).waitFor();
    await expect.poll(() => page.locator('.report-state').textContent()).toBe('I papublikuar');
    await page.getByRole('button', { name: 'Publiko raportin' }).click();
    await expect.poll(() => page.locator('[role="alert"]').first().textContent()).toContain('pasi të mbyllet');
    expect(await page.getByRole('link', { name: 'Faqja publike e raportit' }).getAttribute('href')).toBe(
      `/konsultime/${CONSULTATION}/pergjigjet/`,
    );
    await expectClean(page);

    // Before publication the public page says so.
    const citizen = await newPage();
    await citizen.goto(`${site.runtime.baseUrl}/konsultime/${CONSULTATION}/pergjigjet/`);
    await expect.poll(() => citizen.locator('.report-unpublished').textContent()).toContain('nuk është publikuar');
    await expectClean(citizen);

    // The consultation closes in weeks: the test marks the report published directly (what the API does after it
    // closes), then both language versions list the answer, with the proposal's text and no contact.
    await createDynamoResponseRepository(site.runtime.table.documents, site.runtime.table.tableName).publish(
      CONSULTATION,
      {
        actor: { sub: 'e2e', username: 'e2e' },
        at: new Date().toISOString(),
        note: 'e2e',
      },
    );
    for (const [path, disposition] of [
      [`/konsultime/${CONSULTATION}/pergjigjet/`, 'Pranuar'],
      [`/en/consultations/${CONSULTATION}/responses/`, 'Accepted'],
    ] as const) {
      await citizen.goto(site.runtime.baseUrl + path);
      const entry = citizen.locator(`[data-contribution="${proposal.id}"]`);
      await entry.waitFor();
      expect(await entry.textContent()).toContain(title);
      expect(await entry.textContent()).toContain(disposition);
      expect(await entry.textContent()).toContain('Versioni i kolegut');
      expect(await citizen.locator('main').textContent()).not.toContain(CONTACT_EMAIL);
      expect(await citizen.locator('main').textContent()).not.toContain('Arta Hoxha');
      await expectClean(citizen);
    }
  });

  it('shows a participant the answer to their own comment on the my-data page', async () => {
    const citizen = await newPage();
    await citizen.goto(`${site.runtime.baseUrl}/angazhime/${COMMITMENT}/`);
    const text = `Takimet të mbahen edhe në fshatra ${Date.now()}.`;
    const commentId = await postCommentFrom(citizen, COMMITMENT, text);
    await citizen.goto(`${site.runtime.baseUrl}/te-dhenat-e-mia/`);
    const own = citizen.locator(`[data-comment="${commentId}"]`);
    await expect.poll(() => own.textContent()).toContain('Ende pa përgjigje');
    expect(await own.textContent()).toContain(text);

    const token = await site.runtime.staffAuth.issue('drafter');
    const saved = await fetch(`${site.runtime.baseUrl}/api/admin/responses/01JZZZZZZZZZZZZZZZZZZZZZZZ`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        contributions: [{ kind: 'comment', id: commentId }],
        disposition: 'out-of-scope',
        justification: { sq: 'Takimet në fshatra i organizon bashkia, jo plani kombëtar.' },
      }),
    });
    expect(saved.status).toBe(201);

    await citizen.reload();
    await expect.poll(() => own.textContent()).toContain('Jashtë objektit të konsultimit');
    expect(await own.textContent()).toContain('Takimet në fshatra i organizon bashkia');
    await expectClean(citizen);
  });

  it('records a meeting with a contribution, lists it again after a reload, edits it, and the audit log shows both', async () => {
    const page = await newPage();
    await signIn(page, '/en/console/#meetings', 'admin', 'Sign in (local demo users)');
    await page.getByRole('heading', { name: 'Meetings' }).waitFor();
    await page.getByRole('button', { name: 'Record a meeting' }).click();
    const form = page.locator('#meeting-form');
    await form.waitFor();
    await page.locator('#meet-id').fill('durres-2026-12-12');
    await page.locator('#meet-title-sq').fill('Takim me të rinjtë e Durrësit');
    await page.locator('#meet-title-en').fill('Meeting with the young people of Durrës');
    await page.locator('#meet-venue-sq').fill('Biblioteka e qytetit');
    await page.locator('#meet-municipality').selectOption('durres');
    await page.locator('#meet-date').fill('2026-12-12');
    await page.locator('#meet-start').fill('10:00');
    await page.locator('#meet-end').fill('12:30');
    await page.locator('#meet-participants').fill('34');
    await page.locator('#meet-topic-sq').fill('Siguria në lagje');
    await page.locator('#meet-moderator-sq').fill('Ana Kola');
    await page.locator('#meet-guests-sq').fill('Kryetari i bashkisë\nDrejtori i policisë');
    await page.locator('#meet-summary-sq').fill('Të rinjtë diskutuan ndriçimin dhe patrullimin në lagje.');
    await page.locator('#meet-discussionPoints-sq').fill('Ndriçimi i rrugëve\nPatrullat në mbrëmje');
    await page.getByRole('button', { name: 'Add a contribution' }).click();
    await page.locator('#meet-c-0-commitment').selectOption(COMMITMENT);
    await page.locator('#meet-c-0-sq').fill('Takimet e KVSP-së të njoftohen në shkolla.');
    await expectClean(page);
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await expect.poll(() => page.locator('.console-status').textContent()).toContain('(version 1)');
    await page.locator('[data-meeting="durres-2026-12-12"]').waitFor();

    // Listed again after a reload, from the API.
    await page.reload();
    const listed = page.locator('[data-meeting="durres-2026-12-12"]');
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Meeting with the young people of Durrës');
    expect(await listed.textContent()).toContain('Contributions: 1');
    await expectClean(page);

    await listed.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Editing a meeting' }).waitFor();
    expect(await page.locator('#meet-guests-sq').inputValue()).toBe('Kryetari i bashkisë\nDrejtori i policisë');
    await page.locator('#meet-participants').fill('36');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await expect.poll(() => page.locator('.console-status').textContent()).toContain('(version 2)');

    const token = await site.runtime.staffAuth.issue('drafter');
    const stored = await fetch(`${site.runtime.baseUrl}/api/admin/consultations/${CONSULTATION}/meetings`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ meetings: Record<string, unknown>[] }>);
    expect(stored.meetings.find((m) => m.id === 'durres-2026-12-12')).toMatchObject({
      version: 2,
      participantCount: 36,
      municipality: 'durres',
      startTime: '10:00',
      endTime: '12:30',
      guests: [{ sq: 'Kryetari i bashkisë' }, { sq: 'Drejtori i policisë' }],
      discussionPoints: [{ sq: 'Ndriçimi i rrugëve' }, { sq: 'Patrullat në mbrëmje' }],
      contributions: [
        { id: 'k1', commitmentId: COMMITMENT, text: { sq: 'Takimet e KVSP-së të njoftohen në shkolla.' } },
      ],
    });

    await page.getByRole('link', { name: 'Audit log' }).click();
    const log = page.locator('[data-audit]');
    await expect.poll(() => log.count()).toBeGreaterThanOrEqual(2);
    const texts = await log.allTextContents();
    expect(texts[0]).toContain('meeting.update');
    expect(texts[1]).toContain('meeting.create');
    expect(texts[0]).toContain('durres-2026-12-12');
    expect(texts.some((t) => t.includes('proposal.approve'))).toBe(true);
    await expectClean(page);

    // The meeting's contribution waits for an answer beside the online input.
    await page.getByRole('link', { name: 'Reasoned responses' }).click();
    await page.getByRole('button', { name: 'From meetings' }).click();
    await page.locator('.console-item', { hasText: 'Takimet e KVSP-së të njoftohen në shkolla.' }).waitFor();
    await expectClean(page);
  });

  it('runs under the Content-Security-Policy without a single violation', () => {
    expect(site.problems()).toEqual([]);
  });
});
