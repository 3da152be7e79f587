import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog } from '#shared/catalog.ts';
import type { Clock } from '#shared/ports.ts';
import type { HttpHandler } from '../commons/http.ts';
import { createDynamoAuditLog } from '../repositories/audit-log.ts';
import { createDynamoMeetingRepository } from '../repositories/meeting-repository.ts';
import { createDynamoModerationRepository } from '../repositories/moderation-repository.ts';
import { createDynamoResponseRepository } from '../repositories/response-repository.ts';
import { auditActions } from './audit.ts';
import { type AuthSettings, authConfigActions } from './auth-config.ts';
import { meetingActions } from './meetings.ts';
import { moderationActions } from './moderation.ts';
import { createStaffHandler, type StaffAction } from './pipeline.ts';
import { responseActions } from './responses.ts';

export type StaffWiring = {
  catalog: Catalog;
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  cookieSecret: () => Promise<Buffer>;
  auth: AuthSettings;
};

/** Every staff route on the DynamoDB repositories: used by the Lambda entry and by whole-API tests. */
export function createStaffActions({
  catalog,
  client,
  tableName,
}: Pick<StaffWiring, 'catalog' | 'client' | 'tableName'>): Record<string, StaffAction> {
  return {
    'GET /api/admin/me': async (_event, { staff }) => ({
      body: { sub: staff.sub, username: staff.username, groups: staff.groups },
    }),
    ...moderationActions({ catalog, moderation: createDynamoModerationRepository(client, tableName) }),
    ...responseActions({ catalog, responses: createDynamoResponseRepository(client, tableName) }),
    ...meetingActions({ catalog, meetings: createDynamoMeetingRepository(client, tableName) }),
    ...auditActions({ catalog, audit: createDynamoAuditLog(client, tableName) }),
  };
}

export function createStaffFunction(wiring: StaffWiring): HttpHandler {
  return createStaffHandler(
    { clock: wiring.clock, cookieSecret: wiring.cookieSecret },
    createStaffActions(wiring),
    authConfigActions(wiring.auth),
  );
}
