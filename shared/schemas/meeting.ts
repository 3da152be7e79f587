import * as z from 'zod';
import { MUNICIPALITY_IDS } from '../municipalities.ts';
import { isoDateSchema, localizedTextSchema, slugSchema } from './common.ts';

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** An input gathered at an in-person meeting, linked to the commitment it concerns. */
export const meetingContributionSchema = z.strictObject({
  id: slugSchema,
  commitmentId: slugSchema.optional(),
  text: localizedTextSchema,
});

/** The fields of a meeting record, without the cross-field rule (the staff API derives its input from them). */
export const meetingFieldsSchema = z.strictObject({
  id: slugSchema,
  consultationId: slugSchema,
  title: localizedTextSchema,
  venue: localizedTextSchema,
  municipality: z.enum(MUNICIPALITY_IDS),
  date: isoDateSchema,
  startTime: timeSchema,
  endTime: timeSchema,
  topic: localizedTextSchema,
  participantCount: z.int().min(0).max(100_000),
  moderator: localizedTextSchema,
  guests: z.array(localizedTextSchema).max(50),
  summary: localizedTextSchema,
  discussionPoints: z.array(localizedTextSchema).max(50),
  contributions: z.array(meetingContributionSchema).max(500),
});

/** A meeting ends after it starts. */
export function endsAfterItStarts<T extends z.ZodType<{ startTime: string; endTime: string }>>(schema: T) {
  return schema.refine((m) => m.startTime < m.endTime, {
    message: 'endTime must be after startTime',
    path: ['endTime'],
  });
}

/** The record of an in-person consultation meeting, like the Elbasan meeting of 3 April 2026. */
export const meetingSchema = endsAfterItStarts(meetingFieldsSchema);
export type Meeting = z.infer<typeof meetingSchema>;
