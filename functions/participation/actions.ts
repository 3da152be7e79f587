import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog } from '#shared/catalog.ts';
import { createDynamoCommentRepository } from '../repositories/comment-repository.ts';
import { createDynamoParticipantRepository } from '../repositories/participant-repository.ts';
import { createDynamoReactionRepository } from '../repositories/reaction-repository.ts';
import { createDynamoVoteRepository } from '../repositories/vote-repository.ts';
import { commentActions } from './comments.ts';
import { meActions } from './me.ts';
import type { ParticipationAction } from './pipeline.ts';
import { reactionActions } from './reactions.ts';
import { reportActions } from './reports.ts';
import { voteActions } from './votes.ts';

export type ParticipationWiring = {
  catalog: Catalog;
  client: DynamoDBDocumentClient;
  tableName: string;
  secureCookies: boolean;
};

/** Every participation route on the DynamoDB repositories: used by the Lambda entry and by whole-API tests. */
export function createParticipationActions({
  catalog,
  client,
  tableName,
  secureCookies,
}: ParticipationWiring): Record<string, ParticipationAction> {
  const comments = createDynamoCommentRepository(client, tableName);
  return {
    ...voteActions({ catalog, votes: createDynamoVoteRepository(client, tableName) }),
    ...commentActions({ catalog, comments }),
    ...reportActions({ comments }),
    ...reactionActions({ catalog, reactions: createDynamoReactionRepository(client, tableName) }),
    ...meActions({ participants: createDynamoParticipantRepository(client, tableName), secureCookies }),
  };
}
