import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { cookieSecret } from '../commons/secrets.ts';
import { createDynamoRateLimiter } from '../repositories/rate-limiter.ts';
import { createParticipationActions } from './actions.ts';
import { createParticipationHandler, pipelineDepsFromEnv } from './pipeline.ts';

/** Lambda entry of the participation function (citizen writes and the participant's own data): wiring only. */
const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');
const pipeline = pipelineDepsFromEnv(cookieSecret, createDynamoRateLimiter(client, tableName));

export const handler = createParticipationHandler(
  pipeline,
  createParticipationActions({ catalog, client, tableName, secureCookies: pipeline.secureCookies }),
);
