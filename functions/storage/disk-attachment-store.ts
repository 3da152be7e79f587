import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '#shared/errors.ts';
import type { AttachmentStore } from '#shared/proposals.ts';

const HEAD_BYTES = 1024;
/** Only server-generated keys: a prefix and a ULID, so no key can leave the directory. */
const KEY = /^(quarantine\/[0-9A-HJKMNP-TV-Z]{26}|attachments\/[0-9A-HJKMNP-TV-Z]{26}\.pdf)$/;

/** The local upload route of the local runtime (functions/routes.ts, `localOnly`). */
export const localUploadUrl = (attachmentId: string) => `/api/proposals/attachments/${attachmentId}`;

/**
 * Attachments on this machine (the local runtime and tests): the same quarantine/ and attachments/ keys as the S3
 * bucket, as files under `root` (by default .data/uploads). The browser PUTs the file to the local upload route,
 * which stands in for the presigned S3 POST and refuses what S3's policy would refuse (more than 10 MB).
 */
export function createDiskAttachmentStore(root: string): AttachmentStore {
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
      await copyFile(source, file(to));
    },

    async discard(key) {
      await rm(file(key), { force: true });
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
