import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The secret that signs participant cookies and keys IP hashes. Locally and in tests it comes from
 * KONSULTO_COOKIE_SECRET (the local runtime generates one under .data/); in AWS from Secrets Manager
 * (KONSULTO_COOKIE_SECRET_ARN), fetched on the first request that needs it, never at cold start, then cached.
 */
let cached: Promise<Buffer> | undefined;

export function cookieSecret(): Promise<Buffer> {
  cached ??= loadSecret().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadSecret(): Promise<Buffer> {
  const inline = process.env.KONSULTO_COOKIE_SECRET;
  if (inline) return toKey(inline);
  const arn = process.env.KONSULTO_COOKIE_SECRET_ARN;
  if (!arn) throw new Error('neither KONSULTO_COOKIE_SECRET nor KONSULTO_COOKIE_SECRET_ARN is set');
  const client = new SecretsManagerClient({});
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!output.SecretString) throw new Error('the cookie secret is empty');
    return toKey(output.SecretString);
  } finally {
    client.destroy();
  }
}

function toKey(value: string): Buffer {
  const key = Buffer.from(value, 'utf8');
  if (key.length < 32) throw new Error('the cookie secret must be at least 32 characters');
  return key;
}
