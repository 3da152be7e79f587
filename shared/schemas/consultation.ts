import * as z from 'zod';
import { isoDateTimeSchema, localizedTextSchema, slugSchema } from './common.ts';

export const MODERATION_MODES = ['pre', 'post'] as const;
/** Editorial status set by the drafters; whether a published consultation is open follows from its window. */
export const CONSULTATION_STATUSES = ['draft', 'published', 'archived'] as const;
export const CONSULTATION_PHASES = ['upcoming', 'open', 'closed'] as const;
export type ConsultationPhase = (typeof CONSULTATION_PHASES)[number];

/** In demo mode (local runtime) the window is moved relative to the day the runtime starts. */
export const demoWindowSchema = z.strictObject({
  opensDaysAgo: z.int().min(-365).max(365),
  closesInDays: z.int().min(-365).max(365),
});

/** The fields of a consultation; `consultationSchema` adds the checks across fields. */
export const consultationFieldsSchema = z.strictObject({
  id: slugSchema,
  title: localizedTextSchema,
  summary: localizedTextSchema,
  /** What is being drafted and why; how the input will be used. */
  purpose: localizedTextSchema,
  legalBasis: localizedTextSchema,
  programme: localizedTextSchema,
  opensAt: isoDateTimeSchema,
  closesAt: isoDateTimeSchema,
  responsesDueAt: isoDateTimeSchema.optional(),
  status: z.enum(CONSULTATION_STATUSES),
  moderationMode: z.enum(MODERATION_MODES),
  demoWindow: demoWindowSchema.optional(),
});

export const consultationSchema = consultationFieldsSchema.refine(
  (c) => Date.parse(c.opensAt) < Date.parse(c.closesAt),
  {
    message: 'closesAt must be after opensAt',
    path: ['closesAt'],
  },
);
export type Consultation = z.infer<typeof consultationSchema>;
