import type { z } from 'zod';
import { type FieldIssue, ValidationError } from './errors.ts';

type Issue = z.core.$ZodIssue;

/** Albanian and English wording of one zod issue, for people filling a form. */
export function describeIssue(issue: Issue): FieldIssue['message'] {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { sq: 'Kjo fushë është e detyrueshme.', en: 'This field is required.' }
        : { sq: 'Vlera nuk është e llojit të duhur.', en: 'The value has the wrong type.' };
    case 'too_small':
      return issue.origin === 'array'
        ? { sq: `Duhen të paktën ${issue.minimum} elemente.`, en: `At least ${issue.minimum} items are required.` }
        : issue.origin === 'string'
          ? { sq: `Duhen të paktën ${issue.minimum} shenja.`, en: `At least ${issue.minimum} characters are required.` }
          : {
              sq: `Vlera më e vogël e lejuar është ${issue.minimum}.`,
              en: `The smallest allowed value is ${issue.minimum}.`,
            };
    case 'too_big':
      return issue.origin === 'array'
        ? { sq: `Lejohen më së shumti ${issue.maximum} elemente.`, en: `At most ${issue.maximum} items are allowed.` }
        : issue.origin === 'string'
          ? {
              sq: `Lejohen më së shumti ${issue.maximum} shenja.`,
              en: `At most ${issue.maximum} characters are allowed.`,
            }
          : {
              sq: `Vlera më e madhe e lejuar është ${issue.maximum}.`,
              en: `The largest allowed value is ${issue.maximum}.`,
            };
    case 'invalid_value':
      return {
        sq: `Vlera duhet të jetë një nga: ${issue.values.join(', ')}.`,
        en: `The value must be one of: ${issue.values.join(', ')}.`,
      };
    case 'unrecognized_keys':
      return {
        sq: `Fusha të panjohura: ${issue.keys.join(', ')}.`,
        en: `Unknown fields: ${issue.keys.join(', ')}.`,
      };
    case 'invalid_format':
      return { sq: 'Formati nuk është i saktë.', en: `The format is not valid (${issue.format}).` };
    case 'custom': {
      // A refinement may carry its own wording in both languages: { params: { sq, en } }.
      const { sq, en } = (issue.params ?? {}) as { sq?: unknown; en?: unknown };
      if (typeof sq === 'string' && typeof en === 'string') return { sq, en };
      return { sq: 'Vlera nuk është e vlefshme.', en: issue.message || 'The value is not valid.' };
    }
    default:
      return { sq: 'Vlera nuk është e vlefshme.', en: issue.message || 'The value is not valid.' };
  }
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: describeIssue(issue),
  }));
}

/** Parses input with a schema or throws a ValidationError that names every invalid field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}
