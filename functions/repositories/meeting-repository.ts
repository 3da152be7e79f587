import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { indexKeys, keys } from '#shared/keys.ts';
import type { Meeting } from '#shared/schemas/meeting.ts';
import type { MeetingInput, MeetingRecord } from '#shared/schemas/staff.ts';
import type { StaffActor } from '#shared/staff.ts';
import { auditPut } from './audit-log.ts';
import { conditionFailedAt } from './transactions.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A meeting recorded in the console (pk/sk = keys.meeting(id); gsi1 = the consultation's meetings by date). */
export type MeetingItem = MeetingRecord & { pk: string; sk: string; type: 'MEETING'; gsi1pk: string; gsi1sk: string };

/** The fields a drafter edits; `responses` is written only by the response repository. */
const EDITABLE_FIELDS = [
  'title',
  'venue',
  'municipality',
  'date',
  'startTime',
  'endTime',
  'topic',
  'participantCount',
  'moderator',
  'guests',
  'summary',
  'discussionPoints',
  'contributions',
] as const satisfies readonly (keyof Meeting)[];

export type SaveMeeting = { meetingId: string; input: MeetingInput; actor: StaffActor; at: string };

export interface MeetingRepository {
  list(consultationId: string): Promise<MeetingItem[]>;
  find(meetingId: string): Promise<MeetingItem | undefined>;
  /**
   * Creates (no expectedVersion) or edits (expectedVersion = the stored version) a meeting, with its audit entry in
   * the same transaction. A stale version is a ConflictError; an edit never touches which responses answer its
   * contributions, and refuses to drop a contribution that a response covers.
   */
  save(request: SaveMeeting): Promise<{ meeting: MeetingItem; created: boolean }>;
}

export function meetingRecord(item: MeetingItem): MeetingRecord {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...record } = item;
  return { ...record, responses: record.responses ?? {} };
}

export function createDynamoMeetingRepository(client: DynamoDBDocumentClient, tableName: string): MeetingRepository {
  async function find(meetingId: string): Promise<MeetingItem | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.meeting(meetingId), ConsistentRead: true }),
    );
    return Item as MeetingItem | undefined;
  }

  return {
    find,

    async list(consultationId) {
      const meetings: MeetingItem[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :meetings',
            ExpressionAttributeValues: { ':meetings': indexKeys.meetings(consultationId) },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        meetings.push(...((output.Items ?? []) as MeetingItem[]));
        start = output.LastEvaluatedKey;
      } while (start);
      return meetings;
    },

    async save({ meetingId, input, actor, at }) {
      const { expectedVersion, ...fields } = input;
      const existing = await find(meetingId);
      if (expectedVersion === undefined && existing) throw new ConflictError('the meeting exists');
      if (expectedVersion !== undefined) {
        if (!existing) throw new NotFoundError('meeting');
        if (existing.version !== expectedVersion) throw new ConflictError('stale meeting version');
      }
      if (existing && existing.consultationId !== fields.consultationId) {
        throw new ValidationError([
          {
            field: 'consultationId',
            message: {
              sq: 'Takimi nuk mund të kalojë në një konsultim tjetër.',
              en: 'A meeting cannot move to another consultation.',
            },
          },
        ]);
      }
      const kept = new Set(fields.contributions.map((c) => c.id));
      const droppedAnswered = Object.keys(existing?.responses ?? {}).filter((id) => !kept.has(id));
      if (droppedAnswered.length > 0) {
        throw new ValidationError([
          {
            field: 'contributions',
            message: {
              sq: `Kontributet ${droppedAnswered.join(', ')} kanë përgjigje dhe nuk mund të hiqen.`,
              en: `The contributions ${droppedAnswered.join(', ')} have a response and cannot be removed.`,
            },
          },
        ]);
      }
      const version = (existing?.version ?? 0) + 1;
      const index = { gsi1pk: indexKeys.meetings(fields.consultationId), gsi1sk: `${fields.date}#${meetingId}` };
      const audit = auditPut(tableName, {
        consultationId: fields.consultationId,
        at,
        actor,
        action: existing ? 'meeting.update' : 'meeting.create',
        target: { kind: 'meeting', id: meetingId },
        ...(existing ? { from: `v${existing.version}` } : {}),
        to: `v${version}`,
      });
      let write: TransactItem;
      if (!existing) {
        const item: MeetingItem = {
          ...keys.meeting(meetingId),
          type: 'MEETING',
          id: meetingId,
          ...fields,
          version,
          createdAt: at,
          updatedAt: at,
          updatedBy: actor,
          responses: {},
          ...index,
        };
        write = { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
      } else {
        const names: Record<string, string> = {
          '#version': 'version',
          '#updatedAt': 'updatedAt',
          '#updatedBy': 'updatedBy',
        };
        const values: Record<string, unknown> = {
          ':expected': expectedVersion,
          ':next': version,
          ':updatedAt': at,
          ':updatedBy': actor,
          ':gsi1sk': index.gsi1sk,
        };
        const set = ['#version = :next', '#updatedAt = :updatedAt', '#updatedBy = :updatedBy', 'gsi1sk = :gsi1sk'];
        EDITABLE_FIELDS.forEach((field, i) => {
          names[`#f${i}`] = field;
          values[`:f${i}`] = fields[field];
          set.push(`#f${i} = :f${i}`);
        });
        // A response may have been given to a removed contribution since the read: then the edit must fail.
        const conditions = ['#version = :expected'];
        [...(existing.contributions ?? [])]
          .filter((c) => !kept.has(c.id))
          .forEach((c, i) => {
            names[`#r${i}`] = c.id;
            conditions.push(`attribute_not_exists(responses.#r${i})`);
          });
        if (conditions.length > 1) names['#responses'] = 'responses';
        write = {
          Update: {
            TableName: tableName,
            Key: keys.meeting(meetingId),
            UpdateExpression: `SET ${set.join(', ')}`,
            ConditionExpression: conditions.join(' AND ').replaceAll('responses.', '#responses.'),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        };
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: [write, audit.item] }));
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw new ConflictError('the meeting changed in the meantime');
        throw error;
      }
      const saved = await find(meetingId);
      if (!saved) throw new NotFoundError('meeting');
      return { meeting: saved, created: !existing };
    },
  };
}
