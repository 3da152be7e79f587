import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ulidSchema } from '#shared/schemas/common.ts';
import { exportFileNameSchema, exportKey } from '#shared/schemas/summary-job.ts';

/**
 * Where the summary job keeps its files: the private exports bucket in AWS (s3-export-store.ts), a directory locally.
 * Keys are `exports/<jobId>/<file name>` (shared/schemas/summary-job.ts).
 */
export interface ExportStore {
  /** Stores one whole file; returns its size in bytes. */
  put(jobId: string, fileName: string, content: string): Promise<number>;
  /** A short-lived download link of a stored file, served as an attachment (never rendered). */
  downloadUrl(jobId: string, fileName: string, options: { expiresInSeconds: number; now: Date }): Promise<string>;
  /** Local store only: the file behind a signed link, or undefined if the link is forged, expired or the file is gone. */
  download?(
    jobId: string,
    fileName: string,
    query: Record<string, string | undefined>,
    now: Date,
  ): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function exportContentType(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName)] ?? 'application/octet-stream';
}

/** The local download route of the local runtime (functions/routes.ts, `localOnly`): stands in for a presigned GET. */
export const localExportUrl = (jobId: string, fileName: string) =>
  `/api/local/exports/${jobId}/${encodeURIComponent(fileName)}`;

function checkedKey(jobId: string, fileName: string): string {
  if (!ulidSchema.safeParse(jobId).success || !exportFileNameSchema.safeParse(fileName).success) {
    throw new Error('not an export file');
  }
  return exportKey(jobId, fileName);
}

/**
 * Exports on this machine (`npm start`, tests): files under `root` (by default .data/exports) with the bucket's keys,
 * each written aside and renamed, so no reader sees half a file. Links point to the local download route, signed
 * (HMAC over job, file and expiry with `signingKey`, by default a random key of this store) and expiring like a
 * presigned S3 GET: a forged, altered or expired link is refused.
 */
export function createDiskExportStore(root: string, signingKey: Buffer = randomBytes(32)): ExportStore {
  const sign = (jobId: string, fileName: string, expires: number) =>
    createHmac('sha256', signingKey).update(`${jobId}\n${fileName}\n${expires}`).digest('base64url');
  const file = (jobId: string, fileName: string) => path.join(root, checkedKey(jobId, fileName));

  return {
    async put(jobId, fileName, content) {
      const target = file(jobId, fileName);
      await mkdir(path.dirname(target), { recursive: true });
      const bytes = Buffer.from(content, 'utf8');
      const partial = `${target}.${randomUUID()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, target);
      return bytes.length;
    },

    async downloadUrl(jobId, fileName, { expiresInSeconds, now }) {
      checkedKey(jobId, fileName);
      const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
      const query = new URLSearchParams({ expires: String(expires), signature: sign(jobId, fileName, expires) });
      return `${localExportUrl(jobId, fileName)}?${query}`;
    },

    async download(jobId, fileName, query, now) {
      const { expires, signature } = query;
      if (expires === undefined || signature === undefined) return undefined;
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now.getTime()) return undefined;
      let target: string;
      try {
        target = file(jobId, fileName);
      } catch {
        return undefined;
      }
      const expected = Buffer.from(sign(jobId, fileName, Number(expires)));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        return { bytes: new Uint8Array(await readFile(target)), contentType: exportContentType(fileName) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
