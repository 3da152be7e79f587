import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog } from '#shared/catalog.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Clock } from '#shared/ports.ts';
import type { AttachmentStore } from '#shared/proposals.ts';
import type { HttpHandler } from '../commons/http.ts';
import { createDynamoAuditLog } from '../repositories/audit-log.ts';
import { createDynamoMeetingRepository } from '../repositories/meeting-repository.ts';
import { createDynamoModerationRepository } from '../repositories/moderation-repository.ts';
import { createDynamoStaffProposalReader } from '../repositories/proposal-reader.ts';
import { createDynamoProposalRepository } from '../repositories/proposal-repository.ts';
import { createDynamoResponseRepository } from '../repositories/response-repository.ts';
import { auditActions } from './audit.ts';
import { type AuthSettings, authConfigActions } from './auth-config.ts';
import { meetingActions } from './meetings.ts';
import { moderationActions } from './moderation.ts';
import { createStaffHandler, type StaffAction } from './pipeline.ts';
import { localDownloadActions, staffProposalActions } from './proposals.ts';
import { responseActions } from './responses.ts';

export type StaffWiring = {
  catalog: Catalog;
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  cookieSecret: () => Promise<Buffer>;
  auth: AuthSettings;
  /** The proposals' files (the uploads bucket in AWS, a directory locally): staff download links. */
  attachments: AttachmentStore;
};

/** Every staff route on the DynamoDB repositories: used by the Lambda entry and by whole-API tests. */
export function createStaffActions({
  catalog,
  client,
  tableName,
  attachments,
}: Pick<StaffWiring, 'catalog' | 'client' | 'tableName'> & Partial<Pick<StaffWiring, 'attachments'>>): Record<
  string,
  StaffAction
> {
  const proposalActions = staffProposalActions({
    catalog,
    proposals: createDynamoProposalRepository(client, tableName),
    reader: createDynamoStaffProposalReader(client, tableName),
    attachments: attachments ?? noAttachments,
  });
  return {
    'GET /api/admin/me': async (_event, { staff }) => ({
      body: { sub: staff.sub, username: staff.username, groups: staff.groups },
    }),
    ...moderationActions({ catalog, moderation: createDynamoModerationRepository(client, tableName) }),
    ...proposalActions,
    ...responseActions({ catalog, responses: createDynamoResponseRepository(client, tableName) }),
    ...meetingActions({ catalog, meetings: createDynamoMeetingRepository(client, tableName) }),
    ...auditActions({ catalog, audit: createDynamoAuditLog(client, tableName) }),
  };
}

export function createStaffFunction(wiring: StaffWiring): HttpHandler {
  return createStaffHandler({ clock: wiring.clock, cookieSecret: wiring.cookieSecret }, createStaffActions(wiring), {
    ...authConfigActions(wiring.auth),
    ...localDownloadActions(wiring.attachments, wiring.clock),
  });
}

/** Tests of other staff routes may leave the files out: then every download link is a 404. */
const noAttachments: AttachmentStore = {
  uploadTarget: () => Promise.reject(new Error('no attachment store')),
  inspect: async () => undefined,
  accept: () => Promise.reject(new Error('no attachment store')),
  discard: async () => undefined,
  downloadUrl: () => Promise.reject(new NotFoundError('attachment')),
};
