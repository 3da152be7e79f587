import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ValidationError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { type ProposalItem, PUBLIC_PROPOSAL_ATTRIBUTES, type PublicProposalItem } from '#shared/proposals.ts';
import type { ProposalVisibility } from '#shared/schemas/proposal.ts';
import { TABLE } from '#shared/table.ts';

export type ProposalListPage = {
  items: PublicProposalItem[];
  /** Opaque position after the last item; absent on the last page. */
  nextCursor?: string;
};

/** Reads the public proposal list. A malformed or foreign cursor is a ValidationError naming `cursor`. */
export interface ProposalReader {
  /** Approved proposals of a consultation, newest first, public attributes only. */
  approved(consultationId: string, page: { limit: number; cursor?: string }): Promise<ProposalListPage>;
}

/** Staff only (the staff function): every attribute of a consultation's proposals in one list, newest first. */
export interface StaffProposalReader {
  byVisibility(
    consultationId: string,
    visibility: ProposalVisibility,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: ProposalItem[]; nextCursor?: string }>;
}

const GSI1 = TABLE.indexes[0];
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,2048}$/;

const invalidCursor = () =>
  new ValidationError([
    {
      field: 'cursor',
      message: {
        sq: 'Kursori i faqes nuk është i vlefshëm. Filloni nga faqja e parë.',
        en: 'The page cursor is not valid. Start again from the first page.',
      },
    },
  ]);

/** Exactly the LastEvaluatedKey of this list (table keys and gsi1 keys of one proposal), nothing else. */
function cursorSchema(partition: string) {
  return z
    .strictObject({
      pk: z.string().max(40),
      sk: z.literal('PROPOSAL'),
      [GSI1.partitionKey]: z.literal(partition),
      [GSI1.sortKey]: z.string().regex(ULID),
    })
    .refine((key) => key.pk === keys.proposal(String(key[GSI1.sortKey])).pk);
}

function decodeCursor(cursor: string, partition: string): Record<string, string> {
  if (!CURSOR_TEXT.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema(partition).safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as Record<string, string>;
}

function encodeCursor(item: Record<string, unknown>): string {
  const key = {
    pk: item.pk,
    sk: item.sk,
    [GSI1.partitionKey]: item[GSI1.partitionKey],
    [GSI1.sortKey]: item[GSI1.sortKey],
  };
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Only these attributes leave the table on a public read: never the contact or the registration number. */
const ATTRIBUTES = [...PUBLIC_PROPOSAL_ATTRIBUTES, 'pk', 'sk', GSI1.partitionKey, GSI1.sortKey];
const NAMES = Object.fromEntries(ATTRIBUTES.map((name, i) => [`#a${i}`, name]));

/** One page of the gsi1 list `partition`, newest first; `projection` limits the attributes read. */
async function listPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  { limit, cursor }: { limit: number; cursor?: string },
  projection?: Record<string, string>,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const start = cursor === undefined ? undefined : decodeCursor(cursor, partition);
  // One item more than the page shows whether another page follows, so the last page carries no cursor.
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: GSI1.name,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { ...projection, '#partition': GSI1.partitionKey },
      ExpressionAttributeValues: { ':partition': partition },
      ...(projection ? { ProjectionExpression: Object.keys(projection).join(', ') } : {}),
      ScanIndexForward: false,
      Limit: limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const found = output.Items ?? [];
  const items = found.slice(0, limit);
  const last = found.length > limit ? items.at(-1) : output.LastEvaluatedKey;
  return { items, ...(last ? { nextCursor: encodeCursor(last) } : {}) };
}

/** The public list on gsi1 `CONSULTATION#<id>#PROPOSALS#approved` (docs/data-model.md, pattern 16). */
export function createDynamoProposalReader(client: DynamoDBDocumentClient, tableName: string): ProposalReader {
  return {
    async approved(consultationId, page) {
      const partition = indexKeys.proposalsByStatus(consultationId, 'approved');
      const { items, nextCursor } = await listPage(client, tableName, partition, page, NAMES);
      return { items: items as PublicProposalItem[], ...(nextCursor ? { nextCursor } : {}) };
    },
  };
}

/** The staff lists (pending: the moderation queue, approved, hidden) on the same gsi1 partitions, all attributes. */
export function createDynamoStaffProposalReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): StaffProposalReader {
  return {
    async byVisibility(consultationId, visibility, page) {
      const partition = indexKeys.proposalsByStatus(consultationId, visibility);
      const { items, nextCursor } = await listPage(client, tableName, partition, page);
      return { items: items as ProposalItem[], ...(nextCursor ? { nextCursor } : {}) };
    },
  };
}
