import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SummaryJobEvent } from '#shared/schemas/summary-job.ts';
import { logger } from '../commons/logger.ts';

/** Starts a queued job without waiting for it: the staff function answers 202 at once. */
export type JobLauncher = (jobId: string) => Promise<void>;

/** AWS: an asynchronous invocation (InvocationType Event) of the job function; Lambda queues it and answers 202. */
export function createLambdaJobLauncher(client: LambdaClient, functionName: string): JobLauncher {
  return async (jobId) => {
    const payload: SummaryJobEvent = { jobId };
    const output = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
    if (output.StatusCode !== 202) throw new Error(`the job function answered ${output.StatusCode}`);
  };
}

/**
 * The local runtime: the very job handler, run as a background task of this process after the answer is sent. Its
 * failure is already on the job item (failed); only a log line is added here.
 */
export function createInProcessJobLauncher(run: () => Promise<(event: SummaryJobEvent) => Promise<void>>): JobLauncher {
  return async (jobId) => {
    const handler = await run();
    setImmediate(() => {
      handler({ jobId }).catch((error: unknown) => {
        logger.warn('local summary job failed', { jobId, error: (error as Error).name });
      });
    });
  };
}
