import * as z from 'zod';
import { MUNICIPALITY_IDS } from '../municipalities.ts';
import { userText } from './common.ts';

export const STAKEHOLDER_TYPES = [
  'citizen',
  'youth',
  'ngo',
  'local-government',
  'kvsp-member',
  'police',
  'academia',
  'business',
  'media',
  'other',
] as const;
export const AGE_BANDS = ['under-18', '18-24', '25-34', '35-49', '50-64', '65-plus'] as const;

export const stakeholderTypeSchema = z.enum(STAKEHOLDER_TYPES);
export const municipalitySchema = z.enum(MUNICIPALITY_IDS);
export const ageBandSchema = z.enum(AGE_BANDS);

/** What a participant may declare about themselves. Every field is optional; none is ever an email. */
export const participantProfileSchema = z.strictObject({
  displayName: userText(1, 60).optional(),
  stakeholderType: stakeholderTypeSchema.optional(),
  municipality: municipalitySchema.optional(),
  ageBand: ageBandSchema.optional(),
});
export type ParticipantProfile = z.infer<typeof participantProfileSchema>;
