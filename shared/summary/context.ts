import { type Commitment, FIXED_SECTIONS, milestoneSectionId } from '../schemas/commitment.ts';
import type { LocalizedText } from '../schemas/common.ts';
import type { Consultation } from '../schemas/consultation.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { CommitmentInfo, SummaryContext } from './input.ts';
import { SECTION_LABELS } from './labels.ts';

/**
 * What a summary needs of the content files: the consultations, their commitments (sections, milestones) and the
 * meetings. `npm run summary` loads the content files; the summary job reads the same, generated at build time into
 * functions/generated/summary-content.json (scripts/build-catalog.ts).
 */
export type ContentForSummary = {
  consultations: Pick<Consultation, 'id' | 'title' | 'status'>[];
  commitments: (Pick<Commitment, 'id' | 'consultationId' | 'order' | 'title'> & {
    milestones: Pick<Commitment['milestones'][number], 'id' | 'title'>[];
  })[];
  meetings: Meeting[];
};

/** Only what a summary reads of the content (the generated file of the summary job). */
export function slimContent(content: ContentForSummary): ContentForSummary {
  return {
    consultations: content.consultations
      .filter((c) => c.status !== 'draft')
      .map((c) => ({ id: c.id, title: c.title, status: c.status })),
    commitments: content.commitments.map((c) => ({
      id: c.id,
      consultationId: c.consultationId,
      order: c.order,
      title: c.title,
      milestones: c.milestones.map((m) => ({ id: m.id, title: m.title })),
    })),
    meetings: content.meetings,
  };
}

/** The summary's context from the content files: the consultation, its commitments and sections, its meetings. */
export function summaryContext(
  content: ContentForSummary,
  consultationId: string,
  generatedAt: string,
): SummaryContext {
  const consultation = content.consultations.find((c) => c.id === consultationId && c.status !== 'draft');
  if (!consultation) {
    const known = content.consultations.filter((c) => c.status !== 'draft').map((c) => c.id);
    throw new Error(`Unknown consultation "${consultationId}". Known: ${known.join(', ') || 'none'}.`);
  }
  const commitments: CommitmentInfo[] = content.commitments
    .filter((c) => c.consultationId === consultationId)
    .map((c) => {
      const labels: Record<string, LocalizedText> = {};
      for (const id of FIXED_SECTIONS) labels[id] = SECTION_LABELS[id] as LocalizedText;
      for (const m of c.milestones) {
        labels[milestoneSectionId(m.id)] = {
          sq: `Hapi: ${m.title.sq}`,
          ...(m.title.en ? { en: `Milestone: ${m.title.en}` } : {}),
        };
      }
      return {
        id: c.id,
        order: c.order,
        title: c.title,
        sectionIds: [...FIXED_SECTIONS, ...c.milestones.map((m) => milestoneSectionId(m.id))],
        sectionLabels: labels,
      };
    });
  return {
    consultation: { id: consultation.id, title: consultation.title },
    commitments,
    meetings: content.meetings.filter((m) => m.consultationId === consultationId),
    generatedAt,
  };
}
