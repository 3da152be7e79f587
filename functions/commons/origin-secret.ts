import { createHash, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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

/** Returns the expected header value; undefined means the check is off. */
export type OriginSecret = () => Promise<string>;

/**
 * Where the origin secret comes from, by environment:
 * - `KONSULTO_ORIGIN_SECRET` (the value): tests, and the local runtime when set (its adapter then adds the header,
 *   as CloudFront does);
 * - `KONSULTO_ORIGIN_SECRET_ARN` (AWS, set by the CDK app): read from Secrets Manager on the first request, never at
 *   cold start, and again after ORIGIN_SECRET_CACHE_MS so a changed value is picked up without a redeploy;
 * - neither, outside Lambda: the check is off (`npm start`, unit tests); inside Lambda that is a deployment error and
 *   every request is refused rather than served unchecked.
 */
export function originSecretFromEnv(env: NodeJS.ProcessEnv = process.env): OriginSecret | undefined {
  const inline = env.KONSULTO_ORIGIN_SECRET;
  if (inline) return async () => inline;
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
  let cached: { value: Promise<string>; at: number } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ORIGIN_SECRET_CACHE_MS) {
      const value = readSecret(arn).catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      cached = { value, at: Date.now() };
    }
    return cached.value;
  };
}

async function readSecret(arn: string): Promise<string> {
  const client = new SecretsManagerClient({});
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!output.SecretString) throw new Error('the origin secret is empty');
    return output.SecretString;
  } finally {
    client.destroy();
  }
}

/** Throws ForbiddenError (403) unless the request carries the origin secret. Compared in constant time. */
export async function assertThroughCloudFront(event: HttpEvent, secret: OriginSecret): Promise<void> {
  const expected = await secret();
  const received = event.headers?.[ORIGIN_SECRET_HEADER];
  if (received === undefined || !sameDigest(received, expected)) throw new ForbiddenError('direct origin access');
}

function sameDigest(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
