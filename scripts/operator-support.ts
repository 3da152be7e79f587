/**
 * What the operator commands (summary, import-polis, export-polis) share: the local database connection, refused
 * for anything but DynamoDB Local, and a progress bar on stderr.
 */
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig, startDynamoDbLocal, useLocalAwsEnv } from '../local/dynamodb-local.ts';
import { assertLocalEndpoint } from '../local/endpoint-guard.ts';
import { ensureTable } from '../local/table.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export type OperatorDatabase = {
  documents: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  close: () => Promise<void>;
};

/**
 * The local database: DYNAMODB_ENDPOINT (must be local) and KONSULTO_TABLE (default konsulto-local). Without an
 * endpoint, DynamoDB Local is started on the data `npm start` keeps (.data/dynamodb) for the length of the command;
 * do not run `npm start` at the same time then. With `create`, a missing table is created (imports); otherwise a
 * missing table is an error that says what to do.
 */
export async function openLocalDatabase({ create = false } = {}): Promise<OperatorDatabase> {
  const tableName = process.env.KONSULTO_TABLE ?? 'konsulto-local';
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  let stop = async () => {};
  if (endpoint === undefined || endpoint === '') {
    process.stderr.write('DYNAMODB_ENDPOINT is not set: starting DynamoDB Local on .data/dynamodb…\n');
    const database = await startDynamoDbLocal({ dataDir: path.join(ROOT, '.data/dynamodb') });
    endpoint = database.endpoint;
    stop = database.stop;
  }
  assertLocalEndpoint(endpoint);
  useLocalAwsEnv();
  const client = new DynamoDBClient({ endpoint, ...localClientConfig(), maxAttempts: 5 });
  if (create) {
    if (await ensureTable(client, tableName)) process.stderr.write(`Created the table "${tableName}".\n`);
  } else {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      client.destroy();
      await stop();
      if (error instanceof ResourceNotFoundException) {
        throw new Error(
          `No table "${tableName}" at ${endpoint}: start Konsulto once (npm start) or set KONSULTO_TABLE.`,
        );
      }
      throw error;
    }
  }
  return {
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
    endpoint,
    close: async () => {
      client.destroy();
      await stop();
    },
  };
}

/** Refuses `--stage`: reading a deployed table is planned with the summary job (issue 7, staff console). */
export function refuseStage(stage: string | undefined): void {
  if (stage === undefined) return;
  const credentials = process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE || process.env.AWS_SESSION_TOKEN;
  throw new Error(
    credentials
      ? `--stage ${stage}: reading a deployed table is not implemented yet; it comes with the summary job of the staff console. Run this command against DynamoDB Local.`
      : `--stage ${stage} needs AWS credentials, and reading a deployed table is not implemented yet (it comes with the summary job of the staff console).`,
  );
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per tenth otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 28;
  let lastDraw = 0;
  let lastTenth = -1;
  const format = (n: number) => n.toLocaleString('en-GB');
  return {
    update(done: number, total: number | undefined, force = false) {
      const estimate = total !== undefined && total > 0 ? Math.max(total, done) : undefined;
      const ratio = estimate ? done / estimate : 0;
      if (stream.isTTY) {
        const now = Date.now();
        if (!force && now - lastDraw < 100) return;
        lastDraw = now;
        const filled = Math.round(ratio * width);
        const bar = estimate ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
        stream.write(`\r${label} ${bar}${format(done)}${estimate ? ` / ~${format(estimate)}` : ''}   `);
      } else {
        const tenth = Math.floor(ratio * 10);
        if (!force && (tenth === lastTenth || !estimate)) return;
        lastTenth = tenth;
        stream.write(
          `${label} ${format(done)}${estimate ? ` / ~${format(estimate)} (${Math.round(ratio * 100)}%)` : ''}\n`,
        );
      }
    },
    done(text: string) {
      stream.write(stream.isTTY ? `\r${label} ${text}\x1b[K\n` : `${label} ${text}\n`);
    },
  };
}
