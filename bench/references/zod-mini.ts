/** P1 reference: zod-classic.ts's schemas in zod/mini (tree-shakable functional API). */
import * as z from 'zod/mini';

const schema = z
  .omit(
    z.extend(
      z.strictObject({
        a: z.string().check(z.trim(), z.minLength(1), z.maxLength(10), z.regex(/x/)),
        b: z.optional(z.int().check(z.minimum(0), z.maximum(5))),
        c: z._default(z.enum(['x', 'y']), 'x'),
        d: z.array(z.literal('q')).check(z.maxLength(3)),
        e: z.iso.datetime(),
        f: z.coerce.number().check(z.int()),
        g: z.nullable(z.boolean()),
        h: z.record(z.string(), z.int()),
        i: z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') }), z.strictObject({ k: z.literal('b') })]),
        j: z.email(),
      }),
      { m: z.string().check(z.refine((v) => v.length > 1)) },
    ),
    { a: true },
  )
  .check(z.superRefine(() => {}));
const piped = z.pipe(
  z.string(),
  z.pipe(
    z.string(),
    z.transform((v) => v.length),
  ),
);

export const handler = async (event: { body: string }) => ({
  statusCode: 200,
  body: JSON.stringify([schema.safeParse(JSON.parse(event.body)).success, piped.safeParse(event.body).success]),
});
