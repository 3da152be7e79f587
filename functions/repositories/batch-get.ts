import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '#shared/errors.ts';
import type { Key } from '#shared/keys.ts';

type Item = Record<string, unknown>;

export type BatchGetOptions = {
  /** Only these attributes (names in `names` where they are reserved words). */
  projection?: string;
  names?: Record<string, string>;
  /** Tries of a batch with unprocessed keys before answering 503. */
  attempts: number;
};

/**
 * Strongly consistent BatchGet of any number of keys (each key once, 100 a request), retrying unprocessed keys;
 * keys still unprocessed after `attempts` tries are a 503 (DynamoDB is throttling), never a silently short answer.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  list: readonly Key[],
  { projection, names, attempts }: BatchGetOptions,
): Promise<Item[]> {
  const found: Item[] = [];
  const unique = [...new Map(list.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Item[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending?.length && attempt < attempts; attempt++) {
      const output = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(names && Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            },
          },
        }),
      );
      found.push(...(output.Responses?.[tableName] ?? []));
      pending = output.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
    }
    if (pending?.length) throw new ServiceUnavailableError(1);
  }
  return found;
}
