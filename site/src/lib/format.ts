import type { Language } from '#shared/schemas/common.ts';
import { localeOf, t, tn } from '../i18n/ui.ts';

const TIME_ZONE = 'Europe/Tirane';
const DAY_MS = 86_400_000;

/** An instant as people in Albania read it: `1 dhjetor 2026, ora 08:00` / `1 December 2026, 08:00`. */
export function formatDateTime(iso: string, lang: Language): string {
  const instant = new Date(iso);
  const date = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: TIME_ZONE }).format(instant);
  const time = new Intl.DateTimeFormat(localeOf(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(instant);
  return t(lang, 'dates.dateTime', { date, time });
}

/** The day of an instant in Albania, e.g. `15 janar 2027`. */
export function formatDay(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD); `medium` gives `1 mar 2027` for tables. */
export function formatDate(isoDate: string, lang: Language, style: 'long' | 'medium' = 'long'): string {
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

/** Whole days from `now` until `iso`, rounded up: a consultation closing tonight has 1 day left. */
export function daysUntil(iso: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / DAY_MS));
}

/** "Edhe 35 ditë" for an open consultation, "Hapet pas 3 ditësh" for an upcoming one; nothing once closed. */
export function countdown(
  phase: 'upcoming' | 'open' | 'closed',
  window: { opensAt: string; closesAt: string },
  now: Date,
  lang: Language,
): string | undefined {
  if (phase === 'open') return tn(lang, 'days.left', daysUntil(window.closesAt, now));
  if (phase === 'upcoming') return tn(lang, 'days.opensIn', daysUntil(window.opensAt, now));
  return undefined;
}

/** Splits drafter text into paragraphs at line breaks. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
