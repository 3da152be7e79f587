import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SummaryContext } from '#shared/summary/input.ts';
import type { Summary } from '#shared/summary/schema.ts';
import { summarise } from '#shared/summary/summarise.ts';

/*
 * Properties of the summary over random consultations: every total equals the sum of its breakdowns, and the same
 * items give the same summary, in any order.
 */

const context: SummaryContext = {
  consultation: { id: 'c', title: { sq: 'K' } },
  commitments: [
    { id: 'a', order: 1, title: { sq: 'A' }, sectionIds: ['problem', 'milestone-m1'] },
    { id: 'b', order: 2, title: { sq: 'B' }, sectionIds: ['problem'] },
  ],
  meetings: [
    {
      id: 'm',
      consultationId: 'c',
      title: { sq: 'Takim' },
      municipality: 'elbasan',
      date: '2026-04-03',
      participantCount: 10,
      contributions: [
        { id: 'x', commitmentId: 'a', text: { sq: 'x' } },
        { id: 'y', text: { sq: 'y' } },
      ],
    },
  ],
  generatedAt: '2026-12-10T00:00:00.000Z',
};

const participant = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'erased');
const commitment = fc.constantFrom('a', 'b', 'unknown');
const instant = fc
  .integer({ min: Date.UTC(2026, 11, 1), max: Date.UTC(2026, 11, 8) })
  .map((ms) => new Date(ms).toISOString());
const words = fc
  .array(
    fc.constantFrom('të', 'rinjtë', 'rinjte', 'KVSP', 'policia', 'young', 'people', 'the', 'and', 'siguria', 'ë'),
    {
      maxLength: 8,
    },
  )
  .map((w) => w.join(' '));

const vote = fc.record({
  type: fc.constant('VOTE'),
  participantId: participant,
  commitmentId: commitment,
  choice: fc.constantFrom('support', 'oppose', 'neutral'),
  createdAt: instant,
});
const comment = fc.record({
  type: fc.constant('COMMENT'),
  id: fc.stringMatching(/^[0-9A-Z]{6}$/),
  consultationId: fc.constantFrom('c', 'c', 'other'),
  commitmentId: commitment,
  sectionId: fc.option(fc.constantFrom('problem', 'milestone-m1', 'elsewhere'), { nil: undefined }),
  parentId: fc.option(fc.constant('PARENT'), { nil: undefined }),
  participantId: participant,
  body: words,
  createdAt: instant,
  status: fc.constantFrom('published', 'published', 'pending', 'hidden', 'deleted'),
  agree: fc.nat(30),
  disagree: fc.nat(30),
  pass: fc.nat(5),
});
const reaction = fc.record({
  type: fc.constant('REACTION'),
  participantId: participant,
  commentId: fc.constant('ANY'),
  commitmentId: commitment,
  reaction: fc.constantFrom('agree', 'disagree', 'pass'),
  createdAt: instant,
});
const profile = fc.record({
  type: fc.constant('PROFILE'),
  participantId: participant,
  stakeholderType: fc.option(fc.constantFrom('youth', 'ngo', 'police'), { nil: undefined }),
  municipality: fc.option(fc.constantFrom('elbasan', 'tirane', 'vlore'), { nil: undefined }),
  ageBand: fc.option(fc.constantFrom('18-24', '25-34'), { nil: undefined }),
});

/** One vote per participant and commitment, one profile per participant, unique comment ids: as the table holds them. */
const items = fc
  .tuple(
    fc.uniqueArray(vote, { selector: (v) => `${v.participantId}/${v.commitmentId}`, maxLength: 20 }),
    fc.uniqueArray(comment, { selector: (c) => c.id, maxLength: 20 }),
    fc.array(reaction, { maxLength: 20 }),
    fc.uniqueArray(profile, { selector: (p) => p.participantId, maxLength: 8 }),
  )
  .map(([v, c, r, p]) => [...v, ...c, ...r, ...p] as Record<string, unknown>[]);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function checkTotals(s: Summary) {
  const { totals } = s;
  for (const key of ['comments', 'replies', 'reactions', 'votes', 'proposals', 'meetingContributions'] as const) {
    expect(sum(s.perDay.map((d) => d[key]))).toBe(totals[key]);
  }
  expect(sum(s.perDay.map((d) => d.participants))).toBe(totals.participants);
  for (const breakdown of Object.values(s.participants))
    expect(sum(breakdown.map((g) => g.count))).toBe(totals.participants);
  for (const key of ['comments', 'replies', 'reactions', 'votes'] as const) {
    expect(sum(s.commitments.map((c) => c.totals[key]))).toBe(totals[key]);
  }
  expect(sum(Object.values(s.commentsByStatus))).toBe(totals.comments + totals.replies);
  for (const c of s.commitments) {
    const v = c.votes;
    expect(v.support + v.oppose + v.neutral).toBe(v.total);
    for (const rows of [v.byStakeholderType, v.byMunicipality]) {
      expect(sum(rows.map((g) => g.total))).toBe(v.total);
      expect(sum(rows.map((g) => g.support))).toBe(v.support);
      for (const g of rows) expect(g.support + g.oppose + g.neutral).toBe(g.total);
    }
    expect(sum(c.sections.map((x) => x.comments))).toBe(c.totals.comments);
    expect(sum(c.sections.map((x) => x.replies))).toBe(c.totals.replies);
    expect(c.totals.participants).toBeLessThanOrEqual(totals.participants);
    expect(c.responses.answered + c.responses.unanswered).toBe(c.responses.answerable);
  }
  expect(s.responses.answered + s.responses.unanswered).toBe(s.responses.answerable);
  expect(sum(s.responses.byDisposition.map((d) => d.count))).toBeLessThanOrEqual(s.responses.answered);
}

describe('summary properties', () => {
  it('has totals equal to the sum of their breakdowns', async () => {
    await fc.assert(
      fc.asyncProperty(items, async (list) => {
        checkTotals(await summarise(context, list));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same output for the same input, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        items.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        async ([list, shuffled]) => {
          const first = JSON.stringify(await summarise(context, list));
          expect(JSON.stringify(await summarise(context, list))).toBe(first);
          expect(JSON.stringify(await summarise(context, shuffled))).toBe(first);
        },
      ),
      { numRuns: 150 },
    );
  });
});
