import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type CommentListPage,
  type CommentReader,
  PUBLIC_COMMENT_ATTRIBUTES,
  type PublicCommentItem,
} from '#shared/comments.ts';
import { ValidationError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import { TABLE } from '#shared/table.ts';

type Index = (typeof TABLE.indexes)[number];

function index(name: Index['name']): Index {
  const found = TABLE.indexes.find((i) => i.name === name);
  if (!found) throw new Error(`no index ${name}`);
  return found;
}

const GSI1 = index('gsi1');
const GSI2 = index('gsi2');
const GSI3 = index('gsi3');
const GSI4 = index('gsi4');
/** Indexes whose sort key is `agreedSortKey(count, id)` rather than the comment id. */
const AGREED_INDEXES = new Set<string>([GSI3.name, GSI4.name]);

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const ID_SORT_KEY = new RegExp(`^(${ULID})$`);
const AGREED_SORT_KEY = new RegExp(`^\\d{10}#(${ULID})$`);
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,2048}$/;

const INVALID_CURSOR = () =>
  new ValidationError([
    {
      field: 'cursor',
      message: {
        sq: 'Kursori i faqes nuk është i vlefshëm. Filloni nga faqja e parë.',
        en: 'The page cursor is not valid. Start again from the first page.',
      },
    },
  ]);

/**
 * The position of a page in one list: exactly the keys DynamoDB returns as LastEvaluatedKey for that index and
 * partition (table keys and index keys of the last comment), so a cursor of another list, index or shape is refused.
 */
function cursorSchema(idx: Index, partition: string) {
  const sortPattern = AGREED_INDEXES.has(idx.name) ? AGREED_SORT_KEY : ID_SORT_KEY;
  return z
    .strictObject({
      pk: z.string().max(40),
      sk: z.literal('COMMENT'),
      [idx.partitionKey]: z.literal(partition),
      [idx.sortKey]: z.string().regex(sortPattern),
    })
    .refine((key) => {
      const commentId = sortPattern.exec(String(key[idx.sortKey]))?.[1];
      return commentId !== undefined && key.pk === keys.comment(commentId).pk;
    });
}

function decodeCursor(cursor: string, idx: Index, partition: string): Record<string, string> {
  if (!CURSOR_TEXT.test(cursor)) throw INVALID_CURSOR();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw INVALID_CURSOR();
  }
  const parsed = cursorSchema(idx, partition).safeParse(decoded);
  if (!parsed.success) throw INVALID_CURSOR();
  return parsed.data as Record<string, string>;
}

function encodeCursor(item: Record<string, unknown>, idx: Index): string {
  const key = {
    pk: item.pk,
    sk: item.sk,
    [idx.partitionKey]: item[idx.partitionKey],
    [idx.sortKey]: item[idx.sortKey],
  };
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A projection of these attributes, each aliased (several are reserved words) and named once. */
function projection(attributes: readonly string[]) {
  const names = Object.fromEntries([...new Set(attributes)].map((name, i) => [`#a${i}`, name]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

/** The public reader loads only the public attributes: never participant ids, report counts or queue keys. */
const PUBLIC_PROJECTION = projection(PUBLIC_COMMENT_ATTRIBUTES);

/**
 * The public comment lists on the sparse thread indexes (docs/data-model.md, pattern 7 and 8): only published and
 * deleted-after-publication comments carry their keys, so a Query never meets a hidden or pending comment.
 */
export function createDynamoCommentReader(client: DynamoDBDocumentClient, tableName: string): CommentReader {
  async function page(
    idx: Index,
    partition: string,
    forward: boolean,
    limit: number,
    cursor: string | undefined,
  ): Promise<CommentListPage> {
    const exclusiveStartKey = cursor === undefined ? undefined : decodeCursor(cursor, idx, partition);
    // The table and index keys of the last item make the next page's cursor.
    const { ProjectionExpression, ExpressionAttributeNames } = projection([
      ...PUBLIC_COMMENT_ATTRIBUTES,
      'pk',
      'sk',
      idx.partitionKey,
      idx.sortKey,
    ]);
    // One item more than the page shows whether another page follows, so the last page carries no cursor.
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: idx.name,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { ...ExpressionAttributeNames, '#partition': idx.partitionKey },
        ExpressionAttributeValues: { ':partition': partition },
        ProjectionExpression,
        ScanIndexForward: forward,
        Limit: limit + 1,
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    const found = output.Items ?? [];
    const items = found.slice(0, limit);
    const last = found.length > limit ? items.at(-1) : output.LastEvaluatedKey;
    return {
      items: items as PublicCommentItem[],
      ...(last ? { nextCursor: encodeCursor(last, idx) } : {}),
    };
  }

  return {
    thread({ commitmentId, sectionId, sort, limit, cursor }) {
      const partition =
        sectionId === undefined
          ? indexKeys.commitmentThread(commitmentId)
          : indexKeys.sectionThread(commitmentId, sectionId);
      const idx = sort === 'agreed' ? (sectionId === undefined ? GSI3 : GSI4) : sectionId === undefined ? GSI1 : GSI2;
      return page(idx, partition, false, limit, cursor);
    },

    replies(parentId, { limit, cursor }) {
      return page(GSI1, indexKeys.replies(parentId), true, limit, cursor);
    },

    async find(commentId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.comment(commentId),
          ...PUBLIC_PROJECTION,
        }),
      );
      return Item as PublicCommentItem | undefined;
    },
  };
}
