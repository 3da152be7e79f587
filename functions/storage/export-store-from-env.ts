import path from 'node:path';
import { createS3Client } from '../commons/aws.ts';
import { createDiskExportStore, type ExportStore } from './export-store.ts';
import { createS3ExportStore } from './s3-export-store.ts';

let localStore: ExportStore | undefined;

/**
 * The summary exports of a Lambda entry: the exports bucket in AWS (KONSULTO_EXPORTS_BUCKET, required in Lambda);
 * locally a directory (localExportStore).
 */
export function exportStoreFromEnv(): ExportStore {
  const bucket = process.env.KONSULTO_EXPORTS_BUCKET;
  if (bucket) return createS3ExportStore(createS3Client(), bucket);
  return localExportStore();
}

/**
 * The exports on this machine: a directory (KONSULTO_EXPORTS_DIR, by default .data/exports), one store per process so
 * that the links the staff function signs are the ones its local download route accepts. Refused inside Lambda.
 */
export function localExportStore(): ExportStore {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) throw new Error('KONSULTO_EXPORTS_BUCKET is not set');
  localStore ??= createDiskExportStore(
    process.env.KONSULTO_EXPORTS_DIR ?? path.resolve(import.meta.dirname, '../../.data/exports'),
  );
  return localStore;
}
