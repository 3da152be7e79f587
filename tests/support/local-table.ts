import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { localClientConfig } from '../../local/dynamodb-local.ts';
import { assertLocalEndpoint } from '../../local/endpoint-guard.ts';
import { ensureTable } from '../../local/table.ts';

export type TestTable = {
  endpoint: string;
  tableName: string;
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  drop: () => Promise<void>;
};

/** A fresh table with a random name on the run's DynamoDB Local; refuses any endpoint that is not local. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = assertLocalEndpoint(inject('dynamoEndpoint'));
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, ...localClientConfig(), maxAttempts: 3 });
  await ensureTable(client, tableName);
  return {
    endpoint,
    tableName,
    client,
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
