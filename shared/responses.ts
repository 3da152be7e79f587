import type { Catalog } from './catalog.ts';
import { ValidationError } from './errors.ts';
import type { ContributionRef, DISPOSITIONS, ResponseInput } from './schemas/response.ts';
import { MEETING_CONTRIBUTION_PATTERN } from './schemas/response.ts';
import type { DispositionCounts, KindCounts, Progress, ProgressRow, StaffResponse } from './schemas/staff.ts';
import type { StaffActor } from './staff.ts';

/*
 * Reasoned responses (OGP Standard 4, Law 146/2014): the stored item, the contributions it covers and the pure rules
 * over them (progress counts, the order of the public report). The DynamoDB adapter is
 * functions/repositories/response-repository.ts.
 */

export type Disposition = (typeof DISPOSITIONS)[number];

/** A covered contribution with the commitment it belongs to (null: a new-commitment proposal, an unlinked input). */
export type ResponseTarget = ContributionRef & { commitmentId: string | null };

/** A response as stored (pk/sk = keys.response(id), gsi1 = the consultation's responses). */
export type ResponseItem = {
  pk: string;
  sk: string;
  type: 'RESPONSE';
  id: string;
  consultationId: string;
  version: number;
  contributions: ContributionRef[];
  targets: ResponseTarget[];
  disposition: Disposition;
  mergedInto?: ContributionRef;
  justification: { sq: string; en?: string };
  createdAt: string;
  createdBy: StaffActor;
  updatedAt: string;
  updatedBy: StaffActor;
  gsi1pk: string;
  gsi1sk: string;
};

export type SaveResponse = {
  responseId: string;
  input: ResponseInput;
  actor: StaffActor;
  at: string;
};

export function toStaffResponse(item: ResponseItem): StaffResponse {
  return {
    id: item.id,
    consultationId: item.consultationId,
    version: item.version,
    contributions: item.contributions.map(({ kind, id }) => ({ kind, id })),
    disposition: item.disposition,
    ...(item.mergedInto ? { mergedInto: { kind: item.mergedInto.kind, id: item.mergedInto.id } } : {}),
    justification: {
      sq: item.justification.sq,
      ...(item.justification.en !== undefined ? { en: item.justification.en } : {}),
    },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    updatedBy: { sub: item.updatedBy.sub, username: item.updatedBy.username },
  };
}

/** `<meetingId>/<contributionId>` of a meeting contribution reference. */
export function splitMeetingContribution(id: string): { meetingId: string; contributionId: string } {
  const match = MEETING_CONTRIBUTION_PATTERN.exec(id);
  if (!match) throw new Error(`not a meeting contribution id: ${id}`);
  return { meetingId: match[1] as string, contributionId: match[2] as string };
}

export const refKey = (ref: ContributionRef) => `${ref.kind}:${ref.id}`;

/** A contribution named by a response that cannot take it, as a 400 naming `contributions.<index>`. */
export function contributionIssue(index: number, sq: string, en: string): ValidationError {
  return new ValidationError([{ field: `contributions.${index}`, message: { sq, en } }]);
}

/* ---- Progress per commitment ---- */

export const emptyDispositions = (): DispositionCounts => ({
  accepted: 0,
  'partially-accepted': 0,
  'not-accepted': 0,
  'out-of-scope': 0,
  merged: 0,
});
export const emptyKinds = (): KindCounts => ({ comment: 0, proposal: 0, 'meeting-contribution': 0 });

export type UnansweredCount = { kind: ContributionRef['kind']; commitmentId: string | null; count: number };

/**
 * Answered contributions by disposition and unanswered ones by kind, per commitment in plan order (then the row
 * without a commitment), and the total.
 */
export function buildProgress(
  catalog: Catalog,
  consultationId: string,
  responses: readonly Pick<ResponseItem, 'targets' | 'disposition'>[],
  unanswered: readonly UnansweredCount[],
  reportPublishedAt?: string,
): Progress {
  const rows = new Map<string | null, ProgressRow>();
  const row = (commitmentId: string | null) => {
    let found = rows.get(commitmentId);
    if (!found) {
      found = {
        commitmentId,
        answered: emptyDispositions(),
        answeredTotal: 0,
        unanswered: emptyKinds(),
        unansweredTotal: 0,
      };
      rows.set(commitmentId, found);
    }
    return found;
  };
  for (const commitment of catalog.commitmentsOf(consultationId)) row(commitment.id);
  for (const response of responses) {
    for (const target of response.targets) {
      const r = row(target.commitmentId);
      r.answered[response.disposition] += 1;
      r.answeredTotal += 1;
    }
  }
  for (const { kind, commitmentId, count } of unanswered) {
    const r = row(commitmentId);
    r.unanswered[kind] += count;
    r.unansweredTotal += count;
  }
  const order = new Map(catalog.commitmentsOf(consultationId).map((c, i) => [c.id, i]));
  const commitments = [...rows.values()].sort(
    (a, b) =>
      rank(order, a.commitmentId) - rank(order, b.commitmentId) ||
      String(a.commitmentId).localeCompare(String(b.commitmentId)),
  );
  const total = { answered: emptyDispositions(), answeredTotal: 0, unanswered: emptyKinds(), unansweredTotal: 0 };
  for (const r of commitments) {
    for (const [d, n] of Object.entries(r.answered)) total.answered[d as Disposition] += n;
    for (const [k, n] of Object.entries(r.unanswered)) total.unanswered[k as ContributionRef['kind']] += n;
    total.answeredTotal += r.answeredTotal;
    total.unansweredTotal += r.unansweredTotal;
  }
  return { consultationId, commitments, total, ...(reportPublishedAt ? { reportPublishedAt } : {}) };
}

function rank(order: Map<string, number>, commitmentId: string | null): number {
  if (commitmentId === null) return Number.MAX_SAFE_INTEGER;
  return order.get(commitmentId) ?? Number.MAX_SAFE_INTEGER - 1;
}

/* ---- The public report: one line per answered contribution, grouped by commitment ---- */

export type ReportLine = ResponseTarget & {
  response: Pick<ResponseItem, 'disposition' | 'mergedInto' | 'justification' | 'updatedAt'>;
};

/** Every answered contribution of the consultation, in plan order of its commitment, then by kind and id. */
export function reportLines(
  catalog: Catalog,
  consultationId: string,
  responses: readonly Pick<ResponseItem, 'targets' | 'disposition' | 'mergedInto' | 'justification' | 'updatedAt'>[],
): ReportLine[] {
  const order = new Map(catalog.commitmentsOf(consultationId).map((c, i) => [c.id, i]));
  const lines = responses.flatMap((response) => response.targets.map((target) => ({ ...target, response })));
  return lines.sort(
    (a, b) =>
      rank(order, a.commitmentId) - rank(order, b.commitmentId) ||
      String(a.commitmentId).localeCompare(String(b.commitmentId)) ||
      a.kind.localeCompare(b.kind) ||
      a.id.localeCompare(b.id),
  );
}
