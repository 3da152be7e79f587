import * as z from 'zod';
import { normaliseText } from '../text.ts';

export const LANGUAGES = ['sq', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Content ids: lowercase ASCII slugs, stable because they appear in URLs and database keys. */
export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, single hyphens)');

/** Server-generated ids (ULIDs). */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** Free text from users: normalised (NFC, no control characters), then length-checked in characters. */
export function userText(min: number, max: number) {
  return z
    .string()
    .max(max * 4)
    .transform(normaliseText)
    .pipe(z.string().min(min).max(max));
}

/** Text that the drafters write in Albanian, optionally translated into English. Albanian is the fallback. */
export const localizedTextSchema = z.strictObject({
  sq: z.string().trim().min(1).max(20_000),
  en: z.string().trim().min(1).max(20_000).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export function localize(text: LocalizedText, language: Language): string {
  return language === 'en' ? (text.en ?? text.sq) : text.sq;
}

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z.iso.date();
/** An instant with an explicit offset, e.g. 2026-12-01T08:00:00+01:00. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
