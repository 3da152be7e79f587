import { z } from 'zod';
import { ConsultationClosedError, NotFoundError, ValidationError } from './errors.ts';
import { type Commitment, sectionIdsOf } from './schemas/commitment.ts';
import { localizedTextSchema, slugSchema } from './schemas/common.ts';
import { type Consultation, type ConsultationPhase, consultationFieldsSchema } from './schemas/consultation.ts';

/**
 * What the API knows about the content: which consultations, commitments and sections exist and when each
 * consultation is open. Generated at build time from the same content files as the site (scripts/build-catalog.ts).
 */
export const catalogConsultationSchema = consultationFieldsSchema.pick({
  id: true,
  title: true,
  summary: true,
  opensAt: true,
  closesAt: true,
  responsesDueAt: true,
  status: true,
  moderationMode: true,
});
export type CatalogConsultation = z.infer<typeof catalogConsultationSchema>;

export const catalogCommitmentSchema = z.strictObject({
  id: slugSchema,
  consultationId: slugSchema,
  order: z.int(),
  version: z.int(),
  title: localizedTextSchema,
  summary: localizedTextSchema,
  sectionIds: z.array(slugSchema),
});
export type CatalogCommitment = z.infer<typeof catalogCommitmentSchema>;

export const catalogDataSchema = z.strictObject({
  consultations: z.array(catalogConsultationSchema),
  commitments: z.array(catalogCommitmentSchema),
});
export type CatalogData = z.infer<typeof catalogDataSchema>;

const DAY_MS = 86_400_000;

/** In demo mode a consultation's window moves relative to `today` (local midnight UTC) so the demo is always live. */
export function applyDemoWindow<C extends Pick<Consultation, 'opensAt' | 'closesAt' | 'responsesDueAt' | 'demoWindow'>>(
  consultation: C,
  today: Date,
): C {
  const window = consultation.demoWindow;
  if (!window) return consultation;
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const opensAt = new Date(midnight - window.opensDaysAgo * DAY_MS).toISOString();
  const closesAt = new Date(midnight + window.closesInDays * DAY_MS).toISOString();
  const responsesDueAt = new Date(midnight + (window.closesInDays + 30) * DAY_MS).toISOString();
  return { ...consultation, opensAt, closesAt, responsesDueAt };
}

export function phaseOf(consultation: Pick<Consultation, 'opensAt' | 'closesAt'>, now: Date): ConsultationPhase {
  const t = now.getTime();
  if (t < Date.parse(consultation.opensAt)) return 'upcoming';
  if (t >= Date.parse(consultation.closesAt)) return 'closed';
  return 'open';
}

/** The phase shown to people: an archived consultation is closed whatever its dates. */
export function consultationPhase(
  consultation: Pick<Consultation, 'opensAt' | 'closesAt' | 'status'>,
  now: Date,
): ConsultationPhase {
  return consultation.status === 'archived' ? 'closed' : phaseOf(consultation, now);
}

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

/** Read-side lookups and the participation rule over a catalog. */
export class Catalog {
  readonly consultations: readonly CatalogConsultation[];
  private readonly byId: Map<string, CatalogConsultation>;
  private readonly commitmentsById: Map<string, CatalogCommitment>;

  constructor(data: CatalogData) {
    // Drafts never reach the API: only published and archived consultations (and their commitments) are known.
    this.consultations = data.consultations.filter((c) => c.status !== 'draft');
    this.byId = new Map(this.consultations.map((c) => [c.id, c]));
    this.commitmentsById = new Map(
      data.commitments.filter((c) => this.byId.has(c.consultationId)).map((c) => [c.id, c]),
    );
  }

  consultation(id: string): CatalogConsultation {
    const found = this.byId.get(id);
    if (!found) throw new NotFoundError('consultation');
    return found;
  }

  commitment(id: string): CatalogCommitment {
    const found = this.commitmentsById.get(id);
    if (!found) throw new NotFoundError('commitment');
    return found;
  }

  commitmentsOf(consultationId: string): CatalogCommitment[] {
    return [...this.commitmentsById.values()]
      .filter((c) => c.consultationId === consultationId)
      .sort((a, b) => a.order - b.order);
  }

  /** The rule every citizen write passes: the commitment and section exist and the consultation is open now. */
  assertOpenForParticipation(commitmentId: string, sectionId: string | undefined, now: Date): CatalogCommitment {
    const commitment = this.commitment(commitmentId);
    if (sectionId !== undefined && !commitment.sectionIds.includes(sectionId)) {
      throw new ValidationError([
        {
          field: 'sectionId',
          message: {
            sq: 'Ky seksion nuk ekziston në këtë angazhim.',
            en: 'This section does not exist in this commitment.',
          },
        },
      ]);
    }
    const consultation = this.consultation(commitment.consultationId);
    const phase = consultationPhase(consultation, now);
    if (phase !== 'open') throw new ConsultationClosedError(phase);
    return commitment;
  }
}
