import type { LocalizedText } from '../schemas/common.ts';
import type { DISPOSITIONS } from '../schemas/response.ts';

/*
 * What the summary function reads: the table's items as stored (docs/data-model.md), in any order, and the content
 * (consultation, commitments, meetings) from the catalog and the content files. Every field the function does not
 * need is optional, and items it does not know are skipped, so the same function reads what issue 6 adds later.
 */

export type Disposition = (typeof DISPOSITIONS)[number];

/** PARTICIPANT#<id> / VOTE#<commitmentId>. Profile fields may be copied onto the vote (the demo seed does). */
export type VoteItem = {
  type: 'VOTE';
  participantId: string;
  commitmentId: string;
  choice: string;
  createdAt?: string;
  updatedAt?: string;
  stakeholderType?: string;
  municipality?: string;
  ageBand?: string;
};

/** COMMENT#<id> / COMMENT (comments and replies). */
export type CommentItemInput = {
  type: 'COMMENT';
  id: string;
  consultationId: string;
  commitmentId: string;
  sectionId?: string;
  parentId?: string;
  body?: string;
  displayName?: string;
  participantId?: string;
  createdAt: string;
  status: string;
  agree?: number;
  disagree?: number;
  pass?: number;
  replyCount?: number;
  /** Set by issue 6 when a reasoned response covers the comment. */
  responseId?: string;
  importedFrom?: string;
};

/** PARTICIPANT#<id> / REACTION#<commentId>. */
export type ReactionItem = {
  type: 'REACTION';
  participantId: string;
  commentId: string;
  commitmentId: string;
  reaction: string;
  createdAt?: string;
  updatedAt?: string;
};

/** PARTICIPANT#<id> / PROFILE: what the participant declared (every field optional). */
export type ProfileItem = {
  type: 'PROFILE';
  participantId?: string;
  pk?: string;
  stakeholderType?: string;
  municipality?: string;
  ageBand?: string;
};

/** PROPOSAL#<id> / PROPOSAL (issue 4). `contact` is read only for a staff file with contacts. */
export type ProposalItemInput = {
  type: 'PROPOSAL';
  id: string;
  consultationId: string;
  kind: string;
  commitmentId?: string;
  sectionId?: string;
  organisation: { name: string; type: string; municipality: string };
  title: string;
  createdAt: string;
  status: string;
  visibility: string;
  responseId?: string;
  contact?: { name: string; email: string; phone?: string };
};

export type ContributionRefInput = { kind: string; id: string };

/** RESPONSE#<id> / RESPONSE (issue 6): one reasoned response covering one or more contributions. */
export type ResponseItemInput = {
  type: 'RESPONSE';
  id: string;
  consultationId?: string;
  contributions: ContributionRefInput[];
  disposition: Disposition;
  mergedInto?: ContributionRefInput;
  justification?: { sq: string; en?: string };
  updatedAt?: string;
};

/** A meeting record: a content file (site/src/content/meetings) or, once issue 6 adds it, a MEETING item. */
export type MeetingInput = {
  id: string;
  consultationId: string;
  title: LocalizedText;
  municipality: string;
  date: string;
  participantCount: number;
  contributions: { id: string; commitmentId?: string; text: LocalizedText }[];
};
export type MeetingItem = MeetingInput & { type: 'MEETING' };

export type SummaryItem =
  | VoteItem
  | CommentItemInput
  | ReactionItem
  | ProfileItem
  | ProposalItemInput
  | ResponseItemInput
  | MeetingItem;

export type CommitmentInfo = {
  id: string;
  order: number;
  title: LocalizedText;
  /** The commitment's section ids in reading order (the catalog's `sectionIds`). */
  sectionIds: readonly string[];
  /** Labels of the sections, when the content is at hand (milestone titles, fixed section names). */
  sectionLabels?: Readonly<Record<string, LocalizedText>>;
};

export type SummaryOptions = {
  /** Comments listed as most agreed / most divisive per commitment. Default 5. */
  top?: number;
  /** The same per section. Default 3. */
  topPerSection?: number;
  /** Key terms per language and commitment. Default 10. */
  terms?: number;
  /** Comment ids listed per key term. Default 20. */
  idsPerTerm?: number;
  /** Keep proposal contact fields (only for a staff file whose reader's role allows it). Default false. */
  includeContacts?: boolean;
};

export type SummaryContext = {
  consultation: { id: string; title: LocalizedText };
  commitments: readonly CommitmentInfo[];
  /** Meetings from the content files; MEETING items in the stream are added to them. */
  meetings?: readonly MeetingInput[];
  /** When the summary was made (ISO); passed in, so the same input always gives the same output. */
  generatedAt: string;
  options?: SummaryOptions;
};
