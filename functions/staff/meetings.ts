import type { Catalog } from '#shared/catalog.ts';
import { type FieldIssue, NotFoundError, ValidationError } from '#shared/errors.ts';
import { slugSchema } from '#shared/schemas/common.ts';
import { type MeetingInput, meetingInputSchema } from '#shared/schemas/staff.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import { type MeetingRepository, meetingRecord } from '../repositories/meeting-repository.ts';
import { consultationFrom } from './moderation.ts';
import type { StaffAction } from './pipeline.ts';

export type MeetingDeps = { catalog: Catalog; meetings: MeetingRepository };

/** A meeting record with a long summary and 500 contributions stays well under this. */
const MEETING_BODY_BYTES = 512 * 1024;

/** The rules the content cannot know: the consultation exists, each contribution once, on its own commitments. */
function assertMeetingTargets(catalog: Catalog, input: MeetingInput): void {
  const consultation = catalog.consultation(input.consultationId);
  const commitments = new Set(catalog.commitmentsOf(consultation.id).map((c) => c.id));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.contributions.forEach((contribution, i) => {
    if (seen.has(contribution.id)) {
      issues.push({
        field: `contributions.${i}.id`,
        message: { sq: 'Ky identifikues përsëritet.', en: 'This id is used twice.' },
      });
    }
    seen.add(contribution.id);
    if (contribution.commitmentId !== undefined && !commitments.has(contribution.commitmentId)) {
      issues.push({
        field: `contributions.${i}.commitmentId`,
        message: {
          sq: 'Ky angazhim nuk është pjesë e këtij konsultimi.',
          en: 'This commitment is not part of this consultation.',
        },
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * In-person meetings recorded in the console (drafters and admins), beside the meeting records kept as content files
 * (the Elbasan meeting of 3 April 2026 is content: site/src/content/meetings/). Their contributions are linked to
 * commitments, so progress, responses and summaries count them next to online input, marked as from a meeting.
 */
export function meetingActions({ catalog, meetings }: MeetingDeps): Record<string, StaffAction> {
  return {
    'GET /api/admin/consultations/{consultationId}/meetings': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const list = await meetings.list(consultationId);
      return { body: { meetings: list.map(meetingRecord) } };
    },

    'PUT /api/admin/meetings/{meetingId}': async (event, { staff, now }) => {
      const meetingId = pathParameter(event, 'meetingId');
      if (!slugSchema.safeParse(meetingId).success) throw new NotFoundError('meeting');
      const input = parseInput(meetingInputSchema, parseJsonBody(event, MEETING_BODY_BYTES));
      assertMeetingTargets(catalog, input);
      const { meeting, created } = await meetings.save({
        meetingId,
        input,
        actor: { sub: staff.sub, username: staff.username },
        at: now.toISOString(),
      });
      return { status: created ? 201 : 200, body: meetingRecord(meeting) };
    },
  };
}
