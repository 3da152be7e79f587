import { z } from 'zod';
import { catalogCommitmentSchema, catalogConsultationSchema } from './catalog.ts';
import { CONSULTATION_PHASES } from './consultation.ts';
import { tallySchema } from './participation.ts';

/** Response bodies of the public read API; the OpenAPI document is generated from these. */
export const consultationViewSchema = catalogConsultationSchema.extend({
  phase: z.enum(CONSULTATION_PHASES),
});
export type ConsultationView = z.infer<typeof consultationViewSchema>;

export const consultationListSchema = z.strictObject({
  consultations: z.array(consultationViewSchema.extend({ commitmentCount: z.int().min(0) })),
});
export type ConsultationList = z.infer<typeof consultationListSchema>;

export const commitmentWithTallySchema = catalogCommitmentSchema.omit({ consultationId: true }).extend({
  tally: tallySchema,
});

export const consultationDetailSchema = z.strictObject({
  consultation: consultationViewSchema,
  commitments: z.array(commitmentWithTallySchema),
});
export type ConsultationDetail = z.infer<typeof consultationDetailSchema>;

export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  checks: z.strictObject({ table: z.enum(['ok', 'unavailable']) }),
});
export type Health = z.infer<typeof healthSchema>;

/** RFC 9457 problem details, with the message in both languages and the invalid fields named. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  messages: z.strictObject({ sq: z.string(), en: z.string() }),
  errors: z
    .array(z.strictObject({ field: z.string(), message: z.strictObject({ sq: z.string(), en: z.string() }) }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
