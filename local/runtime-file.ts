import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `npm start` writes where its DynamoDB Local listens to `.data/local-runtime.json`, so the operator commands
 * (`npm run summary`, import-polis, export-polis) join the running platform instead of starting a second database
 * on the same files. Removed on a clean stop; a file left by a crash names a process that is gone and is ignored.
 */
export type LocalRuntimeInfo = { endpoint: string; tableName: string; pid: number; startedAt: string };

export const RUNTIME_FILE = path.resolve(import.meta.dirname, '../.data/local-runtime.json');

export async function writeRuntimeFile(info: LocalRuntimeInfo, file: string = RUNTIME_FILE): Promise<void> {
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`);
}

export async function removeRuntimeFile(file: string = RUNTIME_FILE): Promise<void> {
  await rm(file, { force: true });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The running local platform, if a runtime file names a live process; undefined otherwise. */
export async function readRuntimeFile(
  file: string = RUNTIME_FILE,
  alive: (pid: number) => boolean = isAlive,
): Promise<LocalRuntimeInfo | undefined> {
  let parsed: Partial<LocalRuntimeInfo>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalRuntimeInfo>;
  } catch {
    return undefined;
  }
  const { endpoint, tableName, pid, startedAt } = parsed;
  if (typeof endpoint !== 'string' || typeof tableName !== 'string' || typeof pid !== 'number') return undefined;
  if (!alive(pid)) return undefined;
  return { endpoint, tableName, pid, startedAt: typeof startedAt === 'string' ? startedAt : '' };
}
