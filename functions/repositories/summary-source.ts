import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

/*
 * The items a summary (or a Polis export) reads, streamed page by page from a parallel Scan of the table.
 *
 * Why a Scan and not the access patterns' Queries: a summary needs every vote, comment, reaction and profile of a
 * consultation. Votes and comments have index entries (patterns 22-23), but reactions and profiles have none (they
 * live in the participants' partitions), and a summary without reactions cannot count the people who only reacted.
 * A summary is a background job, not a request path; one parallel Scan reads each item once, with a server-side
 * filter and a projection, so only the consultation's items and only the attributes the summary uses travel. Memory
 * stays bounded: at most two pages per segment wait for the consumer.
 */

export type ScanProgress = {
  /** Items DynamoDB examined so far (the filter drops the other consultations' items after reading them). */
  scanned: number;
  /** Items passed on to the summary so far. */
  returned: number;
};

export type SummarySourceOptions = {
  /** Parallel Scan segments. Default 4. */
  segments?: number;
  onProgress?: (progress: ScanProgress) => void;
  /** Read the private contact fields of proposals (only for a staff file with contacts). Default false. */
  includeContacts?: boolean;
};

export interface SummarySource {
  /** DynamoDB's item count of the table (an estimate: AWS refreshes it about every six hours); undefined if unknown. */
  estimateTotal(): Promise<number | undefined>;
  /** Votes, comments, reactions, profiles, proposals, responses and meetings of a consultation. */
  consultationItems(
    consultationId: string,
    commitmentIds: readonly string[],
    options?: SummarySourceOptions,
  ): AsyncIterable<Record<string, unknown>>;
  /** The comments and reactions of one commitment (the Polis export). */
  commitmentItems(commitmentId: string, options?: SummarySourceOptions): AsyncIterable<Record<string, unknown>>;
}

/** The attributes the summary reads (docs/summaries.md). Never IP hashes, tokens, receipts or registration numbers. */
const SUMMARY_ATTRIBUTES = [
  'type',
  'pk',
  'id',
  'participantId',
  'consultationId',
  'commitmentId',
  'sectionId',
  'parentId',
  'choice',
  'createdAt',
  'updatedAt',
  'stakeholderType',
  'municipality',
  'ageBand',
  'body',
  'displayName',
  'status',
  'agree',
  'disagree',
  'pass',
  'replyCount',
  'responseId',
  'importedFrom',
  'commentId',
  'reaction',
  'kind',
  'organisation',
  'title',
  'visibility',
  'contributions',
  'disposition',
  'mergedInto',
  'justification',
  'date',
  'participantCount',
] as const;

const MAX_PAGES_PER_SEGMENT = 2;

/** `pageSize` caps the items DynamoDB examines per page (tests use it to see progress page by page); default 1 MB pages. */
export function createDynamoSummarySource(
  client: DynamoDBDocumentClient,
  tableName: string,
  { pageSize }: { pageSize?: number } = {},
): SummarySource {
  const limit = pageSize !== undefined ? { Limit: pageSize } : {};
  return {
    async estimateTotal() {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      return Table?.ItemCount;
    },

    consultationItems(consultationId, commitmentIds, options = {}) {
      const values: Record<string, unknown> = {
        ':vote': 'VOTE',
        ':reaction': 'REACTION',
        ':comment': 'COMMENT',
        ':proposal': 'PROPOSAL',
        ':meeting': 'MEETING',
        ':profile': 'PROFILE',
        ':response': 'RESPONSE',
        ':consultation': consultationId,
      };
      const commitments = commitmentIds.map((id, i) => {
        values[`:c${i}`] = id;
        return `:c${i}`;
      });
      const inCommitments = commitments.length > 0 ? `#commitmentId IN (${commitments.join(', ')})` : 'false';
      const filter = [
        // Votes and reactions are found by commitment: older votes and every reaction carry no consultation id.
        commitments.length > 0 ? `(#type IN (:vote, :reaction) AND ${inCommitments})` : undefined,
        '(#type IN (:comment, :proposal, :meeting) AND #consultationId = :consultation)',
        // Responses name their contributions; the summary keeps the ones of this consultation.
        '(#type = :response AND (attribute_not_exists(#consultationId) OR #consultationId = :consultation))',
        '#type = :profile',
      ]
        .filter((part) => part !== undefined)
        .join(' OR ');
      const attributes = [...SUMMARY_ATTRIBUTES, ...(options.includeContacts ? ['contact'] : [])];
      return parallelScan(client, { ...scanInput(tableName, filter, values, attributes), ...limit }, options);
    },

    commitmentItems(commitmentId, options = {}) {
      const filter = '#type IN (:comment, :reaction) AND #commitmentId = :commitment';
      const values = { ':comment': 'COMMENT', ':reaction': 'REACTION', ':commitment': commitmentId };
      return parallelScan(
        client,
        { ...scanInput(tableName, filter, values, [...SUMMARY_ATTRIBUTES]), ...limit },
        options,
      );
    },
  };
}

function scanInput(
  tableName: string,
  filter: string,
  values: Record<string, unknown>,
  attributes: readonly string[],
): ScanCommandInput {
  const names: Record<string, string> = {};
  const projection = attributes.map((name) => {
    names[`#${name}`] = name;
    return `#${name}`;
  });
  return {
    TableName: tableName,
    FilterExpression: filter,
    ProjectionExpression: projection.join(', '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * A parallel Scan as one stream of items. Each segment fetches its next page only while fewer than two of its pages
 * wait, so a slow consumer holds the readers back instead of filling memory. Stopping the stream stops the readers.
 */
async function* parallelScan(
  client: DynamoDBDocumentClient,
  input: ScanCommandInput,
  { segments = 4, onProgress }: SummarySourceOptions,
): AsyncGenerator<Record<string, unknown>> {
  const pages: Record<string, unknown>[][] = [];
  const progress: ScanProgress = { scanned: 0, returned: 0 };
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let wakeConsumer: (() => void) | undefined;
  const wakeReaders: (() => void)[] = [];
  const notifyConsumer = () => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };

  const reader = async (segment: number) => {
    let start: Record<string, unknown> | undefined;
    do {
      while (pages.length >= MAX_PAGES_PER_SEGMENT * segments && !stopped) {
        await new Promise<void>((resolve) => wakeReaders.push(resolve));
      }
      if (stopped) return;
      const page = await client.send(
        new ScanCommand({
          ...input,
          Segment: segment,
          TotalSegments: segments,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      progress.scanned += page.ScannedCount ?? 0;
      progress.returned += page.Count ?? 0;
      onProgress?.({ ...progress });
      if (page.Items && page.Items.length > 0) pages.push(page.Items);
      notifyConsumer();
      start = page.LastEvaluatedKey;
    } while (start);
  };

  const readers = Promise.all(
    Array.from({ length: segments }, (_, segment) =>
      reader(segment).catch((error: unknown) => {
        failure ??= error;
        stopped = true;
      }),
    ),
  ).then(() => {
    finished = true;
    notifyConsumer();
  });

  try {
    while (true) {
      if (failure !== undefined) throw failure;
      const page = pages.shift();
      if (page) {
        for (const resolve of wakeReaders.splice(0)) resolve();
        yield* page;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
    if (failure !== undefined) throw failure;
  } finally {
    stopped = true;
    for (const resolve of wakeReaders.splice(0)) resolve();
    await readers;
  }
}
