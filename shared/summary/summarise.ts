import { MUNICIPALITY_IDS } from '../municipalities.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '../schemas/participant.ts';
import { DISPOSITIONS } from '../schemas/response.ts';
import type {
  CommentItemInput,
  CommitmentInfo,
  Disposition,
  MeetingInput,
  ProposalItemInput,
  ReactionItem,
  ResponseItemInput,
  SummaryContext,
  VoteItem,
} from './input.ts';
import { draftParagraph } from './paragraph.ts';
import {
  type CommentRef,
  type CommitmentSummary,
  type ContributionRow,
  type Counts,
  type DayCounts,
  GENERAL_SECTION,
  type GroupCount,
  type KeyTerm,
  type MeetingRow,
  NOT_DECLARED,
  type ProposalRow,
  type ResponseRow,
  type SectionSummary,
  SUMMARY_SCHEMA_VERSION,
  type Summary,
  type VoteGroup,
} from './schema.ts';
import { type CommentLanguage, languageOf, type TermLanguage, termsOf, words } from './text.ts';

/*
 * The consultation summary as a pure function over the table's items (any order, one pass, nothing kept that the
 * result does not need): `summarise(context, items)` or, to feed items as they arrive, `createSummaryBuilder`.
 * What each figure means is in docs/summaries.md. The result depends only on the set of items and the context, never
 * on their order: everything is sorted before it is returned, ties broken by id.
 */

const ERASED = 'erased';
const TIME_ZONE = 'Europe/Tirane';
export const UNKNOWN_DAY = 'unknown';
const CHOICE_INDEX = new Map([
  ['support', 0],
  ['oppose', 1],
  ['neutral', 2],
]);
const REACTIONS = new Set(['agree', 'disagree', 'pass']);
const EXCERPT_LENGTH = 200;

/* ---- small growable typed arrays: a million votes stay a few megabytes ---- */

class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

class Flags {
  data = new Uint8Array(1024);
  set(index: number) {
    if (index >= this.data.length) {
      const bigger = new Uint8Array(Math.max(index + 1, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[index] = 1;
  }
}

/* ---- dates ---- */

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dayByHour = new Map<number, string>();

/** An instant as the canonical ISO string (`toISOString`), or undefined when it is no date. */
function canonicalInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 24 && value.charCodeAt(23) === 90 /* Z */ && value.charCodeAt(10) === 84 /* T */) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The digits at [from, to) of a canonical ISO string as a number (no string is made: this runs per item). */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** The day (Europe/Tirane) of a canonical ISO instant; cached per UTC hour. */
function dayOf(instant: string | undefined): string {
  if (instant === undefined) return UNKNOWN_DAY;
  // YYYY-MM-DDTHH as one number: 2026120110.
  const hour =
    ((digits(instant, 0, 4) * 100 + digits(instant, 5, 7)) * 100 + digits(instant, 8, 10)) * 100 +
    digits(instant, 11, 13);
  let day = dayByHour.get(hour);
  if (day === undefined) {
    day = dayFormat.format(new Date(`${instant.slice(0, 13)}:00:00Z`));
    dayByHour.set(hour, day);
  }
  return day;
}

/* ---- accumulators ---- */

type DayAcc = Omit<DayCounts, 'date'>;
const emptyDay = (): DayAcc => ({
  participants: 0,
  comments: 0,
  replies: 0,
  reactions: 0,
  votes: 0,
  proposals: 0,
  meetingContributions: 0,
});

type TermAcc = { forms: Map<string, number>; comments: number[] };

type CommentRecord = {
  id: string;
  commitment: number;
  sectionId: string;
  parentId: string | undefined;
  body: string;
  displayName: string | undefined;
  createdAt: string;
  status: string;
  agree: number;
  disagree: number;
  pass: number;
  replyCount: number;
  responseId: string | undefined;
  importedFrom: string | undefined;
  language: CommentLanguage;
};

type CommitmentAcc = {
  info: CommitmentInfo;
  index: number;
  votePeople: IntList;
  voteChoices: IntList;
  active: Flags;
  comments: number;
  replies: number;
  reactions: number;
  proposals: number;
  meetingContributions: number;
  terms: Record<TermLanguage, Map<string, TermAcc>>;
};

type ResponseInfo = {
  id: string;
  disposition: Disposition;
  mergedInto?: string;
  justification?: { sq: string; en?: string };
  updatedAt: string;
};

type ContributionKind = ResponseRow['contributionKind'];

const DEFAULTS = { top: 5, topPerSection: 3, terms: 10, idsPerTerm: 20, includeContacts: false };

export type SummaryBuilder = {
  /** Adds one item of the table; items of other consultations and unknown items are skipped. */
  add(item: unknown): void;
  /** The summary of everything added so far. */
  finish(): Summary;
};

export function createSummaryBuilder(context: SummaryContext): SummaryBuilder {
  const options = { ...DEFAULTS, ...context.options };
  const consultationId = context.consultation.id;
  const commitments: CommitmentAcc[] = [...context.commitments]
    .sort((a, b) => a.order - b.order || compare(a.id, b.id))
    .map((info, index) => ({
      info,
      index,
      votePeople: new IntList(),
      voteChoices: new IntList(),
      active: new Flags(),
      comments: 0,
      replies: 0,
      reactions: 0,
      proposals: 0,
      meetingContributions: 0,
      terms: { sq: new Map(), en: new Map() },
    }));
  const commitmentIndex = new Map(commitments.map((c) => [c.info.id, c.index]));

  // Participants: an index per id, their first activity and what they declared.
  const participantIndex = new Map<string, number>();
  const firstActivity: (string | undefined)[] = [];
  const STAKEHOLDER_CODE = codes(STAKEHOLDER_TYPES);
  const MUNICIPALITY_CODE = codes(MUNICIPALITY_IDS);
  const AGE_CODE = codes(AGE_BANDS);
  let stakeholder = new Uint8Array(1024);
  let municipality = new Uint8Array(1024);
  let ageBand = new Uint8Array(1024);
  /** 2: from the PROFILE item; 1: copied onto a vote (the copy of the latest vote wins); 0: nothing declared. */
  let profileRank = new Uint8Array(1024);
  const profileCopiedAt = new Map<number, string>();

  const days = new Map<string, DayAcc>();
  const day = (key: string): DayAcc => {
    let acc = days.get(key);
    if (!acc) {
      acc = emptyDay();
      days.set(key, acc);
    }
    return acc;
  };

  const comments: CommentRecord[] = [];
  const commentsByStatus = { published: 0, pending: 0, hidden: 0, deleted: 0 };
  let reactionCount = 0;
  let voteCount = 0;
  const proposals: ProposalItemInput[] = [];
  const meetings = new Map<string, MeetingInput>();
  for (const meeting of context.meetings ?? [])
    if (meeting.consultationId === consultationId) meetings.set(meeting.id, meeting);
  const responsesById = new Map<string, ResponseInfo>();
  const responseByContribution = new Map<string, ResponseInfo>();

  let lastId: string | undefined;
  let lastIndex = -1;
  /** Took part (voted, commented, reacted): a profile alone does not make a participant. */
  let active = new Uint8Array(1024);

  function participant(id: string, at: string | undefined, takesPart = true): number {
    // A Scan delivers a participant's items together (one partition), so the last one is often the same.
    let index = id === lastId ? lastIndex : participantIndex.get(id);
    if (index === undefined) {
      index = participantIndex.size;
      participantIndex.set(id, index);
      firstActivity.push(at);
      if (index >= stakeholder.length) {
        stakeholder = grow(stakeholder);
        municipality = grow(municipality);
        ageBand = grow(ageBand);
        profileRank = grow(profileRank);
        active = grow(active);
      }
    } else if (at !== undefined) {
      const first = firstActivity[index];
      if (first === undefined || at < first) firstActivity[index] = at;
    }
    lastId = id;
    lastIndex = index;
    if (takesPart) active[index] = 1;
    return index;
  }

  function declare(index: number, fields: { stakeholderType?: unknown; municipality?: unknown; ageBand?: unknown }) {
    stakeholder[index] = codeOf(STAKEHOLDER_CODE, fields.stakeholderType);
    municipality[index] = codeOf(MUNICIPALITY_CODE, fields.municipality);
    ageBand[index] = codeOf(AGE_CODE, fields.ageBand);
  }

  function addVote(vote: VoteItem) {
    const c = commitmentIndex.get(vote.commitmentId);
    const choice = CHOICE_INDEX.get(vote.choice);
    if (c === undefined || choice === undefined || typeof vote.participantId !== 'string') return;
    const commitment = commitments[c] as CommitmentAcc;
    const at = canonicalInstant(vote.createdAt ?? vote.updatedAt);
    const p = participant(vote.participantId, at);
    commitment.votePeople.push(p);
    commitment.voteChoices.push(choice);
    commitment.active.set(p);
    voteCount++;
    day(dayOf(at)).votes++;
    const copied = vote.stakeholderType ?? vote.municipality ?? vote.ageBand;
    if (copied !== undefined && (profileRank[p] ?? 0) < 2) {
      const stamp = `${canonicalInstant(vote.updatedAt) ?? ''}#${vote.commitmentId}`;
      const previous = profileCopiedAt.get(p);
      if (previous === undefined || stamp > previous) {
        profileCopiedAt.set(p, stamp);
        profileRank[p] = 1;
        declare(p, vote);
      }
    }
  }

  function addProfile(item: Record<string, unknown>) {
    const id =
      typeof item.participantId === 'string'
        ? item.participantId
        : typeof item.pk === 'string' && item.pk.startsWith('PARTICIPANT#')
          ? item.pk.slice('PARTICIPANT#'.length)
          : undefined;
    if (id === undefined) return;
    // A profile alone is no participation: it only describes participants met elsewhere.
    const index = participant(id, undefined, false);
    profileRank[index] = 2;
    declare(index, item);
  }

  function addComment(item: CommentItemInput) {
    if (item.consultationId !== consultationId) return;
    const c = commitmentIndex.get(item.commitmentId);
    if (c === undefined || typeof item.id !== 'string') return;
    const commitment = commitments[c] as CommitmentAcc;
    const createdAt = canonicalInstant(item.createdAt) ?? '';
    const isReply = typeof item.parentId === 'string';
    const status = Object.hasOwn(commentsByStatus, item.status)
      ? (item.status as keyof typeof commentsByStatus)
      : // A status this code does not know is treated as not public.
        'pending';
    commentsByStatus[status]++;
    const body = typeof item.body === 'string' ? item.body : '';
    const tokens = body === '' ? [] : words(body);
    const language = languageOf(tokens, body);
    const record: CommentRecord = {
      id: item.id,
      commitment: c,
      sectionId: item.sectionId ?? GENERAL_SECTION,
      parentId: isReply ? item.parentId : undefined,
      body,
      displayName: item.displayName,
      createdAt,
      status,
      agree: count(item.agree),
      disagree: count(item.disagree),
      pass: count(item.pass),
      replyCount: count(item.replyCount),
      responseId: item.responseId,
      importedFrom: item.importedFrom,
      language,
    };
    const index = comments.length;
    comments.push(record);
    if (isReply) commitment.replies++;
    else commitment.comments++;
    const dayAcc = day(dayOf(createdAt || undefined));
    if (isReply) dayAcc.replies++;
    else dayAcc.comments++;
    if (typeof item.participantId === 'string' && item.participantId !== ERASED) {
      const p = participant(item.participantId, createdAt || undefined);
      commitment.active.set(p);
    }
    // Key terms come from what the public can read: published comments only.
    if (status === 'published' && (language === 'sq' || language === 'en')) {
      const terms = commitment.terms[language];
      for (const { stem, form } of termsOf(tokens, language)) {
        let acc = terms.get(stem);
        if (!acc) {
          acc = { forms: new Map(), comments: [] };
          terms.set(stem, acc);
        }
        acc.forms.set(form, (acc.forms.get(form) ?? 0) + 1);
        acc.comments.push(index);
      }
    }
  }

  function addReaction(item: ReactionItem) {
    const c = commitmentIndex.get(item.commitmentId);
    if (c === undefined || !REACTIONS.has(item.reaction) || typeof item.participantId !== 'string') return;
    const commitment = commitments[c] as CommitmentAcc;
    const at = canonicalInstant(item.createdAt ?? item.updatedAt);
    const p = participant(item.participantId, at);
    commitment.active.set(p);
    commitment.reactions++;
    reactionCount++;
    day(dayOf(at)).reactions++;
  }

  function addProposal(item: ProposalItemInput) {
    if (item.consultationId !== consultationId || typeof item.id !== 'string') return;
    proposals.push(item);
    day(dayOf(canonicalInstant(item.createdAt))).proposals++;
    const c = item.commitmentId === undefined ? undefined : commitmentIndex.get(item.commitmentId);
    if (c !== undefined) (commitments[c] as CommitmentAcc).proposals++;
  }

  function addResponse(item: ResponseItemInput) {
    if (item.consultationId !== undefined && item.consultationId !== consultationId) return;
    if (typeof item.id !== 'string' || !Array.isArray(item.contributions)) return;
    if (!(DISPOSITIONS as readonly string[]).includes(item.disposition)) return;
    const info: ResponseInfo = {
      id: item.id,
      disposition: item.disposition,
      ...(item.mergedInto ? { mergedInto: `${item.mergedInto.kind}:${item.mergedInto.id}` } : {}),
      ...(item.justification ? { justification: item.justification } : {}),
      updatedAt: canonicalInstant(item.updatedAt) ?? '',
    };
    responsesById.set(item.id, info);
    for (const ref of item.contributions) {
      const key = `${ref.kind}:${ref.id}`;
      const current = responseByContribution.get(key);
      // Should two responses name the same contribution, the latest counts (ties: the larger id), in any order.
      if (!current || later(info, current)) responseByContribution.set(key, info);
    }
  }

  function addMeeting(item: MeetingInput) {
    if (item.consultationId !== consultationId || typeof item.id !== 'string') return;
    meetings.set(item.id, item);
  }

  return {
    add(raw) {
      if (typeof raw !== 'object' || raw === null) return;
      const item = raw as Record<string, unknown>;
      switch (item.type) {
        case 'VOTE':
          return addVote(item as VoteItem);
        case 'COMMENT':
          return addComment(item as CommentItemInput);
        case 'REACTION':
          return addReaction(item as ReactionItem);
        case 'PROFILE':
          return addProfile(item);
        case 'PROPOSAL':
          return addProposal(item as ProposalItemInput);
        case 'RESPONSE':
          return addResponse(item as ResponseItemInput);
        case 'MEETING':
          return addMeeting(item as MeetingInput);
      }
    },

    finish() {
      // Meeting contributions (their day is the meeting's date).
      const meetingList = [...meetings.values()].sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
      let meetingContributions = 0;
      for (const meeting of meetingList) {
        for (const contribution of meeting.contributions) {
          meetingContributions++;
          day(/^\d{4}-\d{2}-\d{2}$/.test(meeting.date) ? meeting.date : UNKNOWN_DAY).meetingContributions++;
          const c =
            contribution.commitmentId === undefined ? undefined : commitmentIndex.get(contribution.commitmentId);
          if (c !== undefined) (commitments[c] as CommitmentAcc).meetingContributions++;
        }
      }

      // Participants: profiles of people who never took part are not counted.
      const counted = (p: number) => active[p] === 1;
      let participants = 0;
      const byStakeholder = new Array<number>(STAKEHOLDER_TYPES.length + 1).fill(0);
      const byMunicipality = new Array<number>(MUNICIPALITY_IDS.length + 1).fill(0);
      const byAge = new Array<number>(AGE_BANDS.length + 1).fill(0);
      for (let p = 0; p < participantIndex.size; p++) {
        if (!counted(p)) continue;
        participants++;
        (byStakeholder[stakeholder[p] ?? 0] as number)++;
        (byMunicipality[municipality[p] ?? 0] as number)++;
        (byAge[ageBand[p] ?? 0] as number)++;
        day(dayOf(firstActivity[p])).participants++;
      }

      const commentRows = [...comments.keys()].sort((a, b) => {
        const x = comments[a] as CommentRecord;
        const y = comments[b] as CommentRecord;
        return compare(x.createdAt, y.createdAt) || compare(x.id, y.id);
      });

      // Responses.
      const responseRows: ResponseRow[] = [];
      const answeredByCommitment = new Map<string, { answerable: number; answered: number }>();
      const dispositionCounts = new Map<Disposition, number>();
      const responseOf = (kind: ContributionKind, id: string, responseId: string | undefined) =>
        responseByContribution.get(`${kind}:${id}`) ?? (responseId ? responsesById.get(responseId) : undefined);
      const answerable = (
        kind: ContributionKind,
        id: string,
        commitmentId: string | undefined,
        responseId: string | undefined,
      ) => {
        const response = responseOf(kind, id, responseId);
        const answered = response !== undefined || responseId !== undefined;
        responseRows.push({
          contributionKind: kind,
          contributionId: id,
          ...(commitmentId !== undefined ? { commitmentId } : {}),
          ...(response || responseId ? { responseId: response?.id ?? responseId } : {}),
          ...(response
            ? {
                disposition: response.disposition,
                ...(response.mergedInto ? { mergedInto: response.mergedInto } : {}),
                ...(response.justification ? { justification: response.justification } : {}),
                ...(response.updatedAt ? { respondedAt: response.updatedAt } : {}),
              }
            : {}),
        });
        if (response)
          dispositionCounts.set(response.disposition, (dispositionCounts.get(response.disposition) ?? 0) + 1);
        if (commitmentId !== undefined) {
          const acc = answeredByCommitment.get(commitmentId) ?? { answerable: 0, answered: 0 };
          acc.answerable++;
          if (answered) acc.answered++;
          answeredByCommitment.set(commitmentId, acc);
        }
        return response;
      };

      const contributions: ContributionRow[] = [];
      for (const index of commentRows) {
        const record = comments[index] as CommentRecord;
        const commitmentId = (commitments[record.commitment] as CommitmentAcc).info.id;
        const kind = record.parentId === undefined ? 'comment' : 'reply';
        const response =
          record.status === 'published' ? answerable('comment', record.id, commitmentId, record.responseId) : undefined;
        contributions.push({
          kind,
          id: record.id,
          commitmentId,
          ...(record.sectionId !== GENERAL_SECTION ? { sectionId: record.sectionId } : {}),
          ...(record.parentId !== undefined ? { parentId: record.parentId } : {}),
          createdAt: record.createdAt,
          status: record.status,
          language: record.language,
          text: record.body,
          ...(record.displayName ? { displayName: record.displayName } : {}),
          agree: record.agree,
          disagree: record.disagree,
          pass: record.pass,
          replyCount: record.replyCount,
          ...(response || record.responseId ? { responseId: response?.id ?? record.responseId } : {}),
          ...(response ? { disposition: response.disposition } : {}),
          ...(record.importedFrom ? { importedFrom: record.importedFrom } : {}),
        });
      }

      const proposalRows: ProposalRow[] = [];
      for (const item of [...proposals].sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))) {
        const response =
          item.visibility !== 'hidden'
            ? answerable('proposal', item.id, item.commitmentId, item.responseId)
            : undefined;
        const row: ProposalRow = {
          id: item.id,
          kind: String(item.kind),
          ...(item.commitmentId !== undefined ? { commitmentId: item.commitmentId } : {}),
          ...(item.sectionId !== undefined ? { sectionId: item.sectionId } : {}),
          title: String(item.title ?? ''),
          organisationName: String(item.organisation?.name ?? ''),
          organisationType: String(item.organisation?.type ?? ''),
          municipality: String(item.organisation?.municipality ?? ''),
          submittedAt: canonicalInstant(item.createdAt) ?? '',
          status: String(item.status),
          visibility: String(item.visibility),
          ...(response || item.responseId ? { responseId: response?.id ?? item.responseId } : {}),
          ...(response ? { disposition: response.disposition } : {}),
          ...(options.includeContacts && item.contact
            ? {
                contact: {
                  name: String(item.contact.name),
                  email: String(item.contact.email),
                  ...(item.contact.phone ? { phone: String(item.contact.phone) } : {}),
                },
              }
            : {}),
        };
        proposalRows.push(row);
        contributions.push({
          kind: 'proposal',
          id: item.id,
          ...(row.commitmentId !== undefined ? { commitmentId: row.commitmentId } : {}),
          ...(row.sectionId !== undefined ? { sectionId: row.sectionId } : {}),
          createdAt: row.submittedAt,
          status: row.visibility,
          language: 'other',
          text: row.title,
          agree: 0,
          disagree: 0,
          pass: 0,
          replyCount: 0,
          ...(row.responseId ? { responseId: row.responseId } : {}),
          ...(row.disposition ? { disposition: row.disposition } : {}),
        });
      }

      const meetingRows: MeetingRow[] = [];
      for (const meeting of meetingList) {
        const byCommitment = new Map<string | undefined, number>();
        for (const contribution of meeting.contributions) {
          const id = `${meeting.id}/${contribution.id}`;
          const response = answerable('meeting-contribution', id, contribution.commitmentId, undefined);
          byCommitment.set(contribution.commitmentId, (byCommitment.get(contribution.commitmentId) ?? 0) + 1);
          contributions.push({
            kind: 'meeting-contribution',
            id,
            ...(contribution.commitmentId !== undefined ? { commitmentId: contribution.commitmentId } : {}),
            createdAt: meeting.date,
            status: 'recorded',
            language: 'sq',
            text: contribution.text.sq,
            agree: 0,
            disagree: 0,
            pass: 0,
            replyCount: 0,
            ...(response ? { responseId: response.id, disposition: response.disposition } : {}),
          });
        }
        meetingRows.push({
          id: meeting.id,
          date: meeting.date,
          municipality: meeting.municipality,
          title: meeting.title,
          participantCount: meeting.participantCount,
          contributions: meeting.contributions.length,
          byCommitment: [...byCommitment.entries()]
            .sort(([a], [b]) => compare(a ?? '', b ?? ''))
            .map(([commitmentId, n]) => ({ ...(commitmentId !== undefined ? { commitmentId } : {}), count: n })),
        });
      }

      const commitmentSummaries = commitments.map((commitment) =>
        summariseCommitment(commitment, {
          comments,
          counted,
          profile: { stakeholder, municipality },
          codes: { stakeholder: STAKEHOLDER_TYPES, municipality: MUNICIPALITY_IDS },
          responses: answeredByCommitment.get(commitment.info.id) ?? { answerable: 0, answered: 0 },
          proposalIds: proposalRows.filter((r) => r.commitmentId === commitment.info.id).map((r) => r.id),
          meetingContributionIds: contributions
            .filter((r) => r.kind === 'meeting-contribution' && r.commitmentId === commitment.info.id)
            .map((r) => r.id),
          options,
        }),
      );

      const totals: Counts = {
        participants,
        comments: commitments.reduce((n, c) => n + c.comments, 0),
        replies: commitments.reduce((n, c) => n + c.replies, 0),
        reactions: reactionCount,
        votes: voteCount,
        proposals: proposals.length,
        meetingContributions,
      };
      const answered = responseRows.filter((r) => r.responseId !== undefined).length;
      return {
        schemaVersion: SUMMARY_SCHEMA_VERSION,
        audience: 'staff',
        generatedAt: context.generatedAt,
        consultation: { id: consultationId, title: context.consultation.title },
        totals,
        commentsByStatus: { ...commentsByStatus },
        perDay: [...days.entries()].sort(([a], [b]) => compare(a, b)).map(([date, counts]) => ({ date, ...counts })),
        participants: {
          byStakeholderType: groups(STAKEHOLDER_TYPES, byStakeholder),
          byMunicipality: groups(MUNICIPALITY_IDS, byMunicipality).filter((g) => g.count > 0 || g.key === NOT_DECLARED),
          byAgeBand: groups(AGE_BANDS, byAge),
        },
        commitments: commitmentSummaries,
        contributions,
        proposals: proposalRows,
        meetings: meetingRows,
        responses: {
          answerable: responseRows.length,
          answered,
          unanswered: responseRows.length - answered,
          byDisposition: DISPOSITIONS.map((disposition) => ({
            disposition,
            count: dispositionCounts.get(disposition) ?? 0,
          })),
          rows: responseRows.sort(
            (a, b) =>
              compare(a.contributionKind, b.contributionKind) ||
              compare(a.commitmentId ?? '', b.commitmentId ?? '') ||
              compare(a.contributionId, b.contributionId),
          ),
        },
      };
    },
  };
}

type CommitmentFinish = {
  comments: readonly CommentRecord[];
  counted: (participant: number) => boolean;
  profile: { stakeholder: Uint8Array; municipality: Uint8Array };
  codes: { stakeholder: readonly string[]; municipality: readonly string[] };
  responses: { answerable: number; answered: number };
  proposalIds: string[];
  meetingContributionIds: string[];
  options: typeof DEFAULTS;
};

function summariseCommitment(commitment: CommitmentAcc, finish: CommitmentFinish): CommitmentSummary {
  const { info } = commitment;
  const { options } = finish;

  // Votes, joined to the voters' profiles.
  const votes = [0, 0, 0];
  const byStakeholder = finish.codes.stakeholder.map(() => [0, 0, 0]).concat([[0, 0, 0]]);
  const byMunicipality = finish.codes.municipality.map(() => [0, 0, 0]).concat([[0, 0, 0]]);
  const people = commitment.votePeople.data;
  const choices = commitment.voteChoices.data;
  for (let i = 0; i < commitment.votePeople.length; i++) {
    const p = people[i] as number;
    const choice = choices[i] as number;
    (votes[choice] as number)++;
    ((byStakeholder[finish.profile.stakeholder[p] ?? 0] as number[])[choice] as number)++;
    ((byMunicipality[finish.profile.municipality[p] ?? 0] as number[])[choice] as number)++;
  }
  const totalVotes = commitment.votePeople.length;
  const shareOf = (n: number) => (totalVotes === 0 ? null : Math.round((n / totalVotes) * 10_000) / 10_000);

  // Comments of this commitment.
  const own: CommentRecord[] = [];
  for (const comment of finish.comments) if (comment.commitment === commitment.index) own.push(comment);
  const published = own.filter((c) => c.status === 'published');
  const mostAgreed = rankAgreed(published, options.top).map(commentRef);
  const mostDivisive = rankDivisive(published, options.top).map(commentRef);

  // Sections: the whole commitment first, then the catalog's order, then any other section met.
  const sectionOrder = [GENERAL_SECTION, ...info.sectionIds];
  const others = new Set<string>();
  for (const c of own) if (!sectionOrder.includes(c.sectionId)) others.add(c.sectionId);
  sectionOrder.push(...[...others].sort(compare));
  const sections: SectionSummary[] = sectionOrder.map((sectionId) => {
    const inSection = own.filter((c) => c.sectionId === sectionId);
    const visible = inSection.filter((c) => c.status === 'published');
    const sum = (field: 'agree' | 'disagree' | 'pass') => visible.reduce((n, c) => n + c[field], 0);
    const agree = sum('agree');
    const disagree = sum('disagree');
    const label = info.sectionLabels?.[sectionId];
    return {
      sectionId,
      ...(label ? { label } : {}),
      comments: inSection.filter((c) => c.parentId === undefined).length,
      replies: inSection.filter((c) => c.parentId !== undefined).length,
      agree,
      disagree,
      pass: sum('pass'),
      balance: agree + disagree === 0 ? null : Math.round(((agree - disagree) / (agree + disagree)) * 10_000) / 10_000,
      mostAgreed: rankAgreed(visible, options.topPerSection).map((c) => c.id),
      mostDivisive: rankDivisive(visible, options.topPerSection).map((c) => c.id),
    };
  });

  const keyTerms = {
    sq: topTerms(commitment.terms.sq, finish.comments, options),
    en: topTerms(commitment.terms.en, finish.comments, options),
  };

  let participants = 0;
  const flags = commitment.active.data;
  for (let p = 0; p < flags.length; p++) if (flags[p] === 1 && finish.counted(p)) participants++;

  const summary: Omit<CommitmentSummary, 'paragraph'> = {
    id: info.id,
    order: info.order,
    title: info.title,
    totals: {
      participants,
      comments: commitment.comments,
      replies: commitment.replies,
      reactions: commitment.reactions,
      votes: totalVotes,
      proposals: commitment.proposals,
      meetingContributions: commitment.meetingContributions,
    },
    votes: {
      support: votes[0] as number,
      oppose: votes[1] as number,
      neutral: votes[2] as number,
      total: totalVotes,
      shares: {
        support: shareOf(votes[0] as number),
        oppose: shareOf(votes[1] as number),
        neutral: shareOf(votes[2] as number),
      },
      byStakeholderType: voteGroups(finish.codes.stakeholder, byStakeholder, true),
      byMunicipality: voteGroups(finish.codes.municipality, byMunicipality, false),
    },
    sections,
    mostAgreed,
    mostDivisive,
    keyTerms,
    responses: {
      answerable: finish.responses.answerable,
      answered: finish.responses.answered,
      unanswered: finish.responses.answerable - finish.responses.answered,
    },
  };
  const paragraph = draftParagraph({
    ...summary,
    proposalIds: finish.proposalIds,
    meetingContributionIds: finish.meetingContributionIds,
  });
  return { ...summary, paragraph };
}

/** The k best of a list in order (`before(a, b)`: a comes first), without sorting the whole list. */
function top<T>(items: Iterable<T>, k: number, before: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length === k && before(item, best[k - 1] as T) >= 0) continue;
    let i = best.length < k ? best.length : k - 1;
    while (i > 0 && before(item, best[i - 1] as T) < 0) {
      best[i] = best[i - 1] as T;
      i--;
    }
    best[i] = item;
  }
  return best;
}

/** Most agreed: more agreement first; then less disagreement; then the id. Comments nobody agreed with are not listed. */
const agreedOrder = (a: CommentRecord, b: CommentRecord) =>
  b.agree - a.agree || a.disagree - b.disagree || compare(a.id, b.id);

function rankAgreed(comments: readonly CommentRecord[], k: number): CommentRecord[] {
  return top(
    comments.filter((c) => c.agree > 0),
    k,
    agreedOrder,
  );
}

/**
 * Most divisive: a comment is as divisive as its smaller side is large, min(agree, disagree); it needs both many
 * agreeing and many disagreeing. Ties: more reactions first, then the id. Comments nobody disagreed with are not listed.
 */
export function divisiveness(agree: number, disagree: number): number {
  return Math.min(agree, disagree);
}

const divisiveOrder = (a: CommentRecord, b: CommentRecord) =>
  divisiveness(b.agree, b.disagree) - divisiveness(a.agree, a.disagree) ||
  b.agree + b.disagree - (a.agree + a.disagree) ||
  compare(a.id, b.id);

function rankDivisive(comments: readonly CommentRecord[], k: number): CommentRecord[] {
  return top(
    comments.filter((c) => divisiveness(c.agree, c.disagree) > 0),
    k,
    divisiveOrder,
  );
}

function commentRef(c: CommentRecord): CommentRef {
  return {
    id: c.id,
    kind: c.parentId === undefined ? 'comment' : 'reply',
    sectionId: c.sectionId,
    agree: c.agree,
    disagree: c.disagree,
    pass: c.pass,
    divisiveness: divisiveness(c.agree, c.disagree),
    excerpt: excerpt(c.body),
  };
}

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length - 1).join('')}…`;
}

/** Terms used by at least two comments, by the number of comments; ties by the term. */
function topTerms(
  terms: Map<string, TermAcc>,
  comments: readonly CommentRecord[],
  options: typeof DEFAULTS,
): KeyTerm[] {
  const ranked = [...terms.entries()]
    .filter(([, acc]) => acc.comments.length >= 2)
    .sort(([a, x], [b, y]) => y.comments.length - x.comments.length || compare(a, b))
    .slice(0, options.terms);
  return ranked.map(([stem, acc]) => {
    // The spelling used most; on a tie the one with diacritics (people often type "e" for "ë"), then code order.
    const term =
      [...acc.forms.entries()].sort(([a, x], [b, y]) => y - x || nonAscii(b) - nonAscii(a) || compare(a, b))[0]?.[0] ??
      stem;
    const ids = top(
      acc.comments.map((i) => comments[i] as CommentRecord),
      options.idsPerTerm,
      (a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
    ).map((c) => c.id);
    return { term, stem, comments: acc.comments.length, commentIds: ids };
  });
}

function nonAscii(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) n++;
  return n;
}

/** Counts by code (0: not declared) as rows in the list's order, `not-declared` last. */
function groups(keys: readonly string[], counts: readonly number[]): GroupCount[] {
  return [...keys.map((key, i) => ({ key, count: counts[i + 1] ?? 0 })), { key: NOT_DECLARED, count: counts[0] ?? 0 }];
}

/** Breakdown rows; with `all`, every group (zeros too), else only groups with votes. `not-declared` always last. */
function voteGroups(keys: readonly string[], counts: readonly number[][], all: boolean): VoteGroup[] {
  const rows: VoteGroup[] = [];
  const at = (code: number) => counts[code] as number[];
  const row = (key: string, c: number[]) => ({
    key,
    support: c[0] as number,
    oppose: c[1] as number,
    neutral: c[2] as number,
    total: (c[0] as number) + (c[1] as number) + (c[2] as number),
  });
  keys.forEach((key, i) => {
    const r = row(key, at(i + 1));
    if (all || r.total > 0) rows.push(r);
  });
  rows.push(row(NOT_DECLARED, at(0)));
  return rows;
}

/* Codes: 0 is "not declared", then the position in the list plus one. */
function codes(list: readonly string[]): Map<string, number> {
  return new Map(list.map((value, i) => [value, i + 1]));
}
function codeOf(codesOf: Map<string, number>, value: unknown): number {
  return typeof value === 'string' ? (codesOf.get(value) ?? 0) : 0;
}

function grow(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function later(a: ResponseInfo, b: ResponseInfo): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.id > b.id);
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The summary of a consultation from its items, read one by one (an array, a generator, a database stream). */
export async function summarise(
  context: SummaryContext,
  items: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<Summary> {
  const builder = createSummaryBuilder(context);
  if (Symbol.asyncIterator in items) for await (const item of items as AsyncIterable<unknown>) builder.add(item);
  else for (const item of items as Iterable<unknown>) builder.add(item);
  return builder.finish();
}
