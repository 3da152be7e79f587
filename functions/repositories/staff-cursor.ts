import * as z from 'zod';
import { ValidationError } from '#shared/errors.ts';

/*
 * Cursors of the staff lists: the LastEvaluatedKey of the query, base64url JSON, checked against the exact shape
 * that list produces (its partition value included), so a cursor of another list or a forged key is refused.
 */

const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,2048}$/;

export const invalidCursor = () =>
  new ValidationError([
    {
      field: 'cursor',
      message: {
        sq: 'Kursori i faqes nuk është i vlefshëm. Filloni nga faqja e parë.',
        en: 'The page cursor is not valid. Start again from the first page.',
      },
    },
  ]);

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string, schema: T): z.infer<T> {
  if (!CURSOR_TEXT.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const ulidText = z.string().regex(ULID);
