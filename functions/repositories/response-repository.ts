import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { unansweredIndexKeys } from '#shared/comments.ts';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '#shared/errors.ts';
import { indexKeys, type Key, keys } from '#shared/keys.ts';
import {
  contributionIssue,
  type ResponseItem,
  type ResponseTarget,
  refKey,
  type SaveResponse,
  splitMeetingContribution,
  type UnansweredCount,
} from '#shared/responses.ts';
import type { ContributionRef } from '#shared/schemas/response.ts';
import type { ContributionView, UnansweredQuery } from '#shared/schemas/staff.ts';
import type { StaffActor } from '#shared/staff.ts';
import { auditPut } from './audit-log.ts';
import { batchGetAll } from './batch-get.ts';
import type { MeetingItem } from './meeting-repository.ts';
import { decodeCursor, encodeCursor, ulidText } from './staff-cursor.ts';
import { cancellationCodes, conditionFailedAt } from './transactions.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A contribution as the response code needs it: where it belongs, whether it can be answered, who answers it. */
type Loaded = {
  ref: ContributionRef;
  consultationId: string;
  commitmentId: string | null;
  responseId?: string;
  /** Comments and proposals: their version (every change is conditioned on it). Meetings: the meeting's. */
  version: number;
  answerable: boolean;
  /** Comments: status and gsi5 position; meeting contributions: the meeting and contribution ids. */
  status?: string;
  gsi5pk?: string;
  meetingId?: string;
  contributionId?: string;
};

export type ReportMarker = { consultationId: string; publishedAt: string; lastPublishedAt: string };
export type ResponsePage = { responses: ResponseItem[]; nextCursor?: string };
export type UnansweredPage = { items: ContributionView[]; nextCursor?: string };

export interface ResponseRepository {
  find(responseId: string): Promise<ResponseItem | undefined>;
  page(consultationId: string, page: { limit: number; cursor?: string }): Promise<ResponsePage>;
  /** Every response of a consultation (paged internally): progress and the report. */
  all(consultationId: string): Promise<ResponseItem[]>;
  /**
   * Creates or edits a response in one transaction: the response (create: must not exist; edit: `version =
   * expectedVersion`, else ConflictError), its audit entry, and every contribution it starts or stops covering
   * (each conditioned on the version read; the response id kept on it; comments leave or rejoin the unanswered list;
   * proposals become `answered`). A contribution another response covers is a ValidationError naming it.
   */
  save(request: SaveResponse): Promise<ResponseItem>;
  /** Contributions without a response, counted by kind and commitment. */
  unansweredCounts(consultationId: string): Promise<UnansweredCount[]>;
  unanswered(consultationId: string, query: UnansweredQuery): Promise<UnansweredPage>;
  reportMarker(consultationId: string): Promise<ReportMarker | undefined>;
  /** Marks the report published (the first date is kept) with its audit entry, in one transaction. */
  publish(
    consultationId: string,
    request: { actor: StaffActor; at: string; note: string },
  ): Promise<{ marker: ReportMarker; auditId: string }>;
}

const MAX_ATTEMPTS = 8;
const ANSWERABLE_COMMENT_STATUSES = new Set(['published']);

export function createDynamoResponseRepository(client: DynamoDBDocumentClient, tableName: string): ResponseRepository {
  async function get<T>(key: Key): Promise<T | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item as T | undefined;
  }

  async function queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const output = await client.send(
        new QueryCommand({ TableName: tableName, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(output.Items ?? []));
      start = output.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async function load(refs: readonly ContributionRef[]): Promise<Map<string, Loaded>> {
    const wanted: Key[] = refs.map((ref) =>
      ref.kind === 'comment'
        ? keys.comment(ref.id)
        : ref.kind === 'proposal'
          ? keys.proposal(ref.id)
          : keys.meeting(splitMeetingContribution(ref.id).meetingId),
    );
    const items = await batchGetAll(client, tableName, wanted, { attempts: MAX_ATTEMPTS });
    const byPk = new Map(items.map((item) => [String(item.pk), item]));
    const loaded = new Map<string, Loaded>();
    for (const ref of refs) {
      if (ref.kind === 'comment') {
        const item = byPk.get(keys.comment(ref.id).pk);
        if (!item) continue;
        loaded.set(refKey(ref), {
          ref,
          consultationId: String(item.consultationId),
          commitmentId: String(item.commitmentId),
          ...(typeof item.responseId === 'string' ? { responseId: item.responseId } : {}),
          version: Number(item.version),
          answerable: ANSWERABLE_COMMENT_STATUSES.has(String(item.status)),
          status: String(item.status),
          ...(typeof item.gsi5pk === 'string' ? { gsi5pk: item.gsi5pk } : {}),
        });
      } else if (ref.kind === 'proposal') {
        const item = byPk.get(keys.proposal(ref.id).pk);
        if (!item) continue;
        loaded.set(refKey(ref), {
          ref,
          consultationId: String(item.consultationId),
          commitmentId: typeof item.commitmentId === 'string' ? item.commitmentId : null,
          ...(typeof item.responseId === 'string' ? { responseId: item.responseId } : {}),
          version: Number(item.version),
          answerable: item.visibility !== 'hidden',
        });
      } else {
        const { meetingId, contributionId } = splitMeetingContribution(ref.id);
        const meeting = byPk.get(keys.meeting(meetingId).pk) as MeetingItem | undefined;
        const contribution = meeting?.contributions.find((c) => c.id === contributionId);
        if (!meeting || !contribution) continue;
        const responseId = meeting.responses?.[contributionId];
        loaded.set(refKey(ref), {
          ref,
          consultationId: meeting.consultationId,
          commitmentId: contribution.commitmentId ?? null,
          ...(responseId !== undefined ? { responseId } : {}),
          version: meeting.version,
          answerable: true,
          meetingId,
          contributionId,
        });
      }
    }
    return loaded;
  }

  /** The change to one comment or proposal as the response starts (cover) or stops (uncover) covering it. */
  function contributionUpdate(
    target: Loaded,
    responseId: string,
    cover: boolean,
    consultationId: string,
  ): TransactItem {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':version': target.version, ':next': target.version + 1 };
    const set = ['#version = :next'];
    const remove: string[] = [];
    const conditions = ['#version = :version'];
    if (cover) {
      set.push('responseId = :responseId');
      values[':responseId'] = responseId;
    } else {
      remove.push('responseId');
      conditions.push('responseId = :responseId');
      values[':responseId'] = responseId;
    }
    if (target.ref.kind === 'comment') {
      const unanswered = indexKeys.unanswered(consultationId);
      if (cover && target.gsi5pk === unanswered) remove.push('gsi5pk', 'gsi5sk');
      if (!cover && target.status === 'published' && target.gsi5pk === undefined) {
        const position = unansweredIndexKeys({
          consultationId,
          commitmentId: target.commitmentId as string,
          id: target.ref.id,
        });
        set.push('gsi5pk = :gsi5pk', 'gsi5sk = :gsi5sk');
        values[':gsi5pk'] = position.gsi5pk;
        values[':gsi5sk'] = position.gsi5sk;
      }
    } else {
      names['#status'] = 'status';
      set.push('#status = :status');
      values[':status'] = cover ? 'answered' : 'under-review';
    }
    return {
      Update: {
        TableName: tableName,
        Key: target.ref.kind === 'comment' ? keys.comment(target.ref.id) : keys.proposal(target.ref.id),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** One update per meeting: the map of its contributions' responses (conditioned on the meeting's version). */
  function meetingUpdate(
    meetingId: string,
    version: number,
    cover: string[],
    uncover: string[],
    responseId: string,
  ): TransactItem {
    const names: Record<string, string> = { '#version': 'version', '#responses': 'responses' };
    const values: Record<string, unknown> = { ':version': version };
    const set: string[] = [];
    const remove: string[] = [];
    cover.forEach((id, i) => {
      names[`#c${i}`] = id;
      set.push(`#responses.#c${i} = :responseId`);
    });
    uncover.forEach((id, i) => {
      names[`#u${i}`] = id;
      remove.push(`#responses.#u${i}`);
    });
    values[':responseId'] = responseId;
    return {
      Update: {
        TableName: tableName,
        Key: keys.meeting(meetingId),
        UpdateExpression: [
          set.length ? `SET ${set.join(', ')}` : '',
          remove.length ? `REMOVE ${remove.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  async function save({ responseId, input, actor, at }: SaveResponse): Promise<ResponseItem> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await get<ResponseItem>(keys.response(responseId));
      if (input.expectedVersion === undefined && existing) throw new ConflictError('the response exists');
      if (input.expectedVersion !== undefined) {
        if (!existing) throw new NotFoundError('response');
        if (existing.version !== input.expectedVersion) throw new ConflictError('stale response version');
      }
      const before = existing?.contributions ?? [];
      const loaded = await load([...before, ...input.contributions]);
      const first = loaded.get(refKey(input.contributions[0] as ContributionRef));
      const consultationId = existing?.consultationId ?? first?.consultationId;

      const targets: ResponseTarget[] = input.contributions.map((ref, index) => {
        const found = loaded.get(refKey(ref));
        if (!found) {
          throw contributionIssue(index, 'Ky kontribut nuk u gjet.', 'This contribution was not found.');
        }
        if (found.consultationId !== consultationId) {
          throw contributionIssue(
            index,
            'Ky kontribut i përket një konsultimi tjetër.',
            'This contribution belongs to another consultation.',
          );
        }
        if (found.responseId !== undefined && found.responseId !== responseId) {
          throw contributionIssue(
            index,
            'Ky kontribut ka tashmë një përgjigje tjetër; ndryshoni atë.',
            'This contribution already has another response; edit that one.',
          );
        }
        if (!found.answerable && found.responseId !== responseId) {
          throw contributionIssue(
            index,
            'Ky kontribut nuk është publik (në pritje, i fshehur ose i fshirë).',
            'This contribution is not public (pending, hidden or deleted).',
          );
        }
        return { kind: ref.kind, id: ref.id, commitmentId: found.commitmentId };
      });
      if (
        input.mergedInto !== undefined &&
        input.contributions.some((ref) => refKey(ref) === refKey(input.mergedInto as ContributionRef))
      ) {
        throw new ValidationError([
          {
            field: 'mergedInto',
            message: {
              sq: 'Një kontribut nuk mund të bashkohet me veten.',
              en: 'A contribution cannot be merged into itself.',
            },
          },
        ]);
      }
      const cid = consultationId as string;

      const afterKeys = new Set(input.contributions.map(refKey));
      const beforeKeys = new Set(before.map(refKey));
      const added = input.contributions.filter((ref) => !beforeKeys.has(refKey(ref)));
      const dropped = before.filter((ref) => !afterKeys.has(refKey(ref)));

      const version = (existing?.version ?? 0) + 1;
      const item: ResponseItem = {
        ...keys.response(responseId),
        type: 'RESPONSE',
        id: responseId,
        consultationId: cid,
        version,
        contributions: input.contributions.map(({ kind, id }) => ({ kind, id })),
        targets,
        disposition: input.disposition,
        ...(input.mergedInto ? { mergedInto: { kind: input.mergedInto.kind, id: input.mergedInto.id } } : {}),
        justification: {
          sq: input.justification.sq,
          ...(input.justification.en !== undefined ? { en: input.justification.en } : {}),
        },
        createdAt: existing?.createdAt ?? at,
        createdBy: existing?.createdBy ?? actor,
        updatedAt: at,
        updatedBy: actor,
        gsi1pk: indexKeys.responses(cid),
        gsi1sk: responseId,
      };
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: item,
            ...(existing
              ? {
                  ConditionExpression: '#version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': existing.version },
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
      ];
      const audit = auditPut(tableName, {
        consultationId: cid,
        at,
        actor,
        action: existing ? 'response.update' : 'response.create',
        target: { kind: 'response', id: responseId },
        ...(existing ? { from: `${existing.disposition} v${existing.version}` } : {}),
        to: `${input.disposition} v${version}`,
      });
      items.push(audit.item);

      const meetings = new Map<string, { version: number; cover: string[]; uncover: string[] }>();
      const change = (ref: ContributionRef, cover: boolean) => {
        const target = loaded.get(refKey(ref));
        // A dropped contribution that no longer exists has nothing to update.
        if (!target) return;
        if (ref.kind === 'meeting-contribution') {
          const entry = meetings.get(target.meetingId as string) ?? { version: target.version, cover: [], uncover: [] };
          (cover ? entry.cover : entry.uncover).push(target.contributionId as string);
          meetings.set(target.meetingId as string, entry);
        } else if (!cover && target.responseId !== responseId) {
          // Already uncovered (e.g. by an earlier attempt's race): nothing to take back.
        } else {
          items.push(contributionUpdate(target, responseId, cover, cid));
        }
      };
      for (const ref of added) change(ref, true);
      for (const ref of dropped) change(ref, false);
      for (const [meetingId, entry] of meetings) {
        items.push(meetingUpdate(meetingId, entry.version, entry.cover, entry.uncover, responseId));
      }
      if (items.length > 100) {
        throw new ValidationError([
          {
            field: 'contributions',
            message: {
              sq: 'Shumë ndryshime njëherësh: ndajeni në disa përgjigje.',
              en: 'Too many changes at once: split them into several responses.',
            },
          },
        ]);
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return item;
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw new ConflictError('the response changed in the meantime');
        const codes = cancellationCodes(error);
        // A contribution changed between the read and the write (a reaction, a moderator): read again.
        if (!codes?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
      }
    }
    throw new ServiceUnavailableError(1);
  }

  const unansweredCursorSchema = (partition: string) =>
    z
      .strictObject({
        pk: z.string(),
        sk: z.literal('COMMENT'),
        gsi5pk: z.literal(partition),
        gsi5sk: z.string().max(120),
      })
      .refine((key) => {
        const id = key.gsi5sk.split('#')[1];
        return id !== undefined && ulidText.safeParse(id).success && key.pk === keys.comment(id).pk;
      });

  async function openProposals(consultationId: string) {
    const lists = await Promise.all(
      (['pending', 'approved'] as const).map((visibility) =>
        queryAll({
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :list',
          ExpressionAttributeValues: { ':list': indexKeys.proposalsByStatus(consultationId, visibility) },
          // Never the contact or the registration number.
          ProjectionExpression: 'id, commitmentId, sectionId, title, objective, createdAt, responseId',
        }),
      ),
    );
    return lists.flat();
  }

  async function meetingsOf(consultationId: string) {
    return (await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :meetings',
      ExpressionAttributeValues: { ':meetings': indexKeys.meetings(consultationId) },
      ProjectionExpression: 'id, #date, contributions, responses',
      ExpressionAttributeNames: { '#date': 'date' },
    })) as Pick<MeetingItem, 'id' | 'date' | 'contributions' | 'responses'>[];
  }

  return {
    find: (responseId) => get<ResponseItem>(keys.response(responseId)),

    async page(consultationId, { limit, cursor }) {
      const partition = indexKeys.responses(consultationId);
      const start =
        cursor === undefined
          ? undefined
          : decodeCursor(
              cursor,
              z
                .strictObject({
                  pk: z.string(),
                  sk: z.literal('RESPONSE'),
                  gsi1pk: z.literal(partition),
                  gsi1sk: ulidText,
                })
                .refine((key) => key.pk === keys.response(key.gsi1sk).pk),
            );
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :responses',
          ExpressionAttributeValues: { ':responses': partition },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const last = output.LastEvaluatedKey;
      return {
        responses: (output.Items ?? []) as ResponseItem[],
        ...(last
          ? { nextCursor: encodeCursor({ pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk }) }
          : {}),
      };
    },

    async all(consultationId) {
      return (await queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :responses',
        ExpressionAttributeValues: { ':responses': indexKeys.responses(consultationId) },
      })) as ResponseItem[];
    },

    save,

    async unansweredCounts(consultationId) {
      const counts = new Map<string, UnansweredCount>();
      const add = (kind: ContributionRef['kind'], commitmentId: string | null) => {
        const key = `${kind}|${commitmentId}`;
        const entry = counts.get(key) ?? { kind, commitmentId, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      };
      const [listed, reported, proposals, meetings] = await Promise.all([
        queryAll({
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :unanswered',
          ExpressionAttributeValues: { ':unanswered': indexKeys.unanswered(consultationId) },
          ProjectionExpression: 'gsi5sk',
        }),
        // Reported comments are still public; they wait in the moderators' queue instead of the unanswered list.
        queryAll({
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :reported',
          ExpressionAttributeValues: { ':reported': indexKeys.moderationQueue(consultationId, 'reported') },
          ProjectionExpression: 'commitmentId, responseId',
        }),
        openProposals(consultationId),
        meetingsOf(consultationId),
      ]);
      for (const item of listed) add('comment', String(item.gsi5sk).split('#')[0] as string);
      for (const item of reported) if (item.responseId === undefined) add('comment', String(item.commitmentId));
      for (const item of proposals) {
        if (item.responseId === undefined)
          add('proposal', typeof item.commitmentId === 'string' ? item.commitmentId : null);
      }
      for (const meeting of meetings) {
        for (const contribution of meeting.contributions ?? []) {
          if (meeting.responses?.[contribution.id] === undefined)
            add('meeting-contribution', contribution.commitmentId ?? null);
        }
      }
      return [...counts.values()];
    },

    async unanswered(consultationId, { kind, commitmentId, limit, cursor }) {
      if (kind === 'comment') {
        const partition = indexKeys.unanswered(consultationId);
        const start = cursor === undefined ? undefined : decodeCursor(cursor, unansweredCursorSchema(partition));
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi5',
            KeyConditionExpression:
              commitmentId === undefined ? 'gsi5pk = :list' : 'gsi5pk = :list AND begins_with(gsi5sk, :commitment)',
            ExpressionAttributeValues: {
              ':list': partition,
              ...(commitmentId === undefined ? {} : { ':commitment': `${commitmentId}#` }),
            },
            // Text and place only: never the participant id or the display name.
            ProjectionExpression: 'pk, sk, gsi5pk, gsi5sk, id, commitmentId, sectionId, parentId, body, createdAt',
            Limit: limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        const last = output.LastEvaluatedKey;
        return {
          items: (output.Items ?? []).map((item) => ({
            kind: 'comment' as const,
            id: String(item.id),
            commitmentId: String(item.commitmentId),
            ...(typeof item.sectionId === 'string' ? { sectionId: item.sectionId } : {}),
            text: String(item.body),
            createdAt: String(item.createdAt),
          })),
          ...(last
            ? { nextCursor: encodeCursor({ pk: last.pk, sk: last.sk, gsi5pk: last.gsi5pk, gsi5sk: last.gsi5sk }) }
            : {}),
        };
      }
      // Proposals (a few hundred at most) and meeting contributions come in one page.
      if (cursor !== undefined) return { items: [] };
      if (kind === 'proposal') {
        const proposals = await openProposals(consultationId);
        return {
          items: proposals
            .filter(
              (p) => p.responseId === undefined && (commitmentId === undefined || p.commitmentId === commitmentId),
            )
            .map((p) => ({
              kind: 'proposal' as const,
              id: String(p.id),
              ...(typeof p.commitmentId === 'string' ? { commitmentId: p.commitmentId } : {}),
              ...(typeof p.sectionId === 'string' ? { sectionId: p.sectionId } : {}),
              title: String(p.title),
              text: String(p.objective),
              createdAt: String(p.createdAt),
            })),
        };
      }
      const meetings = await meetingsOf(consultationId);
      return {
        items: meetings.flatMap((meeting) =>
          (meeting.contributions ?? [])
            .filter((c) => meeting.responses?.[c.id] === undefined)
            .filter((c) => commitmentId === undefined || c.commitmentId === commitmentId)
            .map((c) => ({
              kind: 'meeting-contribution' as const,
              id: `${meeting.id}/${c.id}`,
              ...(c.commitmentId !== undefined ? { commitmentId: c.commitmentId } : {}),
              text: c.text.sq,
              createdAt: meeting.date,
            })),
        ),
      };
    },

    async reportMarker(consultationId) {
      const item = await get<ReportMarker>(keys.responseReport(consultationId));
      return item
        ? { consultationId: item.consultationId, publishedAt: item.publishedAt, lastPublishedAt: item.lastPublishedAt }
        : undefined;
    },

    async publish(consultationId, { actor, at, note }) {
      const audit = auditPut(tableName, {
        consultationId,
        at,
        actor,
        action: 'response-report.publish',
        target: { kind: 'response-report', id: consultationId },
        note,
      });
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.responseReport(consultationId),
                UpdateExpression:
                  'SET #type = :type, consultationId = :consultationId, publishedAt = if_not_exists(publishedAt, :at), lastPublishedAt = :at, lastPublishedBy = :actor',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: {
                  ':type': 'RESPONSE_REPORT',
                  ':consultationId': consultationId,
                  ':at': at,
                  ':actor': actor,
                },
              },
            },
            audit.item,
          ],
        }),
      );
      const marker = await get<ReportMarker>(keys.responseReport(consultationId));
      if (!marker) throw new ServiceUnavailableError(1);
      return {
        marker: { consultationId, publishedAt: marker.publishedAt, lastPublishedAt: marker.lastPublishedAt },
        auditId: audit.id,
      };
    },
  };
}
