import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The local runtime's participant-cookie secret: generated once into .data/cookie-secret (git-ignored, readable only
 * by its owner) so that participants keep their identity across restarts. In AWS the secret is in Secrets Manager.
 */
export async function localCookieSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'cookie-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
