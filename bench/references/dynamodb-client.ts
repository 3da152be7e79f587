/** P1/P2 reference: the DynamoDB client alone (one GetItem), bundled with the Lambda settings (TARGETS.md's anchor). */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async () => {
  const output = await client.send(
    new GetItemCommand({ TableName: 'table', Key: { pk: { S: 'pk' }, sk: { S: 'sk' } } }),
  );
  return { statusCode: 200, body: JSON.stringify(output.Item ?? {}) };
};
