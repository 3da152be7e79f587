import * as z from 'zod';
import { localizedTextSchema, slugSchema } from './common.ts';
import { consultationFieldsSchema } from './consultation.ts';

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
