/**
 * P1 reference: the part of zod's classic API that shared/schemas uses (strict objects, strings with checks, ints,
 * enums, arrays, literals, ISO dates, coercion, records, discriminated unions, refinements, extend/omit, pipes).
 * Compared with zod-mini.ts, the same schemas in zod/mini's functional API.
 */
import * as z from 'zod';

const schema = z
  .strictObject({
    a: z.string().trim().min(1).max(10).regex(/x/),
    b: z.int().min(0).max(5).optional(),
    c: z.enum(['x', 'y']).default('x'),
    d: z.array(z.literal('q')).max(3),
    e: z.iso.datetime(),
    f: z.coerce.number().int(),
    g: z.boolean().nullable(),
    h: z.record(z.string(), z.int()),
    i: z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') }), z.strictObject({ k: z.literal('b') })]),
    j: z.email(),
  })
  .extend({ m: z.string().refine((v) => v.length > 1) })
  .omit({ a: true })
  .superRefine(() => {});
const piped = z.string().pipe(z.string().transform((v) => v.length));

export const handler = async (event: { body: string }) => ({
  statusCode: 200,
  body: JSON.stringify([schema.safeParse(JSON.parse(event.body)).success, piped.safeParse(event.body).success]),
});
