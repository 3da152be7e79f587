import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { localClientConfig } from '../../local/dynamodb-local.ts';
import { assertLocalEndpoint } from '../../local/endpoint-guard.ts';
import { ensureTable } from '../../local/table.ts';

export type TestTable = {
  endpoint: string;
  tableName: string;
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  /** Every item in the table (tests only: a Scan is fine on a small test table). */
  countItems: () => Promise<number>;
  drop: () => Promise<void>;
};

/** A fresh table with a random name on the run's DynamoDB Local; refuses any endpoint that is not local. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = assertLocalEndpoint(inject('dynamoEndpoint'));
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, ...localClientConfig(), maxAttempts: 3 });
  await ensureTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint,
    tableName,
    client,
    documents,
    countItems: async () => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    },
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
