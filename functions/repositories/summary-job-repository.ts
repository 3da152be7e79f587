import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { type ExportFile, SUMMARY_JOB_RETENTION_DAYS, type SummaryJob } from '#shared/schemas/summary-job.ts';

/**
 * The job item: pk/sk = keys.summaryJob(id), type SUMMARY_JOB, `expiresAt` (TTL) when its files expire; gsi1 = the
 * consultation's jobs, newest first.
 */
type SummaryJobItem = SummaryJob & {
  pk: string;
  sk: string;
  type: 'SUMMARY_JOB';
  expiresAt: number;
  gsi1pk: string;
  gsi1sk: string;
};

export type Bilingual = { sq: string; en: string };

/**
 * The summary jobs' items. Every change after creation is conditioned on the status it moves from, so a job runs at
 * most once (a repeated invocation finds it no longer queued) and a late progress write never reopens a job that
 * finished or failed.
 */
export interface SummaryJobRepository {
  create(job: SummaryJob): Promise<void>;
  find(jobId: string): Promise<SummaryJob | undefined>;
  /** The consultation's latest jobs, newest first (an index read: a change of the last second may not show yet). */
  recent(consultationId: string, limit: number): Promise<SummaryJob[]>;
  /** queued → running; false if the job is not queued (already taken). */
  start(jobId: string, at: string, itemsTotal: number | undefined): Promise<boolean>;
  /** While running: items read and the total (raised to what was read). */
  progress(jobId: string, at: string, itemsRead: number, itemsTotal: number | undefined): Promise<void>;
  /** running → done, with the files stored (the total is now exact: what was read). */
  finish(jobId: string, at: string, itemsRead: number, files: readonly ExportFile[]): Promise<void>;
  /** queued or running → failed, with a message for the console. */
  fail(jobId: string, at: string, error: Bilingual): Promise<void>;
}

const toJob = (item: SummaryJobItem): SummaryJob => {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...job } = item;
  return job;
};

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export function createDynamoSummaryJobRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): SummaryJobRepository {
  const update = async (
    jobId: string,
    set: Record<string, unknown>,
    fromStatuses: readonly string[],
  ): Promise<boolean> => {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    const assignments = Object.entries(set).map(([name, value]) => {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      return `#${name} = :${name}`;
    });
    const allowed = fromStatuses.map((status, i) => {
      values[`:from${i}`] = status;
      return `:from${i}`;
    });
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.summaryJob(jobId),
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: `attribute_exists(pk) AND #status IN (${allowed.join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  return {
    async create(job) {
      const item: SummaryJobItem = {
        ...keys.summaryJob(job.jobId),
        type: 'SUMMARY_JOB',
        ...job,
        expiresAt: Math.floor(Date.parse(job.createdAt) / 1000) + SUMMARY_JOB_RETENTION_DAYS * 86_400,
        gsi1pk: indexKeys.summaryJobs(job.consultationId),
        gsi1sk: job.jobId,
      };
      try {
        await client.send(
          new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError('the job exists');
        throw error;
      }
    },

    async find(jobId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.summaryJob(jobId), ConsistentRead: true }),
      );
      return Item ? toJob(Item as SummaryJobItem) : undefined;
    },

    async recent(consultationId, limit) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :jobs',
          ExpressionAttributeValues: { ':jobs': indexKeys.summaryJobs(consultationId) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return ((Items ?? []) as SummaryJobItem[]).map(toJob);
    },

    start(jobId, at, itemsTotal) {
      return update(
        jobId,
        { status: 'running', startedAt: at, updatedAt: at, ...(itemsTotal !== undefined ? { itemsTotal } : {}) },
        ['queued'],
      );
    },

    async progress(jobId, at, itemsRead, itemsTotal) {
      await update(
        jobId,
        {
          itemsRead,
          updatedAt: at,
          ...(itemsTotal !== undefined ? { itemsTotal: Math.max(itemsTotal, itemsRead) } : {}),
        },
        ['running'],
      );
    },

    async finish(jobId, at, itemsRead, files) {
      const done = await update(
        jobId,
        {
          status: 'done',
          itemsRead,
          itemsTotal: itemsRead,
          totalIsEstimate: false,
          files,
          updatedAt: at,
          finishedAt: at,
        },
        ['running'],
      );
      if (!done) throw new ConflictError('the job is no longer running');
    },

    async fail(jobId, at, error) {
      await update(jobId, { status: 'failed', error, updatedAt: at, finishedAt: at }, ['queued', 'running']);
    },
  };
}
