import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { commitmentSchema } from '#shared/schemas/commitment.ts';
import { consultationSchema } from '#shared/schemas/consultation.ts';
import { meetingSchema } from '#shared/schemas/meeting.ts';

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../site/src/content');

export type ContentProblem = { file: string; field: string; message: string };

/** Reads and validates every YAML file of one content collection; problems name the file and the field. */
async function loadCollection<S extends z.ZodType>(
  contentDir: string,
  collection: string,
  schema: S,
): Promise<{ entries: z.output<S>[]; problems: ContentProblem[] }> {
  const dir = path.join(contentDir, collection);
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const entries: z.output<S>[] = [];
  const problems: ContentProblem[] = [];
  for (const name of files) {
    const file = path.relative(process.cwd(), path.join(dir, name));
    let raw: unknown;
    try {
      raw = parse(await readFile(path.join(dir, name), 'utf8'));
    } catch (error) {
      problems.push({ file, field: '(file)', message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const result = schema.safeParse(raw);
    if (result.success) entries.push(result.data);
    else {
      for (const issue of result.error.issues) {
        problems.push({ file, field: issue.path.join('.') || '(root)', message: issue.message });
      }
    }
  }
  return { entries, problems };
}

/** All content of the site, validated by the shared schemas. */
export async function loadContent(contentDir = CONTENT_DIR) {
  const consultations = await loadCollection(contentDir, 'consultations', consultationSchema);
  const commitments = await loadCollection(contentDir, 'commitments', commitmentSchema);
  const meetings = await loadCollection(contentDir, 'meetings', meetingSchema);
  return {
    consultations: consultations.entries,
    commitments: commitments.entries,
    meetings: meetings.entries,
    problems: [...consultations.problems, ...commitments.problems, ...meetings.problems],
  };
}
