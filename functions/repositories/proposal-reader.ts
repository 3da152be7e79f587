import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ValidationError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { PUBLIC_PROPOSAL_ATTRIBUTES, type PublicProposalItem } from '#shared/proposals.ts';
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

/** The public list on gsi1 `CONSULTATION#<id>#PROPOSALS#approved` (docs/data-model.md, pattern 16). */
export function createDynamoProposalReader(client: DynamoDBDocumentClient, tableName: string): ProposalReader {
  return {
    async approved(consultationId, { limit, cursor }) {
      const partition = indexKeys.proposalsByStatus(consultationId, 'approved');
      const start = cursor === undefined ? undefined : decodeCursor(cursor, partition);
      // One item more than the page shows whether another page follows, so the last page carries no cursor.
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#partition = :partition',
          ExpressionAttributeNames: { ...NAMES, '#partition': GSI1.partitionKey },
          ExpressionAttributeValues: { ':partition': partition },
          ProjectionExpression: Object.keys(NAMES).join(', '),
          ScanIndexForward: false,
          Limit: limit + 1,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const found = output.Items ?? [];
      const items = found.slice(0, limit);
      const last = found.length > limit ? items.at(-1) : output.LastEvaluatedKey;
      return { items: items as PublicProposalItem[], ...(last ? { nextCursor: encodeCursor(last) } : {}) };
    },
  };
}
