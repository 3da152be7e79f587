import type { CatalogData } from './catalog.ts';
import { type Commitment, sectionIdsOf } from './schemas/commitment.ts';
import type { Consultation } from './schemas/consultation.ts';

export type CatalogDiagnostic = { field: string; message: string };

/** Builds the API catalog from validated content; reports cross-file problems (unknown or duplicate ids). */
export function buildCatalogData(
  consultations: Consultation[],
  commitments: Commitment[],
): { data: CatalogData; problems: CatalogDiagnostic[] } {
  const problems: CatalogDiagnostic[] = [];
  const consultationIds = new Set<string>();
  for (const c of consultations) {
    if (consultationIds.has(c.id))
      problems.push({ field: `consultations.${c.id}`, message: 'duplicate consultation id' });
    consultationIds.add(c.id);
  }
  const commitmentIds = new Set<string>();
  for (const c of commitments) {
    if (commitmentIds.has(c.id)) problems.push({ field: `commitments.${c.id}`, message: 'duplicate commitment id' });
    commitmentIds.add(c.id);
    if (!consultationIds.has(c.consultationId)) {
      problems.push({
        field: `commitments.${c.id}.consultationId`,
        message: `unknown consultation "${c.consultationId}"`,
      });
    }
  }
  const data: CatalogData = {
    consultations: consultations
      .filter((c) => c.status !== 'draft')
      .map(({ id, title, summary, opensAt, closesAt, responsesDueAt, status, moderationMode }) => ({
        id,
        title,
        summary,
        opensAt,
        closesAt,
        ...(responsesDueAt ? { responsesDueAt } : {}),
        status,
        moderationMode,
      })),
    commitments: commitments
      .map((c) => ({
        id: c.id,
        consultationId: c.consultationId,
        order: c.order,
        version: c.version,
        title: c.title,
        summary: c.summary,
        sectionIds: sectionIdsOf(c),
      }))
      .sort((a, b) => a.consultationId.localeCompare(b.consultationId) || a.order - b.order),
  };
  return { data, problems };
}
