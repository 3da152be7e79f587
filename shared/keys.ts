/**
 * Key builders for every entity of the single table (see docs/data-model.md). Nothing else builds key strings.
 * Ids of content (consultation, commitment, section) are slugs; generated ids are ULIDs; neither contains '#'.
 */

export type Key = { pk: string; sk: string };

/** Vote tallies are spread over shards so a burst of votes on one commitment does not heat one partition. */
export const TALLY_SHARDS = 10;

/** FNV-1a: a stable shard for a participant, so their vote changes always touch the same shard. */
export function shardOf(value: string, shards: number = TALLY_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

export const keys = {
  tallyShard: (commitmentId: string, shard: number): Key => ({
    pk: `COMMITMENT#${commitmentId}#TALLY#${shard}`,
    sk: 'TALLY',
  }),
  allTallyShards: (commitmentId: string): Key[] =>
    Array.from({ length: TALLY_SHARDS }, (_, shard) => keys.tallyShard(commitmentId, shard)),

  participantProfile: (participantId: string): Key => ({ pk: `PARTICIPANT#${participantId}`, sk: 'PROFILE' }),
  vote: (participantId: string, commitmentId: string): Key => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `VOTE#${commitmentId}`,
  }),
  reaction: (participantId: string, commentId: string): Key => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `REACTION#${commentId}`,
  }),
  participantItemsPrefix: (participantId: string) => ({ pk: `PARTICIPANT#${participantId}` }),

  /** Points from a participant to a comment they wrote (own data, erasure): comments carry no participant index. */
  ownComment: (participantId: string, commentId: string): Key => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `COMMENT#${commentId}`,
  }),
  comment: (commentId: string): Key => ({ pk: `COMMENT#${commentId}`, sk: 'COMMENT' }),
  report: (commentId: string, participantId: string): Key => ({
    pk: `COMMENT#${commentId}`,
    sk: `REPORT#${participantId}`,
  }),
  /** Points from a participant to their report of a comment (erasure reaches the report and its note). */
  ownReport: (participantId: string, commentId: string): Key => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `REPORT#${commentId}`,
  }),

  proposal: (proposalId: string): Key => ({ pk: `PROPOSAL#${proposalId}`, sk: 'PROPOSAL' }),
  receipt: (tokenHash: string): Key => ({ pk: `RECEIPT#${tokenHash}`, sk: 'RECEIPT' }),
  /** An uploaded file waiting in quarantine to be attached to a proposal. */
  attachment: (attachmentId: string): Key => ({ pk: `ATTACHMENT#${attachmentId}`, sk: 'ATTACHMENT' }),
  response: (responseId: string): Key => ({ pk: `RESPONSE#${responseId}`, sk: 'RESPONSE' }),
  /** Whether (and when) the response report of a consultation was published. */
  responseReport: (consultationId: string): Key => ({ pk: `RESPONSE_REPORT#${consultationId}`, sk: 'REPORT' }),
  meeting: (meetingId: string): Key => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' }),
  /** A summary job of the console (status, progress, files); expires with its files. */
  summaryJob: (jobId: string): Key => ({ pk: `SUMMARY_JOB#${jobId}`, sk: 'JOB' }),
  audit: (consultationId: string, entryId: string): Key => ({ pk: `AUDIT#${consultationId}`, sk: entryId }),
  rateWindow: (scope: string, subject: string, window: number): Key => ({
    pk: `RATE#${scope}#${subject}#${window}`,
    sk: 'RATE',
  }),
  /** A stored answer, in the participant's partition so that erasure deletes it with the rest (TTL 24 h). */
  idempotency: (participantId: string, idempotencyKey: string): Key => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `IDEMPOTENCY#${idempotencyKey}`,
  }),
  seedMarker: (seedName: string): Key => ({ pk: `SEED#${seedName}`, sk: 'SEED' }),
  /** A fixed key the health check reads; it need not exist. */
  health: (): Key => ({ pk: 'HEALTH', sk: 'HEALTH' }),
};

/** Index keys (partition values); the sort values are ULIDs or zero-padded counts, see docs/data-model.md. */
export const indexKeys = {
  /** gsi1: top-level comments of a commitment, newest first. */
  commitmentThread: (commitmentId: string) => `COMMITMENT#${commitmentId}#COMMENTS`,
  /** gsi1: replies of a comment, oldest first. */
  replies: (commentId: string) => `COMMENT#${commentId}#REPLIES`,
  /** gsi1: votes of a commitment, sharded like tallies (summaries read them all). */
  commitmentVotes: (commitmentId: string, shard: number) => `COMMITMENT#${commitmentId}#VOTES#${shard}`,
  /** gsi1: proposals of a consultation by visibility (pending: the moderation queue, approved: the public list). */
  proposalsByStatus: (consultationId: string, status: string) => `CONSULTATION#${consultationId}#PROPOSALS#${status}`,
  /** gsi1: meetings of a consultation by date. */
  meetings: (consultationId: string) => `CONSULTATION#${consultationId}#MEETINGS`,
  /** gsi1: the summary jobs of a consultation, newest first (sort: the job ULID). */
  summaryJobs: (consultationId: string) => `CONSULTATION#${consultationId}#SUMMARY_JOBS`,
  /** gsi2: top-level comments of one section, newest first. */
  sectionThread: (commitmentId: string, sectionId: string) => `COMMITMENT#${commitmentId}#SECTION#${sectionId}`,
  /** gsi3 / gsi4: the same threads ordered by agreement (sort key from agreedSortKey). */
  /** gsi5: moderation queue of a consultation by state (pending, reported, hidden). */
  moderationQueue: (consultationId: string, state: string) => `CONSULTATION#${consultationId}#MODERATION#${state}`,
  /** gsi5: contributions still without a reasoned response (sort key from unansweredSortKey). */
  unanswered: (consultationId: string) => `CONSULTATION#${consultationId}#UNANSWERED`,
  /** gsi1: reasoned responses of a consultation, oldest first. */
  responses: (consultationId: string) => `CONSULTATION#${consultationId}#RESPONSES`,
};

/** Sort key for "most agreed first" listings: agree count zero-padded, then the comment's ULID as a tiebreak. */
export function agreedSortKey(agreeCount: number, commentId: string): string {
  return `${String(agreeCount).padStart(10, '0')}#${commentId}`;
}

/** Sort key in the unanswered list: by commitment, then oldest first, so one commitment is one key range. */
export function unansweredSortKey(commitmentId: string, contributionId: string): string {
  return `${commitmentId}#${contributionId}`;
}
