import type { SummaryJobEvent } from '#shared/schemas/summary-job.ts';
import { createLambdaClient } from '../commons/aws.ts';
import { createInProcessJobLauncher, createLambdaJobLauncher, type JobLauncher } from './launcher.ts';

/**
 * How the staff function starts a summary job: in AWS the job function named by KONSULTO_SUMMARY_JOB_FUNCTION
 * (required in Lambda); locally the same handler module in this process. Its path is computed, so the staff bundle
 * does not take the job's code in.
 */
export function jobLauncherFromEnv(): JobLauncher {
  const functionName = process.env.KONSULTO_SUMMARY_JOB_FUNCTION;
  if (functionName) return createLambdaJobLauncher(createLambdaClient(), functionName);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) throw new Error('KONSULTO_SUMMARY_JOB_FUNCTION is not set');
  const jobModule = new URL('./handler.ts', import.meta.url).href;
  return createInProcessJobLauncher(async () => {
    const module = (await import(jobModule)) as { handler: (event: SummaryJobEvent) => Promise<void> };
    return module.handler;
  });
}
