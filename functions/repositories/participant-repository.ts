import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { anonymousReaction, anonymousReport, anonymousVote, ERASED_PARTICIPANT_ID } from '#shared/erasure.ts';
import { type Key, keys } from '#shared/keys.ts';
import type { Reaction } from '#shared/reactions.ts';
import type { Me, OwnComment } from '#shared/schemas/api.ts';
import type { ParticipantProfile } from '#shared/schemas/participant.ts';
import type { VoteChoice } from '#shared/schemas/participation.ts';
import { batchGetAll } from './batch-get.ts';
import { conditionFailedAt, withOptimisticRetry } from './transactions.ts';

/** What an erasure found and changed, as counts (logged; never ids or names). */
export type ErasureSummary = {
  profile: number;
  votes: number;
  reactions: number;
  comments: number;
  reports: number;
  other: number;
};

export interface ParticipantRepository {
  /**
   * The participant's profile, votes and reactions, from their own partition, and their own comments (through the
   * pointers kept there) with the drafters' responses.
   */
  data(participantId: string): Promise<Me>;
  /** Stores the profile (replacing the previous one) or deletes it when every field is absent. */
  saveProfile(participantId: string, profile: ParticipantProfile, now: Date): Promise<ParticipantProfile>;
  /**
   * Erases the participant: profile deleted, own comments pseudonymised, votes, reactions and reports moved to a
   * random pseudonym so the counts stay exact (reports without their note), stored answers deleted; afterwards
   * nothing is left under the participant id. Idempotent.
   */
  erase(participantId: string): Promise<ErasureSummary>;
}

type Item = Record<string, unknown>;

const PROFILE_FIELDS = ['displayName', 'stakeholderType', 'municipality', 'ageBand'] as const;
/** Erasure of one participant's items runs this many transactions at a time. */
const ERASE_CONCURRENCY = 8;
/** Erasure re-reads the partition until it is empty (a write racing the erasure may land after the first read). */
const ERASE_ROUNDS = 3;
/** Tries of a BatchGet with unprocessed keys before answering 503. */
const BATCH_ATTEMPTS = 4;

/** The participant's own items (PARTICIPANT#<id>: profile, votes, reactions, pointers to own comments). */
export function createDynamoParticipantRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ParticipantRepository {
  async function partition(participantId: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.participantItemsPrefix(participantId).pk },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The comments behind the participant's pointers, newest first, each with its response once given. */
  async function ownComments(commentIds: string[]): Promise<OwnComment[]> {
    if (commentIds.length === 0) return [];
    const comments = await batchGetAll(
      client,
      tableName,
      commentIds.map((id) => keys.comment(id)),
      {
        projection: 'id, commitmentId, parentId, #body, #status, createdAt, responseId',
        names: { '#body': 'body', '#status': 'status' },
        attempts: BATCH_ATTEMPTS,
      },
    );
    const responseIds = [...new Set(comments.map((c) => c.responseId).filter((id) => typeof id === 'string'))];
    const responses = new Map(
      (
        await batchGetAll(
          client,
          tableName,
          responseIds.map((id) => keys.response(id)),
          { projection: 'id, disposition, mergedInto, justification, updatedAt', attempts: BATCH_ATTEMPTS },
        )
      ).map((r) => [String(r.id), r]),
    );
    return comments
      .map((c) => ownCommentOf(c, typeof c.responseId === 'string' ? responses.get(c.responseId) : undefined))
      .sort((a, b) => b.id.localeCompare(a.id));
  }

  async function reread(key: Key): Promise<Item | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  /**
   * Moves a vote or reaction to the pseudonym: Put the anonymous copy and Delete the original in one transaction,
   * conditioned on the original's value being the one copied, so a change racing the erasure is never lost.
   */
  async function moveToPseudonym(item: Item, field: 'choice' | 'reaction', copyOf: (item: Item) => Item) {
    const key = { pk: String(item.pk), sk: String(item.sk) };
    return withOptimisticRetry(async (attempt) => {
      const original = attempt === 0 ? item : await reread(key);
      if (!original) return false;
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: copyOf(original), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Delete: {
                TableName: tableName,
                Key: key,
                ConditionExpression: '#field = :value',
                ExpressionAttributeNames: { '#field': field },
                ExpressionAttributeValues: { ':value': original[field] },
              },
            },
          ],
        }),
      );
      return true;
    });
  }

  /** Pseudonymises one own comment (name removed, author 'erased') and deletes the pointer to it. */
  function pseudonymiseComment(participantId: string, pointer: Item): Promise<boolean> {
    const pointerDelete = { TableName: tableName, Key: { pk: String(pointer.pk), sk: String(pointer.sk) } };
    return withOptimisticRetry(async () => {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.comment(String(pointer.commentId)),
                  UpdateExpression: 'REMOVE displayName SET participantId = :erased ADD #version :one',
                  ConditionExpression: 'participantId = :participant',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':erased': ERASED_PARTICIPANT_ID,
                    ':participant': participantId,
                    ':one': 1,
                  },
                },
              },
              { Delete: pointerDelete },
            ],
          }),
        );
        return true;
      } catch (error) {
        // The comment is gone, or not the participant's: only the pointer is left to delete.
        if (!conditionFailedAt(error, 0)) throw error;
        await client.send(new DeleteCommand(pointerDelete));
        return false;
      }
    });
  }

  /**
   * Moves one own report of a comment to the pseudonym without its free-text note (the reason and date stay for the
   * moderators, the comment's report count is unchanged) and deletes the pointer to it.
   */
  function pseudonymiseReport(participantId: string, pointer: Item, pseudonym: string): Promise<boolean> {
    const commentId = String(pointer.commentId);
    const pointerDelete = { TableName: tableName, Key: { pk: String(pointer.pk), sk: String(pointer.sk) } };
    return withOptimisticRetry(async () => {
      const report = await reread(keys.report(commentId, participantId));
      if (!report) {
        await client.send(new DeleteCommand(pointerDelete));
        return false;
      }
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: tableName,
                Key: keys.report(commentId, participantId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: anonymousReport(report, commentId, pseudonym),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Delete: pointerDelete },
          ],
        }),
      );
      return true;
    });
  }

  return {
    async data(participantId) {
      const me: Me = { profile: {}, votes: [], reactions: [], comments: [] };
      const commentIds: string[] = [];
      for (const item of await partition(participantId)) {
        const kind = kindOf(item);
        if (kind === 'profile') me.profile = profileOf(item);
        else if (kind === 'vote')
          me.votes.push({ commitmentId: String(item.commitmentId), choice: item.choice as VoteChoice });
        else if (kind === 'reaction')
          me.reactions.push({ commentId: String(item.commentId), reaction: item.reaction as Reaction });
        else if (kind === 'comment') commentIds.push(String(item.commentId));
      }
      me.comments = await ownComments(commentIds);
      return me;
    },

    async saveProfile(participantId, profile, now) {
      const stored = profileOf(profile);
      const key = keys.participantProfile(participantId);
      if (Object.keys(stored).length === 0) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: key }));
      } else {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key, type: 'PROFILE', participantId, ...stored, updatedAt: now.toISOString() },
          }),
        );
      }
      return stored;
    },

    async erase(participantId) {
      const summary: ErasureSummary = { profile: 0, votes: 0, reactions: 0, comments: 0, reports: 0, other: 0 };
      for (let round = 0; round < ERASE_ROUNDS; round++) {
        const items = await partition(participantId);
        if (items.length === 0) break;
        // A pseudonym per erasure (per round: a vote cast again during the erasure never collides with its copy):
        // random, not derived from the participant id, held by nobody. Votes moved together stay one voter.
        const pseudonym = ulid();
        await forEachLimited(items, ERASE_CONCURRENCY, async (item) => {
          const kind = kindOf(item);
          if (kind === 'vote') {
            if (await moveToPseudonym(item, 'choice', (vote) => anonymousVote(vote, pseudonym))) summary.votes++;
          } else if (kind === 'reaction') {
            const copy = (reaction: Item) => anonymousReaction(reaction, pseudonym);
            if (await moveToPseudonym(item, 'reaction', copy)) summary.reactions++;
          } else if (kind === 'comment') {
            if (await pseudonymiseComment(participantId, item)) summary.comments++;
          } else if (kind === 'report') {
            if (await pseudonymiseReport(participantId, item, pseudonym)) summary.reports++;
          } else {
            // The profile, and anything else kept under the participant id: erasure leaves nothing behind.
            await client.send(
              new DeleteCommand({ TableName: tableName, Key: { pk: String(item.pk), sk: String(item.sk) } }),
            );
            summary[kind]++;
          }
        });
      }
      return summary;
    },
  };
}

/** What an item of the participant's partition is, from its sort key (docs/data-model.md). */
function kindOf(item: Item): 'profile' | 'vote' | 'reaction' | 'comment' | 'report' | 'other' {
  const sk = String(item.sk);
  if (sk === 'PROFILE') return 'profile';
  if (sk.startsWith('VOTE#')) return 'vote';
  if (sk.startsWith('REACTION#')) return 'reaction';
  if (sk.startsWith('COMMENT#')) return 'comment';
  if (sk.startsWith('REPORT#')) return 'report';
  return 'other';
}

/** An own comment as the participant sees it: text, place, status and the response (never another's data). */
function ownCommentOf(comment: Item, response: Item | undefined): OwnComment {
  return {
    id: String(comment.id),
    commitmentId: String(comment.commitmentId),
    ...(typeof comment.parentId === 'string' ? { parentId: comment.parentId } : {}),
    body: typeof comment.body === 'string' ? comment.body : '',
    status: comment.status as OwnComment['status'],
    createdAt: String(comment.createdAt),
    ...(response
      ? {
          response: {
            disposition: response.disposition as NonNullable<OwnComment['response']>['disposition'],
            ...(response.mergedInto
              ? { mergedInto: response.mergedInto as NonNullable<OwnComment['response']>['mergedInto'] }
              : {}),
            justification: response.justification as { sq: string; en?: string },
            respondedAt: String(response.updatedAt),
          },
        }
      : {}),
  };
}

/** Only the declared profile fields, without absent ones. */
function profileOf(item: Item): ParticipantProfile {
  const profile: Record<string, string> = {};
  for (const field of PROFILE_FIELDS) if (typeof item[field] === 'string') profile[field] = item[field];
  return profile as ParticipantProfile;
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
