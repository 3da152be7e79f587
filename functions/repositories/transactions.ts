import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ServiceUnavailableError } from '#shared/errors.ts';

/** The reason code of each item of a cancelled transaction ('None' for items that were fine). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

/** True when the transaction was cancelled because the condition of item `index` failed. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';
}

/** Cancelled because another transaction touched the same items, or by throttling: worth retrying. */
export function isRetryableCancellation(error: unknown): boolean {
  const retryable = new Set(['TransactionConflict', 'ThrottlingError', 'ConditionalCheckFailed']);
  return cancellationCodes(error)?.some((code) => retryable.has(code)) ?? false;
}

const MAX_ATTEMPTS = 8;

/**
 * Runs an optimistic read-then-write step until it commits. Each attempt re-reads what it needs; a cancelled
 * transaction (a concurrent change, a conflict) is retried with jittered backoff. Gives up with a 503 (Retry-After),
 * never with a partial write: a transaction is all or nothing.
 */
export async function withOptimisticRetry<T>(attempt: (attemptNumber: number) => Promise<T>): Promise<T> {
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryableCancellation(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(n, 5)));
    }
  }
  throw new ServiceUnavailableError(1);
}
