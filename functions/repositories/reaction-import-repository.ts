import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#shared/errors.ts';
import { agreedSortKey, type Key, keys } from '#shared/keys.ts';
import { applyReactionDeltas, type Reaction, type ReactionDeltas, reactionDeltas } from '#shared/reactions.ts';
import { withOptimisticRetry } from './transactions.ts';

/*
 * Bulk reactions for imports (Polis): the reaction repository's write, batched. The API writes one reaction per
 * transaction (the reaction item and its comment's counters); an import of 50,000 votes that way takes minutes on
 * DynamoDB Local. Here up to 100 items go into one transaction: reactions, and the counters of each comment they
 * belong to. The same items as reaction-repository.ts, the same conditions on the previous reaction, the same
 * counter rule (shared/reactions.ts), and the comment's "most agreed" keys set in the same transaction from the counts
 * read (conditioned on them; retried on conflict). Reactions already stored as given are not written again, so a
 * second import changes nothing. Unlike the API, a hidden comment can receive reactions: an import restores what
 * people did on the other platform before the statement was moderated.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

export type ImportedReaction = {
  participantId: string;
  reaction: Reaction;
  /** When the participant last reacted (ISO); stored as createdAt and updatedAt of a new reaction. */
  at: string;
};

/** One participant once per comment. */
export type CommentReactions = { commentId: string; reactions: readonly ImportedReaction[] };

export type ReactionImportResult = { written: number; unchanged: number };

export type ReactionImportOptions = {
  /** Transactions in flight. Default 4. */
  concurrency?: number;
  /** Reactions handled so far (written or found unchanged). */
  onProgress?: (done: number) => void;
};

export interface ReactionImportRepository {
  /** Sets the given participants' reactions to comments of one commitment. */
  setReactions(
    commitmentId: string,
    comments: readonly CommentReactions[],
    options?: ReactionImportOptions,
  ): Promise<ReactionImportResult>;
}

/** DynamoDB: at most 100 items per transaction (and 100 keys per BatchGetItem). */
const MAX_ITEMS = 100;

/**
 * Packs the reactions into transactions: a comment's reactions in full transactions of 99 (its own), and the rest of
 * each comment whole into shared transactions (first fit, largest first), so that only the transactions of one
 * comment depend on each other and the others can run at the same time.
 */
export function packTransactions(comments: readonly CommentReactions[]): CommentReactions[][] {
  const batches: CommentReactions[][] = [];
  const rests: CommentReactions[] = [];
  for (const { commentId, reactions } of comments) {
    let i = 0;
    for (; reactions.length - i >= MAX_ITEMS - 1; i += MAX_ITEMS - 1) {
      batches.push([{ commentId, reactions: reactions.slice(i, i + MAX_ITEMS - 1) }]);
    }
    if (i < reactions.length) rests.push({ commentId, reactions: reactions.slice(i) });
  }
  const bins: { size: number; parts: CommentReactions[] }[] = [];
  for (const part of [...rests].sort((a, b) => b.reactions.length - a.reactions.length)) {
    const size = part.reactions.length + 1;
    const bin = bins.find((b) => b.size + size <= MAX_ITEMS);
    if (bin) {
      bin.size += size;
      bin.parts.push(part);
    } else bins.push({ size, parts: [part] });
  }
  return [...batches, ...bins.map((b) => b.parts)];
}

export function createDynamoReactionImportRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): ReactionImportRepository {
  /** Consistent reads of up to 100 keys. */
  async function read(keysToRead: Key[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    let pending: Item[] = keysToRead;
    while (pending.length > 0) {
      const output = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression:
                'pk, sk, reaction, commitmentId, agree, disagree, #pass, #status, parentId, gsi3pk, gsi4pk',
              ExpressionAttributeNames: { '#pass': 'pass', '#status': 'status' },
            },
          },
        }),
      );
      for (const item of output.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = (output.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
    }
    return found;
  }

  const at = (key: Key) => `${key.pk}|${key.sk}`;

  function commentUpdate(commentId: string, comment: Item, deltas: ReactionDeltas): TransactItem {
    const before = {
      agree: Number(comment.agree ?? 0),
      disagree: Number(comment.disagree ?? 0),
      pass: Number(comment.pass ?? 0),
    };
    const after = applyReactionDeltas(before, deltas);
    const set = ['agree = :agree', 'disagree = :disagree', '#pass = :pass'];
    const values: Record<string, unknown> = {
      ':agree': after.agree,
      ':disagree': after.disagree,
      ':pass': after.pass,
      ':agree0': before.agree,
      ':disagree0': before.disagree,
      ':pass0': before.pass,
      ':one': 1,
    };
    // The "most agreed" keys of a listed top-level comment follow its agree count (reaction-repository.ts, step 2).
    if (comment.status === 'published' && comment.parentId === undefined) {
      if (comment.gsi3pk !== undefined) set.push('gsi3sk = :agreed');
      if (comment.gsi4pk !== undefined) set.push('gsi4sk = :agreed');
      if (comment.gsi3pk !== undefined || comment.gsi4pk !== undefined) {
        values[':agreed'] = agreedSortKey(after.agree, commentId);
      }
    }
    // Conditioned on the counts read, so the keys set here match the counts even with reactions racing the import.
    const unchanged = (name: string, placeholder: string, value: number) =>
      value === 0 ? `(attribute_not_exists(${name}) OR ${name} = ${placeholder})` : `${name} = ${placeholder}`;
    return {
      Update: {
        TableName: tableName,
        Key: keys.comment(commentId),
        UpdateExpression: `SET ${set.join(', ')} ADD #version :one`,
        ConditionExpression: [
          'attribute_exists(pk)',
          unchanged('agree', ':agree0', before.agree),
          unchanged('disagree', ':disagree0', before.disagree),
          unchanged('#pass', ':pass0', before.pass),
        ].join(' AND '),
        ExpressionAttributeNames: { '#pass': 'pass', '#version': 'version' },
        ExpressionAttributeValues: values,
      },
    };
  }

  function reactionWrite(commitmentId: string, commentId: string, r: ImportedReaction, previous: Reaction | undefined) {
    const key = keys.reaction(r.participantId, commentId);
    return previous === undefined
      ? {
          Put: {
            TableName: tableName,
            Item: {
              ...key,
              type: 'REACTION',
              participantId: r.participantId,
              commentId,
              commitmentId,
              reaction: r.reaction,
              createdAt: r.at,
              updatedAt: r.at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET reaction = :reaction, updatedAt = :at',
            ConditionExpression: 'reaction = :previous',
            ExpressionAttributeValues: { ':reaction': r.reaction, ':previous': previous, ':at': r.at },
          },
        };
  }

  /** One transaction: read what is stored, write only what differs, with each changed comment's counters. */
  function writeBatch(commitmentId: string, batch: readonly CommentReactions[]): Promise<ReactionImportResult> {
    return withOptimisticRetry(async () => {
      const wanted: Key[] = [];
      for (const part of batch) {
        wanted.push(keys.comment(part.commentId));
        for (const r of part.reactions) wanted.push(keys.reaction(r.participantId, part.commentId));
      }
      const stored = await read([...new Map(wanted.map((k) => [at(k), k])).values()]);
      const items: TransactItem[] = [];
      let written = 0;
      let unchanged = 0;
      const deltasByComment = new Map<string, ReactionDeltas>();
      for (const part of batch) {
        const comment = stored.get(at(keys.comment(part.commentId)));
        if (!comment || comment.commitmentId !== commitmentId) throw new NotFoundError('comment');
        const deltas = deltasByComment.get(part.commentId) ?? {};
        for (const r of part.reactions) {
          const previous = stored.get(at(keys.reaction(r.participantId, part.commentId)))?.reaction as
            | Reaction
            | undefined;
          if (previous === r.reaction) {
            unchanged++;
            continue;
          }
          for (const [counter, delta] of Object.entries(reactionDeltas(previous, r.reaction)) as [Reaction, number][]) {
            deltas[counter] = (deltas[counter] ?? 0) + delta;
          }
          items.push(reactionWrite(commitmentId, part.commentId, r, previous));
          written++;
        }
        deltasByComment.set(part.commentId, deltas);
      }
      for (const [commentId, deltas] of deltasByComment) {
        if (Object.values(deltas).some((d) => d !== 0)) {
          items.push(commentUpdate(commentId, stored.get(at(keys.comment(commentId))) as Item, deltas));
        }
      }
      if (written > 0) await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { written, unchanged };
    });
  }

  return {
    async setReactions(commitmentId, comments, { concurrency = 4, onProgress } = {}) {
      const batches = packTransactions(comments);
      const result: ReactionImportResult = { written: 0, unchanged: 0 };
      // Batches of the same comment run one after the other (each reads the counts the previous one wrote).
      const running = new Map<string, Promise<unknown>>();
      let done = 0;
      const worker = async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          const before = batch.map((part) => running.get(part.commentId));
          const current = Promise.all(before).then(() => writeBatch(commitmentId, batch));
          for (const part of batch)
            running.set(
              part.commentId,
              current.catch(() => undefined),
            );
          const outcome = await current;
          result.written += outcome.written;
          result.unchanged += outcome.unchanged;
          done += outcome.written + outcome.unchanged;
          onProgress?.(done);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return result;
    },
  };
}
