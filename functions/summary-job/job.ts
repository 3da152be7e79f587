import type { Clock } from '#shared/ports.ts';
import { type ExportFile, type SummaryJob, summaryJobEventSchema } from '#shared/schemas/summary-job.ts';
import { type ContentForSummary, summaryContext } from '#shared/summary/context.ts';
import { type SummaryFile, summaryFiles } from '#shared/summary/files.ts';
import { forAudience } from '#shared/summary/privacy.ts';
import { createSummaryBuilder } from '#shared/summary/summarise.ts';
import { logger } from '../commons/logger.ts';
import type { Bilingual, SummaryJobRepository } from '../repositories/summary-job-repository.ts';
import type { SummarySource } from '../repositories/summary-source.ts';
import { type ExportStore, exportContentType } from '../storage/export-store.ts';
import { exportPolis } from './polis-export.ts';

export type SummaryJobDeps = {
  jobs: SummaryJobRepository;
  source: SummarySource;
  /** The content a summary needs (functions/generated/summary-content.json in the bundle). */
  content: ContentForSummary;
  exports: ExportStore;
  clock: Clock;
  /** Least time between two progress writes to the job item. Default 2 s. */
  progressEveryMs?: number;
  /** Parallel Scan segments. Default 4. */
  segments?: number;
};

/** What the console shows when a job fails: no internals (those are in the log, without personal data). */
export const JOB_FAILED: Bilingual = {
  sq: 'Përmbledhja nuk u krijua: leximi ose ruajtja e të dhënave dështoi. Provoni përsëri; nëse ndodh sërish, njoftoni administratorin.',
  en: 'The summary could not be made: reading or storing the data failed. Try again; if it happens again, tell the administrator.',
};

type Produced = { files: SummaryFile[]; itemsRead: number };

/**
 * The summary job (an asynchronous Lambda in AWS, a background task of the local runtime): takes a queued job, reads
 * the consultation's items page by page through the summary source, writes the progress to the job item at most every
 * `progressEveryMs`, stores every file, and only then marks the job done with the list of files. Any failure marks it
 * failed with a bilingual message and is rethrown (in AWS the invocation then goes to the on-failure queue); files
 * stored before the failure are never listed, so never offered for download.
 */
export function createSummaryJobHandler(deps: SummaryJobDeps): (event: unknown) => Promise<void> {
  const now = () => deps.clock().toISOString();
  return async (event) => {
    const { jobId } = summaryJobEventSchema.parse(event);
    const job = await deps.jobs.find(jobId);
    if (job?.status !== 'queued') {
      // Unknown, or taken by an earlier invocation (a retried event): nothing to do.
      logger.warn('summary job not queued', { jobId, status: job?.status ?? 'missing' });
      return;
    }
    try {
      const total = await deps.source.estimateTotal();
      if (!(await deps.jobs.start(jobId, now(), total))) return;
      const progress = progressWriter(deps, jobId, total);
      const produced =
        job.kind === 'polis'
          ? await polisFiles(deps, job, progress.report)
          : await summaryOf(deps, job, progress.report);
      await progress.flush();
      const stored: ExportFile[] = [];
      for (const file of produced.files) {
        const bytes = await deps.exports.put(jobId, file.name, file.content);
        stored.push({ name: file.name, bytes, contentType: exportContentType(file.name) });
      }
      await deps.jobs.finish(jobId, now(), produced.itemsRead, stored);
      logger.info('summary job done', { jobId, kind: job.kind, itemsRead: produced.itemsRead, files: stored.length });
    } catch (error) {
      logger.error('summary job failed', { jobId, kind: job.kind, error: (error as Error).name });
      await deps.jobs.fail(jobId, now(), JOB_FAILED);
      throw error;
    }
  };
}

/** Progress writes, one at a time and at most every `progressEveryMs`; `flush` waits for the last one. */
function progressWriter(deps: SummaryJobDeps, jobId: string, total: number | undefined) {
  const every = deps.progressEveryMs ?? 2000;
  let last = deps.clock().getTime();
  let chain: Promise<void> = Promise.resolve();
  // A failed write is kept for `flush` (never an unhandled rejection that would stop the local runtime).
  let failure: unknown;
  return {
    report(itemsRead: number) {
      const at = deps.clock();
      if (failure !== undefined || at.getTime() - last < every) return;
      last = at.getTime();
      chain = chain
        .then(() => deps.jobs.progress(jobId, at.toISOString(), itemsRead, total))
        .catch((error: unknown) => {
          failure ??= error;
        });
    },
    async flush() {
      await chain;
      if (failure !== undefined) throw failure;
    },
  };
}

async function summaryOf(deps: SummaryJobDeps, job: SummaryJob, report: (read: number) => void): Promise<Produced> {
  const includeContacts = job.audience === 'staff' && job.includeContacts === true;
  const base = summaryContext(deps.content, job.consultationId, job.startedAt ?? deps.clock().toISOString());
  const context = { ...base, options: { ...base.options, includeContacts } };
  const builder = createSummaryBuilder(context);
  let itemsRead = 0;
  const items = deps.source.consultationItems(
    job.consultationId,
    context.commitments.map((c) => c.id),
    {
      ...(deps.segments !== undefined ? { segments: deps.segments } : {}),
      includeContacts,
      onProgress: (p) => {
        itemsRead = p.scanned;
        report(p.scanned);
      },
    },
  );
  for await (const item of items) builder.add(item);
  const view = forAudience(builder.finish(), job.audience ?? 'public');
  return { files: summaryFiles(view, ['csv', 'json', 'html'], ['sq', 'en']), itemsRead };
}

async function polisFiles(deps: SummaryJobDeps, job: SummaryJob, report: (read: number) => void): Promise<Produced> {
  let itemsRead = 0;
  const result = await exportPolis(
    deps.source,
    { consultationId: job.consultationId, commitmentId: job.commitmentId ?? '' },
    (scanned) => {
      itemsRead = scanned;
      report(scanned);
    },
  );
  return {
    files: [
      { name: 'comments.csv', content: result.commentsCsv },
      { name: 'votes.csv', content: result.votesCsv },
    ],
    itemsRead,
  };
}
