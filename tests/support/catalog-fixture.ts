import type { CatalogData } from '#shared/catalog.ts';

/** A small catalog: one open consultation with two commitments, one closed, one upcoming, one draft. */
export const NOW = new Date('2026-12-10T12:00:00Z');

export const catalogFixture: CatalogData = {
  consultations: [
    {
      id: 'open-one',
      title: { sq: 'Konsultim i hapur', en: 'Open consultation' },
      summary: { sq: 'Përmbledhje' },
      opensAt: '2026-12-01T08:00:00+01:00',
      closesAt: '2027-01-15T23:59:00+01:00',
      status: 'published',
      moderationMode: 'post',
    },
    {
      id: 'closed-one',
      title: { sq: 'Konsultim i mbyllur' },
      summary: { sq: 'Përmbledhje' },
      opensAt: '2024-03-01T08:00:00+01:00',
      closesAt: '2024-04-01T08:00:00+02:00',
      status: 'published',
      moderationMode: 'pre',
    },
    {
      id: 'upcoming-one',
      title: { sq: 'Konsultim i ardhshëm' },
      summary: { sq: 'Përmbledhje' },
      opensAt: '2027-03-01T08:00:00+01:00',
      closesAt: '2027-04-01T08:00:00+02:00',
      status: 'published',
      moderationMode: 'post',
    },
    {
      id: 'draft-one',
      title: { sq: 'Draft' },
      summary: { sq: 'Përmbledhje' },
      opensAt: '2026-12-01T08:00:00+01:00',
      closesAt: '2027-01-15T23:59:00+01:00',
      status: 'draft',
      moderationMode: 'post',
    },
  ],
  commitments: [
    commitment('youth-seats', 'open-one', 1),
    commitment('public-meetings', 'open-one', 2),
    commitment('old-commitment', 'closed-one', 1),
    commitment('future-commitment', 'upcoming-one', 1),
    commitment('draft-commitment', 'draft-one', 1),
  ],
};

function commitment(id: string, consultationId: string, order: number) {
  return {
    id,
    consultationId,
    order,
    version: 1,
    title: { sq: `Angazhimi ${id}`, en: `Commitment ${id}` },
    summary: { sq: 'Përmbledhje' },
    sectionIds: ['problem', 'causes', 'objective', 'milestone-m1'],
  };
}

/**
 * The fixture plus a pre-moderated consultation (`pre-one`) and one commitment per id, so that each scenario of a
 * test file reads lists holding exactly what it wrote: `pre-moderated` belongs to `pre-one`, the others to `open-one`.
 */
export function scenarioCatalog(
  ids: readonly string[],
  { title, sectionIds }: { title: (id: string) => string; sectionIds: string[] },
): CatalogData {
  return {
    consultations: [
      ...catalogFixture.consultations,
      {
        id: 'pre-one',
        title: { sq: 'Konsultim me moderim paraprak' },
        summary: { sq: 'Përmbledhje' },
        opensAt: '2026-12-01T08:00:00+01:00',
        closesAt: '2027-01-15T23:59:00+01:00',
        status: 'published',
        moderationMode: 'pre',
      },
    ],
    commitments: [
      ...catalogFixture.commitments,
      ...ids.map((id, order) => ({
        id,
        consultationId: id === 'pre-moderated' ? 'pre-one' : 'open-one',
        order: 10 + order,
        version: 1,
        title: { sq: title(id) },
        summary: { sq: 'Përmbledhje' },
        sectionIds,
      })),
    ],
  };
}
