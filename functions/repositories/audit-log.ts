import { type DynamoDBDocumentClient, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import * as z from 'zod';
import { keys } from '#shared/keys.ts';
import type { AuditAction, AuditEntry } from '#shared/schemas/staff.ts';
import type { StaffActor } from '#shared/staff.ts';
import { decodeCursor, encodeCursor, ulidText } from './staff-cursor.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type NewAuditEntry = {
  consultationId: string;
  at: string;
  actor: StaffActor;
  action: AuditAction;
  target: AuditEntry['target'];
  from?: string;
  to?: string;
  reason?: string;
  note?: string;
};

/**
 * The append-only audit entry of a staff action (keys.audit(consultationId, ulid)), as one item of the action's own
 * transaction: the change and its record are written together or not at all. `attribute_not_exists` makes it a pure
 * append; nothing in the code updates or deletes an entry, and the staff role has no DeleteItem.
 */
const nextAuditId = monotonicFactory();

export function auditPut(tableName: string, entry: NewAuditEntry): { id: string; item: TransactItem } {
  const id = nextAuditId(Date.parse(entry.at));
  const record: AuditEntry = {
    id,
    consultationId: entry.consultationId,
    at: entry.at,
    actor: { sub: entry.actor.sub, username: entry.actor.username },
    action: entry.action,
    target: entry.target,
    ...(entry.from !== undefined ? { from: entry.from } : {}),
    ...(entry.to !== undefined ? { to: entry.to } : {}),
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
  return {
    id,
    item: {
      Put: {
        TableName: tableName,
        Item: { ...keys.audit(entry.consultationId, id), type: 'AUDIT', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export type AuditPage = { entries: AuditEntry[]; nextCursor?: string };

export interface AuditLog {
  /** A consultation's entries, newest first. */
  page(consultationId: string, page: { limit: number; cursor?: string }): Promise<AuditPage>;
}

export function createDynamoAuditLog(client: DynamoDBDocumentClient, tableName: string): AuditLog {
  return {
    async page(consultationId, { limit, cursor }) {
      const { pk } = keys.audit(consultationId, '');
      const start =
        cursor === undefined ? undefined : decodeCursor(cursor, z.strictObject({ pk: z.literal(pk), sk: ulidText }));
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          Limit: limit + 1,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const found = output.Items ?? [];
      const items = found.slice(0, limit);
      const last = found.length > limit ? items.at(-1) : output.LastEvaluatedKey;
      return {
        entries: items.map(({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as AuditEntry),
        ...(last ? { nextCursor: encodeCursor({ pk: last.pk, sk: last.sk }) } : {}),
      };
    },
  };
}
