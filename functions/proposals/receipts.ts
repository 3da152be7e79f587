import { createHash, createHmac } from 'node:crypto';

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

/** The private link given to the organisation (on the site's origin, which serves /api/* too). */
export function receiptUrl(token: string): string {
  return `/api/proposals/receipt/${token}`;
}
