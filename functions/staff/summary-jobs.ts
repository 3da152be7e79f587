import { monotonicFactory } from 'ulid';
import type { Catalog } from '#shared/catalog.ts';
import { NotFoundError } from '#shared/errors.ts';
import { contentDisposition } from '#shared/proposals.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import {
  type ExportLink,
  exportFileNameSchema,
  SUMMARY_LINK_SECONDS,
  type SummaryJob,
  summaryJobInputSchema,
} from '#shared/schemas/summary-job.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter, type RouteAction } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { Bilingual, SummaryJobRepository } from '../repositories/summary-job-repository.ts';
import type { ExportStore } from '../storage/export-store.ts';
import type { JobLauncher } from '../summary-job/launcher.ts';
import { consultationFrom } from './moderation.ts';
import type { StaffAction } from './pipeline.ts';

export type SummaryJobActionDeps = {
  catalog: Catalog;
  jobs: SummaryJobRepository;
  exports: ExportStore;
  launch: JobLauncher;
};

/**
 * A job that has not moved for this long has stopped (the job function's timeout is 15 minutes; a lost invocation
 * never starts): the status read marks it failed, so the console does not wait for ever.
 */
export const STALE_JOB_MS = 16 * 60_000;

/** Job ids in creation order, also within one millisecond (the list sorts by id). */
const ulid = monotonicFactory();

/** How many of a consultation's jobs the list shows (jobs are kept 3 days). */
export const RECENT_JOBS = 10;

const STOPPED: Bilingual = {
  sq: 'Përmbledhja u ndal pa përfunduar. Provoni përsëri.',
  en: 'The summary stopped before it was finished. Try again.',
};
const NOT_STARTED: Bilingual = {
  sq: 'Përmbledhja nuk mund të nisej. Provoni përsëri pas pak.',
  en: 'The summary could not be started. Try again in a moment.',
};

function jobIdFrom(value: string): string {
  if (!ulidSchema.safeParse(value).success) throw new NotFoundError('job');
  return value;
}

/**
 * The console's summary jobs (drafters and admins): start one (202, the job runs in the background), read its status
 * and progress, and get a download link for each file once it is done.
 */
export function summaryJobActions({
  catalog,
  jobs,
  exports,
  launch,
}: SummaryJobActionDeps): Record<string, StaffAction> {
  const checked = async (job: SummaryJob, now: Date): Promise<SummaryJob> => {
    const active = job.status === 'queued' || job.status === 'running';
    if (active && now.getTime() - Date.parse(job.updatedAt) > STALE_JOB_MS) {
      await jobs.fail(job.jobId, now.toISOString(), STOPPED);
      return (await jobs.find(job.jobId)) ?? job;
    }
    return job;
  };
  const findJob = async (jobId: string, now: Date): Promise<SummaryJob> => {
    const job = await jobs.find(jobIdFrom(jobId));
    if (!job) throw new NotFoundError('job');
    return checked(job, now);
  };

  return {
    'GET /api/admin/consultations/{consultationId}/summary-jobs': async (event, { now }) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const recent = await jobs.recent(consultationId, RECENT_JOBS);
      return { body: { jobs: await Promise.all(recent.map((job) => checked(job, now))) } };
    },

    'POST /api/admin/consultations/{consultationId}/summary-jobs': async (event, { now }) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const input = parseInput(summaryJobInputSchema, parseJsonBody(event));
      if (input.kind === 'polis' && catalog.commitment(input.commitmentId).consultationId !== consultationId) {
        throw new NotFoundError('commitment');
      }
      const at = now.toISOString();
      const job: SummaryJob = {
        jobId: ulid(now.getTime()),
        consultationId,
        kind: input.kind,
        ...(input.kind === 'polis'
          ? { commitmentId: input.commitmentId }
          : { audience: input.audience, includeContacts: input.audience === 'staff' && input.includeContacts }),
        status: 'queued',
        itemsRead: 0,
        totalIsEstimate: true,
        createdAt: at,
        updatedAt: at,
        files: [],
      };
      await jobs.create(job);
      try {
        await launch(job.jobId);
      } catch (error) {
        await jobs.fail(job.jobId, at, NOT_STARTED);
        throw error;
      }
      return { status: 202, body: job };
    },

    'GET /api/admin/summary-jobs/{jobId}': async (event, { now }) => ({
      body: await findJob(pathParameter(event, 'jobId'), now),
    }),

    'GET /api/admin/summary-jobs/{jobId}/files/{fileName}': async (event, { now }) => {
      const job = await findJob(pathParameter(event, 'jobId'), now);
      const fileName = pathParameter(event, 'fileName');
      // Only the files of a finished job: nothing half-written is ever offered.
      const file = job.status === 'done' ? job.files.find((f) => f.name === fileName) : undefined;
      if (!file) throw new NotFoundError('file');
      const url = await exports.downloadUrl(job.jobId, file.name, { expiresInSeconds: SUMMARY_LINK_SECONDS, now });
      const body: ExportLink = {
        fileName: file.name,
        url,
        expiresAt: new Date(now.getTime() + SUMMARY_LINK_SECONDS * 1000).toISOString(),
      };
      return { body };
    },
  };
}

/**
 * The local runtime's export download route (localOnly, absent from AWS): serves a file behind a signed link of the
 * disk store, as S3 serves a presigned GET. A forged, altered or expired link, or a missing file, is a 404.
 */
export function localExportActions(exports: ExportStore, clock: () => Date): Record<string, RouteAction> {
  const { download } = exports;
  if (!download) return {};
  return {
    'GET /api/local/exports/{jobId}/{fileName}': async (event) => {
      const jobId = pathParameter(event, 'jobId');
      const fileName = pathParameter(event, 'fileName');
      if (!ulidSchema.safeParse(jobId).success || !exportFileNameSchema.safeParse(fileName).success) {
        throw new NotFoundError('file');
      }
      const file = await download.call(exports, jobId, fileName, event.queryStringParameters ?? {}, clock());
      if (!file) throw new NotFoundError('file');
      return {
        body: undefined,
        file: {
          bytes: file.bytes,
          headers: {
            'content-type': file.contentType,
            'content-disposition': contentDisposition(fileName),
            'content-length': String(file.bytes.length),
          },
        },
      };
    },
  };
}
