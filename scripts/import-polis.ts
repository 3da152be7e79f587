/**
 * `npm run import-polis -- <folder> --consultation <id> --commitment <id>`: imports a Polis conversation (a folder
 * with comments.csv and votes.csv of Polis's open-data export) into a commitment of the local database, through the
 * domain's write path (docs/summaries.md, "Polis"):
 * - each statement becomes a comment (shared/comments.ts newCommentItem + the comment repository), with the Polis
 *   timestamp; moderated -1 becomes hidden, 1 and 0 published (Polis showed unmoderated statements: they have votes);
 * - each Polis voter becomes a participant with a deterministic id (`polis-<conversation>-<voter>`);
 * - each voter's latest vote on a statement becomes a reaction: 1 agree, -1 disagree, 0 pass (the reaction repository's
 *   items and counter rule, up to 99 per transaction: functions/repositories/reaction-import-repository.ts).
 * Idempotent: comment ids are derived from the conversation and the statement, and reactions already stored are
 * not written again, so a second run changes nothing. Options: --catalog <catalog.json> (default: the generated one).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CommentRepository, createDynamoCommentRepository } from '#functions/repositories/comment-repository.ts';
import {
  createDynamoReactionImportRepository,
  type ImportedReaction,
  type ReactionImportRepository,
} from '#functions/repositories/reaction-import-repository.ts';
import { Catalog, type CatalogData } from '#shared/catalog.ts';
import { type CommentItem, newCommentItem } from '#shared/comments.ts';
import { indexKeys } from '#shared/keys.ts';
import { COMMENT_MAX_LENGTH } from '#shared/schemas/participation.ts';
import {
  latestVotes,
  POLIS_REACTION,
  type PolisConversation,
  type PolisVote,
  parsePolis,
  polisCommentId,
  polisOrigin,
  polisParticipantId,
} from '#shared/summary/polis.ts';
import { normaliseText } from '#shared/text.ts';
import { CATALOG_FILE } from './build-catalog.ts';
import { openLocalDatabase, progressBar } from './operator-support.ts';

export type PolisImportTarget = { consultationId: string; commitmentId: string };

export type PolisImportDeps = {
  catalog: Catalog;
  comments: CommentRepository;
  reactions: ReactionImportRepository;
  /** Writes in flight (comments, then transactions of reactions). Default 4. */
  concurrency?: number;
  onProgress?: (stage: 'comments' | 'reactions', done: number, total: number) => void;
};

export type PolisImportResult = {
  conversationId: string;
  comments: { created: number; present: number; skipped: number; hidden: number };
  reactions: { written: number; unchanged: number };
  participants: number;
};

export async function readPolisFolder(folder: string): Promise<PolisConversation> {
  const read = (name: string) => readFile(path.join(folder, name), 'utf8');
  const summary = await read('summary.csv').catch(() => undefined);
  return parsePolis(
    { comments: await read('comments.csv'), votes: await read('votes.csv'), ...(summary ? { summary } : {}) },
    path.basename(path.resolve(folder)),
  );
}

/** The comment item of a Polis statement, as the comment repository stores it. */
export function polisCommentItem(
  conversation: Pick<PolisConversation, 'conversationId'>,
  statement: PolisConversation['comments'][number],
  target: PolisImportTarget,
): CommentItem | undefined {
  const body = normaliseText(statement.body);
  if (body === '' || [...body].length > COMMENT_MAX_LENGTH) return undefined;
  const id = polisCommentId(conversation.conversationId, statement);
  const hidden = statement.moderated === -1;
  const item = newCommentItem({
    id,
    consultationId: target.consultationId,
    commitmentId: target.commitmentId,
    body,
    participantId: polisParticipantId(conversation.conversationId, statement.authorId),
    createdAt: new Date(statement.timestamp).toISOString(),
    // A rejected statement waits nowhere: it is hidden, in the moderators' "hidden" list, like a comment hidden there.
    status: hidden ? 'pending' : 'published',
  });
  const origin = { importedFrom: polisOrigin(conversation.conversationId, statement.id) };
  return hidden
    ? {
        ...item,
        ...origin,
        status: 'hidden',
        gsi5pk: indexKeys.moderationQueue(target.consultationId, 'hidden'),
        gsi5sk: id,
      }
    : { ...item, ...origin };
}

export async function importPolis(
  conversation: PolisConversation,
  target: PolisImportTarget,
  deps: PolisImportDeps,
): Promise<PolisImportResult> {
  const commitment = deps.catalog.commitment(target.commitmentId);
  if (commitment.consultationId !== target.consultationId) {
    throw new Error(
      `Commitment "${target.commitmentId}" belongs to "${commitment.consultationId}", not "${target.consultationId}".`,
    );
  }
  const result: PolisImportResult = {
    conversationId: conversation.conversationId,
    comments: { created: 0, present: 0, skipped: 0, hidden: 0 },
    reactions: { written: 0, unchanged: 0 },
    participants: 0,
  };

  // Statements, oldest first.
  const statements = [...conversation.comments].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  const imported = new Map<number, string>();
  const items = statements.map((statement) => {
    const item = polisCommentItem(conversation, statement, target);
    if (item) imported.set(statement.id, item.id);
    else result.comments.skipped++;
    if (item?.status === 'hidden') result.comments.hidden++;
    return item;
  });
  const queue = items.filter((item) => item !== undefined);
  let done = result.comments.skipped;
  const create = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (await deps.comments.find(item.id)) result.comments.present++;
      else {
        await deps.comments.create(item);
        result.comments.created++;
      }
      deps.onProgress?.('comments', ++done, statements.length);
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency ?? 4 }, create));

  // Each voter's latest vote, per statement.
  const byComment = new Map<number, PolisVote[]>();
  const people = new Set<number>(statements.map((s) => s.authorId));
  for (const vote of latestVotes(conversation.votes)) {
    if (!imported.has(vote.commentId)) continue;
    people.add(vote.voterId);
    const list = byComment.get(vote.commentId) ?? [];
    list.push(vote);
    byComment.set(vote.commentId, list);
  }
  result.participants = people.size;
  const total = [...byComment.values()].reduce((n, votes) => n + votes.length, 0);
  const reactions = [...byComment.entries()].map(([polisId, votes]) => ({
    commentId: imported.get(polisId) as string,
    reactions: votes.map(
      (vote): ImportedReaction => ({
        participantId: polisParticipantId(conversation.conversationId, vote.voterId),
        reaction: POLIS_REACTION[String(vote.vote)] as ImportedReaction['reaction'],
        at: new Date(vote.timestamp).toISOString(),
      }),
    ),
  }));
  result.reactions = await deps.reactions.setReactions(target.commitmentId, reactions, {
    concurrency: deps.concurrency ?? 4,
    onProgress: (done) => deps.onProgress?.('reactions', done, total),
  });
  return result;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      consultation: { type: 'string' },
      commitment: { type: 'string' },
      catalog: { type: 'string', default: CATALOG_FILE },
    },
  });
  const folder = positionals[0];
  if (!folder || !values.consultation || !values.commitment) {
    throw new Error('Usage: npm run import-polis -- <folder> --consultation <id> --commitment <id>');
  }
  const catalogData = JSON.parse(
    await readFile(values.catalog, 'utf8').catch(() => {
      throw new Error(`No catalog at ${values.catalog}: run npm run build:catalog first.`);
    }),
  ) as CatalogData;
  const conversation = await readPolisFolder(folder);
  const database = await openLocalDatabase({ create: true });
  const bars = { comments: progressBar('Statements'), reactions: progressBar('Votes') };
  try {
    const result = await importPolis(
      conversation,
      { consultationId: values.consultation, commitmentId: values.commitment },
      {
        catalog: new Catalog(catalogData),
        comments: createDynamoCommentRepository(database.documents, database.tableName),
        reactions: createDynamoReactionImportRepository(database.documents, database.tableName),
        onProgress: (stage, done, total) => bars[stage].update(done, total, done === total),
      },
    );
    bars.reactions.done('done');
    const c = result.comments;
    console.log(
      `Polis conversation ${result.conversationId} -> ${values.consultation}/${values.commitment}: ` +
        `${c.created} comments created, ${c.present} already there, ${c.skipped} skipped (empty or too long), ${c.hidden} hidden; ` +
        `${result.reactions.written} reactions written, ${result.reactions.unchanged} unchanged; ${result.participants} participants.`,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`import-polis: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
