import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { cookieSecret } from '../commons/secrets.ts';
import { createDynamoCommentRepository } from '../repositories/comment-repository.ts';
import { createDynamoParticipantRepository } from '../repositories/participant-repository.ts';
import { createDynamoRateLimiter } from '../repositories/rate-limiter.ts';
import { createDynamoReactionRepository } from '../repositories/reaction-repository.ts';
import { createDynamoVoteRepository } from '../repositories/vote-repository.ts';
import { commentActions } from './comments.ts';
import { meActions } from './me.ts';
import { createParticipationHandler, pipelineDepsFromEnv } from './pipeline.ts';
import { reactionActions } from './reactions.ts';
import { reportActions } from './reports.ts';
import { voteActions } from './votes.ts';

/** Lambda entry of the participation function (citizen writes and the participant's own data): wiring only. */
const client = createDocumentClient();
const tableName = requiredEnv('TABLE_NAME');

const pipeline = pipelineDepsFromEnv(cookieSecret, createDynamoRateLimiter(client, tableName));

export const handler = createParticipationHandler(pipeline, {
  ...voteActions({ catalog, votes: createDynamoVoteRepository(client, tableName) }),
  ...commentActions({ catalog, comments: createDynamoCommentRepository(client, tableName) }),
  ...reportActions({ comments: createDynamoCommentRepository(client, tableName) }),
  ...reactionActions({ catalog, reactions: createDynamoReactionRepository(client, tableName) }),
  ...meActions({
    participants: createDynamoParticipantRepository(client, tableName),
    secureCookies: pipeline.secureCookies,
  }),
});
