import {
  POLIS_COMMENT_COLUMNS,
  POLIS_VOTE_COLUMNS,
  parsePolisOrigin,
  polisCsv,
  polisDatetime,
  polisVoterOf,
  REACTION_VOTE,
} from '#shared/summary/polis.ts';
import type { SummarySource } from '../repositories/summary-source.ts';

/*
 * A commitment's comments and reactions in Polis's open-data format (comments.csv and votes.csv with Polis's v1
 * columns), for `npm run export-polis` and the console's summary job (docs/summaries.md, "Polis").
 */

type Row = Record<string, unknown>;

export type PolisExport = {
  commentsCsv: string;
  votesCsv: string;
  /** Konsulto comment id → Polis comment number. */
  commentNumbers: Map<string, number>;
  /** Participant id → voter number (in memory only: never written). */
  voterNumbers: Map<string, number>;
};

const MODERATED: Record<string, number> = { published: 1, hidden: -1, deleted: -1, pending: 0 };

/** Numbers for ids: the Polis numbers where every known one comes from the same conversation, then the rest after. */
function numbering<T>(
  entries: readonly T[],
  idOf: (e: T) => string,
  polisNumberOf: (e: T) => { conversationId: string; n: number } | undefined,
): Map<string, number> {
  const numbers = new Map<string, number>();
  const known = entries.map(polisNumberOf);
  const conversations = new Set(known.filter((k) => k !== undefined).map((k) => k.conversationId));
  const used = new Set<number>();
  if (conversations.size === 1) {
    entries.forEach((e, i) => {
      const k = known[i];
      if (k && !used.has(k.n)) {
        numbers.set(idOf(e), k.n);
        used.add(k.n);
      }
    });
  }
  let next = used.size === 0 ? 0 : Math.max(...used) + 1;
  for (const e of entries) if (!numbers.has(idOf(e))) numbers.set(idOf(e), next++);
  return numbers;
}

export async function exportPolis(
  source: SummarySource,
  target: { consultationId: string; commitmentId: string },
  onProgress?: (scanned: number) => void,
): Promise<PolisExport> {
  const comments: Row[] = [];
  const reactions: Row[] = [];
  for await (const item of source.commitmentItems(target.commitmentId, {
    onProgress: (p) => onProgress?.(p.scanned),
  })) {
    if (item.type === 'COMMENT' && item.consultationId === target.consultationId) comments.push(item);
    else if (item.type === 'REACTION') reactions.push(item);
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  comments.sort((a, b) =>
    str(a.createdAt) < str(b.createdAt) ? -1 : str(a.createdAt) > str(b.createdAt) ? 1 : str(a.id) < str(b.id) ? -1 : 1,
  );

  const commentNumbers = numbering(
    comments,
    (c) => str(c.id),
    (c) => {
      const origin = parsePolisOrigin(str(c.importedFrom));
      return origin ? { conversationId: origin.conversationId, n: origin.commentId } : undefined;
    },
  );
  const conversation = [
    ...new Set(
      comments.map((c) => parsePolisOrigin(str(c.importedFrom))?.conversationId).filter((c) => c !== undefined),
    ),
  ];

  // Participants: authors and reactors, by first activity.
  const firstSeen = new Map<string, string>();
  const see = (id: string, at: string) => {
    const seen = firstSeen.get(id);
    if (seen === undefined || at < seen) firstSeen.set(id, at);
  };
  for (const c of comments) if (str(c.participantId) !== '') see(str(c.participantId), str(c.createdAt));
  for (const r of reactions) see(str(r.participantId), str(r.createdAt));
  const participants = [...firstSeen.entries()]
    .sort(([a, x], [b, y]) => (x < y ? -1 : x > y ? 1 : a < b ? -1 : 1))
    .map(([id]) => id);
  const voterNumbers = numbering(
    participants,
    (id) => id,
    (id) => {
      const only = conversation.length === 1 ? conversation[0] : undefined;
      const n = only === undefined ? undefined : polisVoterOf(only, id);
      return n === undefined || only === undefined ? undefined : { conversationId: only, n };
    },
  );

  const counts = new Map<string, { agrees: number; disagrees: number }>();
  const voteRows: (string | number)[][] = [];
  for (const r of reactions) {
    const commentId = str(r.commentId);
    const number = commentNumbers.get(commentId);
    const vote = REACTION_VOTE[str(r.reaction)];
    if (number === undefined || vote === undefined) continue;
    const c = counts.get(commentId) ?? { agrees: 0, disagrees: 0 };
    if (vote === 1) c.agrees++;
    if (vote === -1) c.disagrees++;
    counts.set(commentId, c);
    const ms = Date.parse(str(r.updatedAt) || str(r.createdAt));
    voteRows.push([ms, polisDatetime(ms), number, voterNumbers.get(str(r.participantId)) as number, vote]);
  }
  voteRows.sort((a, b) => (a[2] as number) - (b[2] as number) || (a[3] as number) - (b[3] as number));

  const commentRows = comments.map((c) => {
    const ms = Date.parse(str(c.createdAt));
    const status = str(c.status);
    const count = counts.get(str(c.id)) ?? { agrees: 0, disagrees: 0 };
    return [
      ms,
      polisDatetime(ms),
      commentNumbers.get(str(c.id)) as number,
      voterNumbers.get(str(c.participantId)) ?? -1,
      count.agrees,
      count.disagrees,
      MODERATED[status] ?? 0,
      status === 'deleted' ? '' : str(c.body),
    ];
  });
  commentRows.sort((a, b) => (a[2] as number) - (b[2] as number));

  return {
    commentsCsv: polisCsv(POLIS_COMMENT_COLUMNS, commentRows),
    votesCsv: polisCsv(POLIS_VOTE_COLUMNS, voteRows),
    commentNumbers,
    voterNumbers,
  };
}
