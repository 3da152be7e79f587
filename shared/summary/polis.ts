import { csvLine, parseCsvRecords } from './csv.ts';

/*
 * Polis interoperability, the pure part: reading a Polis open-data export (comments.csv, votes.csv, summary.csv, see
 * tests/fixtures/polis/FORMAT.md), the deterministic Konsulto ids of what is imported, and writing a commitment back
 * in Polis's format. The database side is scripts/import-polis.ts and scripts/export-polis.ts.
 *
 * Vote sign: in the open-data export 1 = agree, -1 = disagree, 0 = pass (Polis's database stores agree as -1; its
 * export flips it). Checked on the fixtures: with 1 = agree the latest votes give exactly the agree counts of
 * participants-votes.csv for every comment.
 */

export type PolisComment = {
  id: number;
  authorId: number;
  timestamp: number;
  agrees: number;
  disagrees: number;
  /** 1 accepted, -1 rejected (hidden), 0 not moderated. */
  moderated: number;
  body: string;
};

export type PolisVote = { commentId: number; voterId: number; timestamp: number; vote: -1 | 0 | 1 };

export type PolisConversation = {
  /** From summary.csv's url (https://pol.is/<id>), else the folder name; used in every derived id. */
  conversationId: string;
  comments: PolisComment[];
  /** Every row of votes.csv, vote changes included. */
  votes: PolisVote[];
};

export const POLIS_REACTION: Record<string, 'agree' | 'disagree' | 'pass'> = {
  '1': 'agree',
  '-1': 'disagree',
  '0': 'pass',
};
export const REACTION_VOTE: Record<string, -1 | 0 | 1> = { agree: 1, disagree: -1, pass: 0 };

function int(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n))
    throw new Error(`Polis: ${what} is not an integer: "${value}"`);
  return n;
}

/** A conversation id safe inside keys and ids: lower case letters, digits, dots and hyphens. */
export function conversationIdFrom(summaryCsv: string | undefined, folderName: string): string {
  if (summaryCsv) {
    const url = summaryCsv.split(/\r?\n/).find((line) => line.startsWith('url,'));
    const match = url?.match(/pol\.is\/([A-Za-z0-9]+)/);
    if (match?.[1]) return match[1].toLowerCase();
  }
  const safe = folderName
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (safe === '') throw new Error('Polis: cannot derive a conversation id; name the folder or add summary.csv');
  return safe;
}

/** Reads comments.csv (v1 or v2 columns) and votes.csv. */
export function parsePolis(
  files: { comments: string; votes: string; summary?: string },
  folderName: string,
): PolisConversation {
  const comments = parseCsvRecords(files.comments).map((r) => ({
    id: int(r['comment-id'], 'comment-id'),
    authorId: int(r['author-id'], 'author-id'),
    timestamp: int(r.timestamp, 'timestamp'),
    agrees: int(r.agrees, 'agrees'),
    disagrees: int(r.disagrees, 'disagrees'),
    moderated: int(r.moderated, 'moderated'),
    body: r['comment-body'] ?? '',
  }));
  const votes = parseCsvRecords(files.votes).map((r) => {
    const vote = int(r.vote, 'vote');
    if (vote !== 1 && vote !== -1 && vote !== 0) throw new Error(`Polis: vote must be 1, -1 or 0: ${vote}`);
    return {
      commentId: int(r['comment-id'], 'comment-id'),
      voterId: int(r['voter-id'], 'voter-id'),
      timestamp: int(r.timestamp, 'timestamp'),
      vote: vote as -1 | 0 | 1,
    };
  });
  return { conversationId: conversationIdFrom(files.summary, folderName), comments, votes };
}

/** Each voter's latest vote per comment (largest timestamp; on a tie the later row), by comment then voter. */
export function latestVotes(votes: readonly PolisVote[]): PolisVote[] {
  const latest = new Map<string, PolisVote>();
  for (const vote of votes) {
    const key = `${vote.commentId}:${vote.voterId}`;
    const current = latest.get(key);
    if (!current || vote.timestamp >= current.timestamp) latest.set(key, vote);
  }
  return [...latest.values()].sort((a, b) => a.commentId - b.commentId || a.voterId - b.voterId);
}

/** Agree / disagree / pass counts of each comment from the latest votes. */
export function tallyLatest(
  votes: readonly PolisVote[],
): Map<number, { agree: number; disagree: number; pass: number }> {
  const counts = new Map<number, { agree: number; disagree: number; pass: number }>();
  for (const vote of latestVotes(votes)) {
    const c = counts.get(vote.commentId) ?? { agree: 0, disagree: 0, pass: 0 };
    c[POLIS_REACTION[String(vote.vote)] as 'agree' | 'disagree' | 'pass']++;
    counts.set(vote.commentId, c);
  }
  return counts;
}

/* ---- deterministic ids ---- */

/** The participant id of a Polis voter: readable, stable, and no ULID, so it never collides with a real participant. */
export function polisParticipantId(conversationId: string, voterId: number): string {
  return `polis-${conversationId}-${voterId}`;
}

/** The voter number back from a participant id made by polisParticipantId, if it is one of this conversation. */
export function polisVoterOf(conversationId: string, participantId: string): number | undefined {
  const prefix = `polis-${conversationId}-`;
  if (!participantId.startsWith(prefix)) return undefined;
  const n = Number(participantId.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function polisOrigin(conversationId: string, commentId: number): string {
  return `polis:${conversationId}:${commentId}`;
}

export function parsePolisOrigin(
  origin: string | undefined,
): { conversationId: string; commentId: number } | undefined {
  const match = origin?.match(/^polis:([a-z0-9.-]+):(\d+)$/);
  return match ? { conversationId: match[1] as string, commentId: Number(match[2]) } : undefined;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** FNV-1a over the text with a seed, then murmur3's finaliser so that every input bit moves every output bit. */
function fnv(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * A ULID made from a time and a name: the time part is the Polis timestamp (so "newest first" keeps Polis's order),
 * the 80 random bits come from hashes of the name, so the same comment always gets the same id.
 */
export function deterministicUlid(timeMs: number, name: string): string {
  let time = '';
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let bits = '';
  for (let seed = 1; bits.length < 80; seed++)
    bits += fnv(name, seed * 0x9e3779b1)
      .toString(2)
      .padStart(32, '0');
  let random = '';
  for (let i = 0; i < 80; i += 5) random += CROCKFORD[Number.parseInt(bits.slice(i, i + 5), 2)];
  return time + random;
}

export function polisCommentId(conversationId: string, comment: Pick<PolisComment, 'id' | 'timestamp'>): string {
  return deterministicUlid(comment.timestamp, polisOrigin(conversationId, comment.id));
}

/* ---- writing Polis's format ---- */

export const POLIS_COMMENT_COLUMNS = [
  'timestamp',
  'datetime',
  'comment-id',
  'author-id',
  'agrees',
  'disagrees',
  'moderated',
  'comment-body',
] as const;
export const POLIS_VOTE_COLUMNS = ['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'] as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Polis's human date, in UTC: "Tue Aug 30 10:21:58 UTC 2016". */
export function polisDatetime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * A Polis CSV file: plain UTF-8 without BOM and LF line ends like Polis's own, RFC 4180 quoting, and text cells that
 * would start a formula prefixed with a quote (the same rule as every Konsulto CSV).
 */
export function polisCsv(header: readonly string[], rows: Iterable<readonly (string | number)[]>): string {
  let out = csvLine(header).replace(/\r\n$/, '\n');
  for (const row of rows) out += csvLine(row).replace(/\r\n$/, '\n');
  return out;
}
