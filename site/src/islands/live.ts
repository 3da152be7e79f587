import type { ConsultationDetail, Me } from '#shared/schemas/api.ts';
import type { Language } from '#shared/schemas/common.ts';
import type { Messages } from '../i18n/island-keys.ts';
import { ApiError, createApiClient, NetworkError } from '../lib/api-client.ts';
import { syncPhase } from '../lib/phase-sync.ts';

/**
 * What the islands of one page share: the API client, one request for the consultation (its phase now and the live
 * tallies) and one for the participant's own data, and the small helpers for the catalogue strings they receive.
 */
export const api = createApiClient();

const LOCALES: Record<Language, string> = { sq: 'sq-AL', en: 'en-GB' };
export const localeOf = (lang: Language) => LOCALES[lang];

let detail: Promise<ConsultationDetail> | undefined;
/** The consultation as the API sees it now: phase and tallies (the static page may be older than its dates). */
export function consultationNow(id: string): Promise<ConsultationDetail> {
  if (!detail) {
    detail = api.consultation(id);
    detail.then(
      (d) => syncPhase(id, d.consultation.phase),
      () => {
        detail = undefined;
      },
    );
  }
  return detail;
}

let me: Promise<Me> | undefined;
/** The participant's own profile, votes and reactions; empty for someone who has not taken part yet. */
export function myData(): Promise<Me> {
  me ??= api.me();
  me.catch(() => {
    me = undefined;
  });
  return me;
}

/** `{name}` placeholders filled from `values`. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

/** `<base>.one` or `<base>.other` by the language's plural rules, `{n}` filled with the formatted count. */
export function plural<K extends string>(lang: Language, messages: Messages<K>, base: string, n: number): string {
  const form = new Intl.PluralRules(localeOf(lang)).select(n) === 'one' ? 'one' : 'other';
  const template = messages[`${base}.${form}` as K] ?? '';
  return fill(template, { n: formatNumber(lang, n) });
}

export function formatNumber(lang: Language, n: number): string {
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

export function formatPercent(lang: Language, share: number): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function formatDateTime(lang: Language, iso: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Tirane',
  }).format(new Date(iso));
}

type ErrorKey = 'errors.network' | 'errors.generic';

/** What went wrong, in the page's language: the API's own message, or ours for a network failure. */
export function errorMessage(error: unknown, lang: Language, messages: Messages<ErrorKey>): string {
  if (error instanceof NetworkError) return messages['errors.network'];
  if (error instanceof ApiError && error.problem) return error.problem.messages[lang];
  return messages['errors.generic'];
}

/** The API's messages for invalid fields, by field name (`body`, `sectionId`, `displayName`…). */
export function fieldErrors(error: unknown, lang: Language): Record<string, string> {
  const found: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.problem?.errors ?? []) found[issue.field] ??= issue.message[lang];
  }
  return found;
}

export const isNetworkError = (error: unknown): boolean => error instanceof NetworkError;
