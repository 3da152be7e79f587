import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.ts';
import { MUNICIPALITIES, MUNICIPALITY_IDS } from '#shared/municipalities.ts';
import { commitmentSchema, sectionIdsOf } from '#shared/schemas/commitment.ts';
import { consultationSchema } from '#shared/schemas/consultation.ts';
import { participantProfileSchema } from '#shared/schemas/participant.ts';
import { commentInputSchema, commitmentVoteInputSchema } from '#shared/schemas/participation.ts';
import { proposalInputSchema } from '#shared/schemas/proposal.ts';
import { responseInputSchema } from '#shared/schemas/response.ts';
import { normaliseText } from '#shared/text.ts';
import { parseInput } from '#shared/validation.ts';

const text = (sq: string) => ({ sq, en: `${sq} (en)` });

function validCommitment() {
  return {
    id: 'youth-seats',
    consultationId: 'kvsp-2026',
    order: 1,
    version: 1,
    title: text('Të rinjtë në KVSP'),
    summary: text('Përmbledhje'),
    problem: text('Problemi'),
    causes: text('Shkaqet'),
    objective: text('Objektivi'),
    description: text('Përshkrimi'),
    milestones: [
      { id: 'm1', title: text('Hapi 1'), start: '2026-09-01', end: '2027-06-30', responsible: text('Bashkia') },
      { id: 'm2', title: text('Hapi 2'), start: '2027-07-01', end: '2028-06-30', responsible: text('Bashkia') },
    ],
    indicators: [text('Treguesi')],
    leadInstitution: text('Ministria e Brendshme'),
    supportingActors: [],
    ogpValues: ['civic-participation'],
  };
}

describe('municipalities', () => {
  it('lists exactly the 61 municipalities of Albania, with unique names', () => {
    expect(MUNICIPALITY_IDS).toHaveLength(61);
    expect(new Set(Object.values(MUNICIPALITIES)).size).toBe(61);
    expect(MUNICIPALITIES.korce).toBe('Korçë');
  });
});

describe('commitment schema', () => {
  it('accepts a complete commitment and derives its section ids in reading order', () => {
    const commitment = commitmentSchema.parse(validCommitment());
    expect(sectionIdsOf(commitment)).toEqual([
      'problem',
      'causes',
      'objective',
      'description',
      'milestones',
      'indicators',
      'institutions',
      'ogp-values',
      'milestone-m1',
      'milestone-m2',
    ]);
  });

  it('names the field of a milestone that ends before it starts', () => {
    const bad = validCommitment();
    bad.milestones[1] = { ...bad.milestones[1], end: '2027-01-01' } as (typeof bad.milestones)[1];
    const result = commitmentSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['milestones.1.end']);
  });

  it('rejects duplicate milestone ids and unknown fields', () => {
    const bad = { ...validCommitment(), colour: 'red' };
    const paths = commitmentSchema.safeParse(bad).error?.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(['unrecognized_keys']);
    const duplicate = validCommitment();
    duplicate.milestones[1] = { ...duplicate.milestones[1], id: 'm1' } as (typeof duplicate.milestones)[1];
    expect(commitmentSchema.safeParse(duplicate).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'milestones.1.id',
    ]);
  });
});

describe('consultation schema', () => {
  it('requires the window to close after it opens', () => {
    const result = consultationSchema.safeParse({
      id: 'c',
      title: text('T'),
      summary: text('S'),
      purpose: text('P'),
      legalBasis: text('L'),
      programme: text('P'),
      opensAt: '2026-12-01T08:00:00+01:00',
      closesAt: '2026-11-01T08:00:00+01:00',
      status: 'published',
      moderationMode: 'post',
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['closesAt']);
  });
});

describe('user text', () => {
  it('normalises to NFC and removes control characters and bidi overrides, keeping newlines', () => {
    expect(normaliseText('  e\u0308 ok\u202Eevil\u0007\r\nline 2  ')).toBe('ë okevil\nline 2');
  });

  it('measures comment length after normalisation, with a bilingual message naming the field', () => {
    expect(commentInputSchema.parse({ body: '  Po!  ' }).body).toBe('Po!');
    const error = (() => {
      try {
        parseInput(commentInputSchema, { body: '\u0007\u0008 ' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'body', message: { sq: 'Duhen të paktën 1 shenja.', en: 'At least 1 characters are required.' } },
    ]);
  });

  it('rejects privileged fields that a client might inject', () => {
    const result = commitmentVoteInputSchema.safeParse({ choice: 'support', participantId: 'x', tally: 5 });
    expect(result.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });

  it('accepts Unicode display names and no email field in a profile', () => {
    expect(participantProfileSchema.parse({ displayName: 'Ëngjëll Çela' })).toEqual({ displayName: 'Ëngjëll Çela' });
    expect(participantProfileSchema.safeParse({ email: 'a@b.al' }).success).toBe(false);
    expect(participantProfileSchema.safeParse({ displayName: 'x'.repeat(61) }).success).toBe(false);
  });
});

describe('proposal and response schemas', () => {
  it('requires an amendment to name its commitment', () => {
    const result = proposalInputSchema.safeParse({
      consultationId: 'kvsp-2026',
      kind: 'amendment',
      organisation: { name: 'Qendra Rinore', type: 'ngo', municipality: 'elbasan' },
      contact: { name: 'Arta', email: 'arta@example.org' },
      title: 'Këshilli rinor',
      problem: 'Të rinjtë nuk kanë zë në KVSP sot.',
      causes: 'Mungesa e mekanizmave',
      objective: 'Një vend për të rinjtë në çdo KVSP.',
      milestones: [{ description: 'Hapi', start: '2027-01-01', end: '2027-06-01', responsible: 'Bashkia' }],
      indicators: ['61 këshilla'],
      leadInstitution: 'Ministria',
      supportingActors: [],
      ogpValues: ['civic-participation'],
      expectedResults: 'Më shumë pjesëmarrje',
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['commitmentId']);
  });

  it('requires mergedInto exactly for merged responses', () => {
    const base = {
      contributions: [{ kind: 'comment', id: '01JB0000000000000000000000' }],
      justification: { sq: 'Arsyetimi i plotë këtu.' },
    };
    expect(responseInputSchema.safeParse({ ...base, disposition: 'accepted' }).success).toBe(true);
    expect(responseInputSchema.safeParse({ ...base, disposition: 'merged' }).success).toBe(false);
  });
});
