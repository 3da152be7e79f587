/**
 * What the operator commands (summary, import-polis, export-polis) share: the database connection (DynamoDB Local,
 * or with `--stage` the deployed table, read only) and a progress bar on stderr.
 */
import path from 'node:path';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig, startDynamoDbLocal, useLocalAwsEnv } from '../local/dynamodb-local.ts';
import { assertLocalEndpoint } from '../local/endpoint-guard.ts';
import { readRuntimeFile } from '../local/runtime-file.ts';
import { ensureTable } from '../local/table.ts';

/** The stages of infra/config.ts (not imported: that module loads aws-cdk-lib). A test checks they agree. */
export const STAGES = ['dev', 'prod'] as const;

const ROOT = path.resolve(import.meta.dirname, '..');

export type OperatorDatabase = {
  documents: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  close: () => Promise<void>;
};

/**
 * The local database: DYNAMODB_ENDPOINT (must be local) and KONSULTO_TABLE (default konsulto-local); without
 * DYNAMODB_ENDPOINT, the DynamoDB Local of a running `npm start` (its .data/local-runtime.json, local/runtime-file.ts,
 * with its table unless KONSULTO_TABLE says otherwise); failing both, DynamoDB Local is started on the data `npm start`
 * keeps (.data/dynamodb) for the length of the command. With `create`, a missing table is created (imports);
 * otherwise a missing table is an error that says what to do.
 */
export async function openLocalDatabase({ create = false } = {}): Promise<OperatorDatabase> {
  let tableName = process.env.KONSULTO_TABLE ?? 'konsulto-local';
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  let stop = async () => {};
  if (endpoint === undefined || endpoint === '') {
    const running = await readRuntimeFile();
    if (running) {
      process.stderr.write(`Using the DynamoDB Local of the running npm start (${running.endpoint}).\n`);
      endpoint = running.endpoint;
      tableName = process.env.KONSULTO_TABLE ?? running.tableName;
    }
  }
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

/**
 * The deployed table of a stage among the account's table names. CDK does not name the table: CloudFormation calls
 * it `<stack>-<logical id>-<suffix>`, the stack being `Konsulto-<stage>-Stateful` (infra/build-app.ts) and the logical
 * id `Table` and a hash. Exactly one must match.
 */
export function deployedTableName(stage: string, tableNames: readonly string[]): string {
  const pattern = new RegExp(`^Konsulto-${stage}-Stateful-Table[0-9A-F]{8}-[A-Za-z0-9]+$`);
  const found = tableNames.filter((name) => pattern.test(name));
  if (found.length === 1) return found[0] as string;
  throw new Error(
    found.length === 0
      ? `No table of stage "${stage}" (Konsulto-${stage}-Stateful-Table…) in this account and region; set KONSULTO_TABLE to name it.`
      : `Several tables of stage "${stage}": ${found.join(', ')}; set KONSULTO_TABLE to choose one.`,
  );
}

/** What `--stage` asks for, checked before anything is read: a known stage, and no local endpoint beside it. */
export function stageTarget(
  stage: string | undefined,
  env: Record<string, string | undefined> = process.env,
): { stage: string; tableName?: string } | undefined {
  if (stage === undefined) return undefined;
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`--stage must be one of ${STAGES.join(', ')}: "${stage}"`);
  }
  if (env.DYNAMODB_ENDPOINT) throw new Error('--stage reads the deployed table: unset DYNAMODB_ENDPOINT.');
  return { stage, ...(env.KONSULTO_TABLE ? { tableName: env.KONSULTO_TABLE } : {}) };
}

/**
 * The deployed table of a stage, for reading (summary, export-polis): the AWS SDK's credentials and region from the
 * environment (AWS_PROFILE, AWS_REGION…); the table is KONSULTO_TABLE or found by its CloudFormation name. Needs
 * dynamodb:ListTables (unless KONSULTO_TABLE), DescribeTable and Scan on the table.
 */
export async function openStageDatabase(target: { stage: string; tableName?: string }): Promise<OperatorDatabase> {
  const client = new DynamoDBClient({ maxAttempts: 8 });
  try {
    let tableName = target.tableName;
    if (tableName === undefined) {
      const names: string[] = [];
      let start: string | undefined;
      do {
        const page = await client.send(new ListTablesCommand({ ...(start ? { ExclusiveStartTableName: start } : {}) }));
        names.push(...(page.TableNames ?? []));
        start = page.LastEvaluatedTableName;
      } while (start);
      tableName = deployedTableName(target.stage, names);
    }
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    process.stderr.write(`Reading the deployed table ${tableName} (stage ${target.stage}).\n`);
    return {
      documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      tableName,
      endpoint: 'aws',
      close: async () => client.destroy(),
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}

/** The database of a reading command: the deployed table with `--stage`, else the local one. */
export async function openReadDatabase(stage: string | undefined): Promise<OperatorDatabase> {
  const target = stageTarget(stage);
  return target ? openStageDatabase(target) : openLocalDatabase();
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
