import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { commitmentSchema } from '#shared/schemas/commitment.ts';
import { consultationSchema } from '#shared/schemas/consultation.ts';
import { meetingSchema } from '#shared/schemas/meeting.ts';

/**
 * The draft commitments and their consultations are YAML files validated by the same zod schemas as the API, so a
 * bad file fails `astro build` with the file and the field named. The entry id is the file name, which must equal
 * the `id` inside the file (checked in lib/content.ts).
 */
const yamlFiles = (folder: string) => glob({ base: `./src/content/${folder}`, pattern: '*.{yaml,yml}' });

export const collections = {
  consultations: defineCollection({ loader: yamlFiles('consultations'), schema: consultationSchema }),
  commitments: defineCollection({ loader: yamlFiles('commitments'), schema: commitmentSchema }),
  meetings: defineCollection({ loader: yamlFiles('meetings'), schema: meetingSchema }),
};
