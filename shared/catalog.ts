import { ConsultationClosedError, NotFoundError, ValidationError } from './errors.ts';
import type { CatalogCommitment, CatalogConsultation, CatalogData } from './schemas/catalog.ts';
import type { Consultation, ConsultationPhase } from './schemas/consultation.ts';

export type { CatalogCommitment, CatalogConsultation, CatalogData } from './schemas/catalog.ts';

/*
 * What the API knows about the content (generated at build time by scripts/build-catalog.ts) and the rules over it.
 * Only type imports from the schemas: this module is bundled into every Lambda and must not pull in zod.
 */

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
