import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let database: DynamoDbLocal | undefined;

/** One in-memory DynamoDB Local for the whole run; each integration test file makes its own random table. */
export async function setup(project: TestProject) {
  database = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', database.endpoint);
}

export async function teardown() {
  await database?.stop();
}
