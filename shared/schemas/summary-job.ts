import * as z from 'zod';
import { slugSchema, ulidSchema } from './common.ts';

/*
 * The console's summary jobs (docs/summaries.md, "The summary job"): a drafter asks for the summary files of a
 * consultation (or the Polis export of one commitment); a job streams through the table, its DynamoDB item shows the
 * progress, and once done each file has a short-lived staff download link.
 */

export const SUMMARY_JOB_KINDS = ['summary', 'polis'] as const;
export type SummaryJobKind = (typeof SUMMARY_JOB_KINDS)[number];

/** queued (asked for) → running → done | failed. */
export const SUMMARY_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SummaryJobStatus = (typeof SUMMARY_JOB_STATUSES)[number];

/** A download link lives 10 minutes (the issue asks for at most 15). */
export const SUMMARY_LINK_SECONDS = 600;

/** Jobs and their files are kept 3 days (the job item's TTL and the exports bucket's lifecycle rule). */
export const SUMMARY_JOB_RETENTION_DAYS = 3;

/** Where a job's files live: `exports/<jobId>/<file name>` (the S3 key; locally under .data/exports). */
export const EXPORTS_PREFIX = 'exports/';
export const exportKey = (jobId: string, fileName: string) => `${EXPORTS_PREFIX}${jobId}/${fileName}`;

/** The names the job writes: summary files (`contributions.csv`, `report-staff-sq.html`…), README.txt, Polis CSVs. */
export const exportFileNameSchema = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a file name of the job');

export const summaryJobInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('summary'),
    /** `public`: the open-data files; `staff`: with moderated contributions, display names and justifications. */
    audience: z.enum(['public', 'staff']).default('public'),
    /** Staff files only: the proposals' contact fields (drafters and admins, the only roles that may start a job). */
    includeContacts: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('polis'), commitmentId: slugSchema }),
]);
export type SummaryJobInput = z.infer<typeof summaryJobInputSchema>;

export const exportFileSchema = z.strictObject({
  name: exportFileNameSchema,
  bytes: z.int().min(0),
  contentType: z.string(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

const bilingualSchema = z.strictObject({ sq: z.string(), en: z.string() });

export const summaryJobSchema = z.strictObject({
  jobId: ulidSchema,
  consultationId: slugSchema,
  kind: z.enum(SUMMARY_JOB_KINDS),
  /** Polis export: the commitment. */
  commitmentId: slugSchema.optional(),
  audience: z.enum(['public', 'staff']).optional(),
  includeContacts: z.boolean().optional(),
  status: z.enum(SUMMARY_JOB_STATUSES),
  /** Items of the table read so far (a Scan reads every item; the filter keeps the consultation's). */
  itemsRead: z.int().min(0),
  /**
   * The total to read: the table's item count when the job started (DynamoDB's ItemCount, refreshed by AWS about every
   * six hours, so an estimate while `totalIsEstimate`), raised to `itemsRead` if passed, and exact once done.
   */
  itemsTotal: z.int().min(0).optional(),
  totalIsEstimate: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  /** Only when done: nothing half-written is listed. */
  files: z.array(exportFileSchema),
  /** When failed: what went wrong, in Albanian and English (no internals). */
  error: bilingualSchema.optional(),
});
export type SummaryJob = z.infer<typeof summaryJobSchema>;

export const summaryJobListSchema = z.strictObject({ jobs: z.array(summaryJobSchema) });
export type SummaryJobList = z.infer<typeof summaryJobListSchema>;

export const exportLinkSchema = z.strictObject({
  fileName: exportFileNameSchema,
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type ExportLink = z.infer<typeof exportLinkSchema>;

/** The payload of the job function's asynchronous invocation. */
export const summaryJobEventSchema = z.strictObject({ jobId: ulidSchema });
export type SummaryJobEvent = z.infer<typeof summaryJobEventSchema>;
