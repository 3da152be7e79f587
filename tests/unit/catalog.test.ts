import { describe, expect, it } from 'vitest';
import { applyDemoWindow, Catalog, phaseOf } from '#shared/catalog.ts';
import { buildCatalogData } from '#shared/catalog-builder.ts';
import { ConsultationClosedError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';

const catalog = new Catalog(catalogFixture);

describe('phaseOf', () => {
  const window = { opensAt: '2026-12-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z' };
  it('is upcoming before the window, open inside it and closed from the closing instant on', () => {
    expect(phaseOf(window, new Date('2026-11-30T23:59:59Z'))).toBe('upcoming');
    expect(phaseOf(window, new Date('2026-12-01T00:00:00Z'))).toBe('open');
    expect(phaseOf(window, new Date('2026-12-30T23:59:59Z'))).toBe('open');
    expect(phaseOf(window, new Date('2026-12-31T00:00:00Z'))).toBe('closed');
  });
});

describe('applyDemoWindow', () => {
  it('moves the window relative to the given day and leaves consultations without a demo window alone', () => {
    const c = { opensAt: '2024-01-01T00:00:00Z', closesAt: '2024-02-01T00:00:00Z' };
    expect(applyDemoWindow(c, new Date('2026-11-28T15:00:00Z'))).toBe(c);
    expect(
      applyDemoWindow({ ...c, demoWindow: { opensDaysAgo: 5, closesInDays: 35 } }, new Date('2026-11-28T15:00:00Z')),
    ).toEqual({
      ...c,
      demoWindow: { opensDaysAgo: 5, closesInDays: 35 },
      opensAt: '2026-11-23T00:00:00.000Z',
      closesAt: '2027-01-02T00:00:00.000Z',
      responsesDueAt: '2027-02-01T00:00:00.000Z',
    });
  });
});

describe('Catalog', () => {
  it('never exposes draft consultations or their commitments', () => {
    expect(catalog.consultations.map((c) => c.id)).toEqual(['open-one', 'closed-one', 'upcoming-one']);
    expect(() => catalog.consultation('draft-one')).toThrow(NotFoundError);
    expect(() => catalog.commitment('draft-commitment')).toThrow(NotFoundError);
  });

  it('lists the commitments of a consultation in plan order', () => {
    expect(catalog.commitmentsOf('open-one').map((c) => c.id)).toEqual(['youth-seats', 'public-meetings']);
  });

  it('allows participation on a known commitment and section while the consultation is open', () => {
    expect(catalog.assertOpenForParticipation('youth-seats', 'milestone-m1', NOW).id).toBe('youth-seats');
    expect(catalog.assertOpenForParticipation('youth-seats', undefined, NOW).id).toBe('youth-seats');
  });

  it('refuses unknown commitments, unknown sections, and consultations that are closed or not yet open', () => {
    expect(() => catalog.assertOpenForParticipation('nope', undefined, NOW)).toThrow(NotFoundError);
    expect(() => catalog.assertOpenForParticipation('youth-seats', 'milestone-m9', NOW)).toThrow(ValidationError);
    const closed = (() => {
      try {
        catalog.assertOpenForParticipation('old-commitment', undefined, NOW);
      } catch (error) {
        return error;
      }
    })();
    expect(closed).toBeInstanceOf(ConsultationClosedError);
    expect((closed as ConsultationClosedError).phase).toBe('closed');
    expect(() => catalog.assertOpenForParticipation('future-commitment', undefined, NOW)).toThrow(
      new ConsultationClosedError('upcoming'),
    );
  });
});

describe('buildCatalogData', () => {
  it('reports commitments of unknown consultations and duplicate ids', () => {
    const consultation = {
      id: 'a',
      title: { sq: 'A' },
      summary: { sq: 'A' },
      purpose: { sq: 'A' },
      legalBasis: { sq: 'A' },
      programme: { sq: 'A' },
      opensAt: '2026-12-01T00:00:00Z',
      closesAt: '2026-12-31T00:00:00Z',
      status: 'published' as const,
      moderationMode: 'post' as const,
    };
    const commitment = {
      id: 'x',
      consultationId: 'b',
      order: 1,
      version: 1,
      title: { sq: 'X' },
      summary: { sq: 'X' },
      problem: { sq: 'X' },
      causes: { sq: 'X' },
      objective: { sq: 'X' },
      description: { sq: 'X' },
      milestones: [{ id: 'm1', title: { sq: 'M' }, start: '2027-01-01', end: '2027-02-01', responsible: { sq: 'R' } }],
      indicators: [{ sq: 'I' }],
      leadInstitution: { sq: 'L' },
      supportingActors: [],
      ogpValues: ['transparency' as const],
    };
    const { data, problems } = buildCatalogData([consultation, consultation], [commitment]);
    expect(problems).toEqual([
      { field: 'consultations.a', message: 'duplicate consultation id' },
      { field: 'commitments.x.consultationId', message: 'unknown consultation "b"' },
    ]);
    expect(data.commitments[0]?.sectionIds).toContain('milestone-m1');
  });
});
