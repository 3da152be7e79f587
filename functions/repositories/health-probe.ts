import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/keys.ts';
import type { HealthProbe } from '#shared/ports.ts';

/** A single GetItem on a fixed key: proves the table answers, with only dynamodb:GetItem. */
export function createDynamoHealthProbe(client: DynamoDBDocumentClient, tableName: string): HealthProbe {
  return {
    async ping() {
      await client.send(new GetCommand({ TableName: tableName, Key: keys.health() }));
    },
  };
}
