import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RateLimitedError } from '#shared/errors.ts';
import { keys } from '#shared/keys.ts';

export type RateLimit = { scope: string; subject: string; limit: number; windowSeconds: number };

export interface RateLimiter {
  /** Counts one request against every limit; throws RateLimitedError (with Retry-After) when one is exhausted. */
  consume(limits: readonly RateLimit[], now: Date): Promise<void>;
}

/**
 * Fixed-window counters in the table: one conditional ADD per limit, so concurrent Lambdas share the count exactly.
 * Window items expire through the table's TTL.
 */
export function createDynamoRateLimiter(client: DynamoDBDocumentClient, tableName: string): RateLimiter {
  return {
    async consume(limits, now) {
      await Promise.all(
        limits.map(async ({ scope, subject, limit, windowSeconds }) => {
          const nowSeconds = Math.floor(now.getTime() / 1000);
          const window = Math.floor(nowSeconds / windowSeconds);
          const windowEnds = (window + 1) * windowSeconds;
          try {
            await client.send(
              new UpdateCommand({
                TableName: tableName,
                Key: keys.rateWindow(scope, subject, window),
                UpdateExpression: 'ADD #count :one SET #type = :type, expiresAt = :expiresAt',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
                ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':limit': limit,
                  ':type': 'RATE',
                  ':expiresAt': windowEnds + 60,
                },
              }),
            );
          } catch (error) {
            if (error instanceof ConditionalCheckFailedException) {
              throw new RateLimitedError(Math.max(1, windowEnds - nowSeconds));
            }
            throw error;
          }
        }),
      );
    },
  };
}

/** A limiter that never limits: KONSULTO_RATE_LIMITS=off in the local runtime (load tests). */
export const noRateLimiter: RateLimiter = { consume: async () => {} };

export type RateLimitSettings = { perParticipantPerMinute: number; perIpPerMinute: number };

/** Defaults on; each overridable from the environment (see README). */
export function rateLimitSettingsFromEnv(env = process.env): RateLimitSettings {
  const number = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    perParticipantPerMinute: number(env.KONSULTO_RATE_LIMIT_PARTICIPANT_PER_MINUTE, 30),
    perIpPerMinute: number(env.KONSULTO_RATE_LIMIT_IP_PER_MINUTE, 120),
  };
}
