import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The AWS clients, created once per execution environment. In Lambda the region and credentials come from the
 * runtime; the local runtime and tests point DYNAMODB_ENDPOINT at DynamoDB Local.
 */
export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The S3 client of the uploads bucket (proposals function only; region and credentials from the runtime). */
export function createS3Client(): S3Client {
  return new S3Client({ maxAttempts: 3 });
}

/** The Lambda client that starts summary jobs (staff function only). */
export function createLambdaClient(): LambdaClient {
  return new LambdaClient({ maxAttempts: 3 });
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
