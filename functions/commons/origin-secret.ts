import { createHash, timingSafeEqual } from 'node:crypto';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ForbiddenError } from '#shared/errors.ts';
import type { HttpEvent } from './http.ts';

/**
 * CloudFront adds this header, with the origin secret as its value, to every request it sends to the HTTP API
 * (infra/constructs/site-distribution.ts). A request without it came around CloudFront and its WAF, straight to the
 * execute-api endpoint, and is refused.
 */
export const ORIGIN_SECRET_HEADER = 'x-konsulto-origin';

/** How long a Lambda environment keeps the value read from Secrets Manager before reading it again. */
export const ORIGIN_SECRET_CACHE_MS = 5 * 60 * 1000;

/**
 * Returns the header values accepted now (the current one and, while CloudFront may still send it, the previous one);
 * an undefined OriginSecret means the check is off.
 */
export type OriginSecret = () => Promise<readonly string[]>;

/**
 * Where the origin secret comes from, by environment:
 * - `KONSULTO_ORIGIN_SECRET` (the value): tests, and the local runtime when set (its adapter then adds the header,
 *   as CloudFront does);
 * - `KONSULTO_ORIGIN_SECRET_ARN` (AWS, set by the CDK app): read from Secrets Manager on the first request, never at
 *   cold start, and again after ORIGIN_SECRET_CACHE_MS so a changed value is picked up without a redeploy. Both the
 *   AWSCURRENT and the AWSPREVIOUS version are accepted, so a new value can be put first and CloudFront switched to it
 *   afterwards without refusing a request in between (docs/deploy.md);
 * - neither, outside Lambda: the check is off (`npm start`, unit tests); inside Lambda that is a deployment error and
 *   every request is refused rather than served unchecked.
 */
export function originSecretFromEnv(env: NodeJS.ProcessEnv = process.env): OriginSecret | undefined {
  const inline = env.KONSULTO_ORIGIN_SECRET;
  if (inline) return async () => [inline];
  const arn = env.KONSULTO_ORIGIN_SECRET_ARN;
  if (arn) return cachedSecret(arn);
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    return async () => {
      throw new Error('neither KONSULTO_ORIGIN_SECRET nor KONSULTO_ORIGIN_SECRET_ARN is set in Lambda');
    };
  }
  return undefined;
}

function cachedSecret(arn: string): OriginSecret {
  let cached: { values: Promise<readonly string[]>; at: number } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ORIGIN_SECRET_CACHE_MS) {
      const values = readSecret(arn).catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      cached = { values, at: Date.now() };
    }
    return cached.values;
  };
}

async function readSecret(arn: string): Promise<readonly string[]> {
  const client = new SecretsManagerClient({});
  try {
    const [current, previous] = await Promise.all([
      client.send(new GetSecretValueCommand({ SecretId: arn })),
      // There is no previous version until the value has been changed once.
      client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: 'AWSPREVIOUS' })).catch((error: unknown) => {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }),
    ]);
    if (!current.SecretString) throw new Error('the origin secret is empty');
    return previous?.SecretString ? [current.SecretString, previous.SecretString] : [current.SecretString];
  } finally {
    client.destroy();
  }
}

/** Throws ForbiddenError (403) unless the request carries an accepted origin secret. Compared in constant time. */
export async function assertThroughCloudFront(event: HttpEvent, secret: OriginSecret): Promise<void> {
  const accepted = await secret();
  const received = event.headers?.[ORIGIN_SECRET_HEADER];
  if (received === undefined || !accepted.some((value) => sameDigest(received, value))) {
    throw new ForbiddenError('direct origin access');
  }
}

function sameDigest(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
