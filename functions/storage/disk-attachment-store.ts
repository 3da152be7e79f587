import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '#shared/errors.ts';
import type { AttachmentStore } from '#shared/proposals.ts';

const HEAD_BYTES = 1024;
/** Only server-generated keys: a prefix and a ULID, so no key can leave the directory. */
const KEY = /^(quarantine\/[0-9A-HJKMNP-TV-Z]{26}|attachments\/[0-9A-HJKMNP-TV-Z]{26}\.pdf)$/;

/** The local upload route of the local runtime (functions/routes.ts, `localOnly`). */
export const localUploadUrl = (attachmentId: string) => `/api/proposals/attachments/${attachmentId}`;

/** The local download route of the local runtime (functions/routes.ts, `localOnly`): stands in for a presigned GET. */
export const localDownloadUrl = (attachmentId: string) => `/api/local/attachments/${attachmentId}`;
const ACCEPTED_KEY = /^attachments\/([0-9A-HJKMNP-TV-Z]{26})\.pdf$/;

/**
 * Attachments on this machine (the local runtime and tests): the same quarantine/ and attachments/ keys as the S3
 * bucket, as files under `root` (by default .data/uploads). The browser PUTs the file to the local upload route,
 * which stands in for the presigned S3 POST and refuses what S3's policy would refuse (more than 10 MB). Staff download
 * links point to the local download route, signed (HMAC over id, name and expiry with `signingKey`, by default a
 * random key of this store) and short-lived like a presigned S3 GET: the link works without a staff token, for its
 * few minutes only.
 */
export function createDiskAttachmentStore(root: string, signingKey: Buffer = randomBytes(32)): AttachmentStore {
  const sign = (attachmentId: string, fileName: string, expires: number) =>
    createHmac('sha256', signingKey).update(`${attachmentId}\n${fileName}\n${expires}`).digest('base64url');

  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error('not an attachment key');
    return path.join(root, key);
  };
  const etagOf = (info: { size: number; mtimeMs: number }) => `"${info.size}-${Math.trunc(info.mtimeMs)}"`;

  return {
    async uploadTarget(attachmentId) {
      return { method: 'PUT', url: localUploadUrl(attachmentId), fields: {} };
    },

    async inspect(key) {
      let handle: Awaited<ReturnType<typeof open>> | undefined;
      try {
        handle = await open(file(key), 'r');
        const info = await handle.stat();
        const head = new Uint8Array(Math.min(HEAD_BYTES, info.size));
        await handle.read(head, 0, head.length, 0);
        return { bytes: info.size, head, etag: etagOf(info) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      } finally {
        await handle?.close();
      }
    },

    async accept(from, to, { etag }) {
      const source = file(from);
      const info = await stat(source).catch(() => undefined);
      if (!info || etagOf(info) !== etag) throw new ConflictError('the upload changed while checked');
      await mkdir(path.dirname(file(to)), { recursive: true });
      try {
        await copyFile(source, file(to));
      } catch (error) {
        // Gone since it was checked (e.g. taken and discarded by a concurrent twin), as S3's NoSuchKey.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ConflictError('the upload changed while checked');
        throw error;
      }
    },

    async discard(key) {
      await rm(file(key), { force: true });
    },

    async downloadUrl(key, { fileName, expiresInSeconds, now }) {
      const id = ACCEPTED_KEY.exec(key)?.[1];
      if (id === undefined) throw new Error('not an accepted attachment key');
      const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
      const query = new URLSearchParams({
        name: fileName,
        expires: String(expires),
        signature: sign(id, fileName, expires),
      });
      return `${localDownloadUrl(id)}?${query}`;
    },

    async download(attachmentId, query, now) {
      const { name, expires, signature } = query;
      if (name === undefined || expires === undefined || signature === undefined) return undefined;
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now.getTime()) return undefined;
      const expected = Buffer.from(sign(attachmentId, name, Number(expires)));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        return { fileName: name, bytes: new Uint8Array(await readFile(file(`attachments/${attachmentId}.pdf`))) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || (error as Error).message === 'not an attachment key') return undefined;
        throw error;
      }
    },

    async receive(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const partial = `${target}.${randomUUID()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, target);
    },
  };
}
