import { createHash, createHmac } from 'node:crypto';
import type { Language } from '#shared/schemas/common.ts';

/**
 * Receipt links. The token is an HMAC of the proposal id under the function's secret: unguessable, and derivable
 * again by the function alone, so an idempotent retry can answer with the same link while the table keeps only
 * sha256(token) (a copy of the table gives no one a working link).
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function receiptToken(secret: Buffer, proposalId: string): string {
  return createHmac('sha256', secret).update(`receipt:${proposalId}`).digest('base64url');
}

/** What the table stores and looks up: the hex sha256 of the token. */
export function receiptHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isReceiptToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The site's receipt page in each language (site/src/lib/routes.ts, `routes.receipt`). */
const RECEIPT_PAGES: Record<Language, string> = { sq: '/deftese/', en: '/en/receipt/' };

/**
 * The private link given to the organisation: the site's receipt page (same origin) with the token after `#`, which
 * browsers never send to a server; the page reads it and asks `GET /api/proposals/receipt/{token}`.
 */
export function receiptUrl(token: string, lang: Language = 'sq'): string {
  return `${RECEIPT_PAGES[lang]}#${token}`;
}

/** The token of a receipt link (what follows `#`). */
export function tokenOfReceiptUrl(url: string): string {
  return url.slice(url.indexOf('#') + 1);
}
