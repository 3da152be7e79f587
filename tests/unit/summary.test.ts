import { describe, expect, it } from 'vitest';
import { forAudience } from '#shared/summary/privacy.ts';
import { type Summary, summarySchema } from '#shared/summary/schema.ts';
import { divisiveness, summarise } from '#shared/summary/summarise.ts';
import { handContext, handItems } from '../support/summary-items.ts';

const run = () => summarise(handContext, handItems);
const byKey = <T extends { key: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.key, r]));
const nonZero = (rows: { key: string; count: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));

describe('the consultation summary of a hand-made consultation', () => {
  it('counts participation once per person and contribution, skipping other consultations', async () => {
    const s = await run();
    // p1-p6; the erased author and p7 (profile only) are not participants.
    expect(s.totals).toEqual({
      participants: 6,
      comments: 5,
      replies: 1,
      reactions: 2,
      votes: 5,
      proposals: 2,
      meetingContributions: 2,
    });
    expect(s.commentsByStatus).toEqual({ published: 4, pending: 1, hidden: 1, deleted: 0 });
  });

  it('counts per day in Europe/Tirane, new participants on their first day', async () => {
    const s = await run();
    const zero = {
      participants: 0,
      comments: 0,
      replies: 0,
      reactions: 0,
      votes: 0,
      proposals: 0,
      meetingContributions: 0,
    };
    expect(s.perDay).toEqual([
      { ...zero, date: '2026-04-03', meetingContributions: 2 },
      { ...zero, date: '2026-12-01', participants: 1, votes: 1, comments: 1 },
      // p2's vote at 23:30 UTC is 00:30 in Tirana.
      { ...zero, date: '2026-12-02', participants: 3, votes: 3, replies: 1, comments: 1 },
      { ...zero, date: '2026-12-03', participants: 1, votes: 1, reactions: 1, comments: 2, proposals: 1 },
      { ...zero, date: '2026-12-04', participants: 1, reactions: 1, comments: 1, proposals: 1 },
    ]);
  });

  it('breaks participants down by what they declared, with "not declared"', async () => {
    const s = await run();
    expect(nonZero(s.participants.byStakeholderType)).toEqual({ youth: 1, ngo: 1, police: 1, 'not-declared': 3 });
    expect(nonZero(s.participants.byMunicipality)).toEqual({ elbasan: 1, tirane: 1, shkoder: 1, 'not-declared': 3 });
    expect(nonZero(s.participants.byAgeBand)).toEqual({ '18-24': 1, '50-64': 1, 'not-declared': 4 });
    expect(s.participants.byStakeholderType.at(-1)?.key).toBe('not-declared');
  });

  it('summarises votes per commitment with shares and breakdowns joined to the voters’ profiles', async () => {
    const s = await run();
    expect(s.commitments.map((c) => c.id)).toEqual(['a-youth', 'b-meetings']);
    const [a, b] = s.commitments as [Summary['commitments'][number], Summary['commitments'][number]];
    expect(a.votes).toMatchObject({
      support: 1,
      oppose: 1,
      neutral: 1,
      total: 3,
      shares: { support: 0.3333, oppose: 0.3333, neutral: 0.3333 },
    });
    expect(byKey(a.votes.byStakeholderType).youth).toEqual({
      key: 'youth',
      support: 1,
      oppose: 0,
      neutral: 0,
      total: 1,
    });
    expect(byKey(a.votes.byStakeholderType).ngo).toEqual({ key: 'ngo', support: 0, oppose: 1, neutral: 0, total: 1 });
    expect(byKey(a.votes.byStakeholderType)['not-declared']).toEqual({
      key: 'not-declared',
      support: 0,
      oppose: 0,
      neutral: 1,
      total: 1,
    });
    expect(a.votes.byMunicipality.map((g) => [g.key, g.support, g.oppose, g.neutral])).toEqual([
      ['elbasan', 1, 0, 0],
      ['tirane', 0, 1, 0],
      ['not-declared', 0, 0, 1],
    ]);
    expect(b.votes).toMatchObject({
      support: 1,
      oppose: 1,
      neutral: 0,
      total: 2,
      shares: { support: 0.5, neutral: 0 },
    });
    expect(b.votes.byMunicipality.map((g) => [g.key, g.support, g.oppose])).toEqual([
      ['elbasan', 0, 1],
      ['shkoder', 1, 0],
      ['not-declared', 0, 0],
    ]);
  });

  it('counts each commitment’s own participants and contributions', async () => {
    const [a, b] = (await run()).commitments;
    expect(a?.totals).toEqual({
      participants: 4,
      comments: 3,
      replies: 1,
      reactions: 1,
      votes: 3,
      proposals: 1,
      meetingContributions: 1,
    });
    expect(b?.totals).toEqual({
      participants: 4,
      comments: 2,
      replies: 0,
      reactions: 1,
      votes: 2,
      proposals: 0,
      meetingContributions: 0,
    });
  });

  it('gives each section its comments and the agree/disagree balance of what is public', async () => {
    const [a, b] = (await run()).commitments;
    expect(a?.sections).toEqual([
      {
        sectionId: 'general',
        comments: 1,
        replies: 0,
        agree: 0,
        disagree: 0,
        pass: 0,
        balance: null,
        mostAgreed: [],
        mostDivisive: [],
      },
      {
        sectionId: 'problem',
        comments: 1,
        replies: 1,
        agree: 6,
        disagree: 4,
        pass: 1,
        balance: 0.2,
        mostAgreed: ['C1', 'R1X'],
        mostDivisive: ['C1'],
      },
      {
        sectionId: 'milestone-m1',
        label: { sq: 'Hapi: Forumi rinor', en: 'Milestone: Youth forum' },
        comments: 1,
        replies: 0,
        agree: 0,
        disagree: 0,
        pass: 0,
        balance: null,
        mostAgreed: [],
        mostDivisive: [],
      },
    ]);
    expect(b?.sections.map((s) => [s.sectionId, s.comments, s.agree, s.disagree, s.balance])).toEqual([
      ['general', 2, 2, 2, 0],
      ['problem', 0, 0, 0, null],
    ]);
  });

  it('ranks most agreed and most divisive among published comments only', async () => {
    const [a, b] = (await run()).commitments;
    // The hidden C3 has 7 agreements but is not public.
    expect(a?.mostAgreed.map((c) => [c.id, c.kind, c.agree, c.disagree])).toEqual([
      ['C1', 'comment', 5, 4],
      ['R1X', 'reply', 1, 0],
    ]);
    expect(a?.mostDivisive.map((c) => [c.id, c.divisiveness])).toEqual([['C1', 4]]);
    expect(b?.mostDivisive.map((c) => [c.id, c.divisiveness])).toEqual([['C2', 2]]);
    expect(divisiveness(50, 50)).toBeGreaterThan(divisiveness(200, 20));
    expect(divisiveness(200, 0)).toBe(0);
  });

  it('extracts key terms per language, folding ë and stemming, with the comments that use them', async () => {
    const [a, b] = (await run()).commitments;
    expect(a?.keyTerms).toEqual({
      sq: [
        { term: 'duhet', stem: 'duhet', comments: 2, commentIds: ['C1', 'R1X'] },
        // "rinjtë" and "rinjte" are one term, shown with its diacritic.
        { term: 'rinjtë', stem: 'rinj', comments: 2, commentIds: ['C1', 'R1X'] },
      ],
      en: [],
    });
    expect(b?.keyTerms).toEqual({
      sq: [],
      en: [
        { term: 'people', stem: 'people', comments: 2, commentIds: ['C2', 'C5'] },
        { term: 'young', stem: 'young', comments: 2, commentIds: ['C2', 'C5'] },
      ],
    });
  });

  it('drafts a paragraph in both languages whose every statement cites its figures and contributions', async () => {
    const [a] = (await run()).commitments;
    const statements = a?.paragraph.statements ?? [];
    expect(statements.map((s) => s.key)).toEqual([
      'participation',
      'votes',
      'terms',
      'most-agreed',
      'most-divisive',
      'sections',
      'proposals',
      'meetings',
      'responses',
    ]);
    expect(statements[1]).toEqual({
      key: 'votes',
      sq: 'Nga 3 vota, 1 (33%) e mbështesin angazhimin, 1 (33%) e kundërshtojnë dhe 1 (33%) janë neutrale.',
      en: 'Of 3 votes, 1 (33%) support the commitment, 1 (33%) oppose it and 1 (33%) are neutral.',
      contributionIds: [],
      figures: { 'votes.total': 3, 'votes.support': 1, 'votes.oppose': 1, 'votes.neutral': 1 },
    });
    expect(statements.find((s) => s.key === 'most-agreed')?.contributionIds).toEqual(['C1']);
    expect(statements.find((s) => s.key === 'proposals')?.contributionIds).toEqual(['P1']);
    expect(statements.find((s) => s.key === 'meetings')?.contributionIds).toEqual(['elbasan/m1']);
    for (const s of statements) {
      expect(Object.keys(s.figures).length + s.contributionIds.length).toBeGreaterThan(0);
      for (const value of Object.values(s.figures)) expect(s.en).toContain(String(value));
    }
    expect(a?.paragraph.en).toContain(
      '[figures: votes.total = 3, votes.support = 1, votes.oppose = 1, votes.neutral = 1]',
    );
    expect(a?.paragraph.sq).toContain('[shifrat: votes.total = 3');
  });

  it('reports each answerable contribution’s disposition and how many are unanswered', async () => {
    const s = await run();
    expect(s.responses).toMatchObject({ answerable: 7, answered: 3, unanswered: 4 });
    expect(nonZero(s.responses.byDisposition.map((d) => ({ key: d.disposition, count: d.count })))).toEqual({
      accepted: 1,
      'partially-accepted': 2,
    });
    expect(s.responses.rows.find((r) => r.contributionId === 'C1')).toEqual({
      contributionKind: 'comment',
      contributionId: 'C1',
      commitmentId: 'a-youth',
      responseId: 'R1',
      disposition: 'partially-accepted',
      justification: { sq: 'Forumi përfshihet si hap i parë.', en: 'The forum is included as a first step.' },
      respondedAt: '2026-12-05T10:00:00.000Z',
    });
    expect(s.commitments.map((c) => c.responses)).toEqual([
      { answerable: 4, answered: 3, unanswered: 1 },
      { answerable: 2, answered: 0, unanswered: 2 },
    ]);
  });

  it('lists every contribution, in time order, with its counts and disposition', async () => {
    const s = await run();
    expect(s.contributions.map((r) => [r.kind, r.id, r.status, r.language, r.disposition ?? '-'])).toEqual([
      ['comment', 'C1', 'published', 'sq', 'partially-accepted'],
      ['reply', 'R1X', 'published', 'sq', '-'],
      ['comment', 'C2', 'published', 'en', '-'],
      ['comment', 'C3', 'hidden', 'other', '-'],
      ['comment', 'C4', 'pending', 'sq', '-'],
      ['comment', 'C5', 'published', 'en', '-'],
      ['proposal', 'P1', 'approved', 'other', 'partially-accepted'],
      ['proposal', 'P2', 'hidden', 'other', '-'],
      ['meeting-contribution', 'elbasan/m1', 'recorded', 'sq', 'accepted'],
      ['meeting-contribution', 'elbasan/m2', 'recorded', 'sq', '-'],
    ]);
    expect(s.meetings).toEqual([
      {
        id: 'elbasan',
        date: '2026-04-03',
        municipality: 'elbasan',
        title: { sq: 'Takimi në Elbasan', en: 'Elbasan meeting' },
        participantCount: 25,
        contributions: 2,
        byCommitment: [{ count: 1 }, { commitmentId: 'a-youth', count: 1 }],
      },
    ]);
  });

  it('keeps contact fields out unless asked for', async () => {
    expect((await run()).proposals[0]?.contact).toBeUndefined();
    const withContacts = await summarise({ ...handContext, options: { includeContacts: true } }, handItems);
    expect(withContacts.proposals[0]?.contact).toEqual({
      name: 'Drita Hoxha',
      email: 'drita@example.org',
      phone: '+355 69 765 4321',
    });
  });

  it('validates against the documented JSON schema, in both views', async () => {
    const s = await run();
    expect(() => summarySchema.parse(s)).not.toThrow();
    expect(() => summarySchema.parse(forAudience(s, 'public'))).not.toThrow();
  });

  it('gives the same summary for the same items in any order, from an array or an async stream', async () => {
    const first = await run();
    const reversed = await summarise(handContext, [...handItems].reverse());
    async function* stream() {
      for (const item of handItems) yield item;
    }
    const streamed = await summarise(handContext, stream());
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(first));
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(first));
  });
});

describe('the public view', () => {
  it('lists only what the public site shows, without names or contact data', async () => {
    const view = forAudience(await run(), 'public');
    expect(view.contributions.map((r) => r.id)).toEqual(['C1', 'R1X', 'C2', 'C5', 'P1', 'elbasan/m1', 'elbasan/m2']);
    expect(view.contributions.every((r) => r.displayName === undefined)).toBe(true);
    const text = JSON.stringify(view);
    expect(view.contributions[0]?.text).toBe('Të rinjtë duhet të marrin pjesë në KVSP. Shkruani: [email] ose [tel]');
    expect(view.proposals.map((p) => [p.id, p.contact])).toEqual([['P1', undefined]]);
    expect(view.responses.rows.every((r) => r.justification === undefined)).toBe(true);
    // Rows and citations name only what is listed: not the hidden proposal P2, the hidden C3 or the pending C4.
    expect(view.responses.rows.map((r) => r.contributionId)).toEqual([
      'C1',
      'R1X',
      'C2',
      'C5',
      'elbasan/m2',
      'elbasan/m1',
      'P1',
    ]);
    for (const id of ['P2', 'C3', 'C4']) expect(text).not.toContain(`"${id}"`);
    for (const secret of ['ana.hoxha@example.com', '123 4567', 'Drita', 'drita@example.org', 'Arben', '"p1"', 'p6']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps everything in the staff view', async () => {
    const view = forAudience(await run(), 'staff');
    expect(view.contributions.find((r) => r.id === 'C2')?.displayName).toBe('Arben');
    expect(view.contributions).toHaveLength(10);
  });
});
