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
import { createDynamoSummaryJobRepository } from '../repositories/summary-job-repository.ts';
import type { ExportStore } from '../storage/export-store.ts';
import type { JobLauncher } from '../summary-job/launcher.ts';
import { auditActions } from './audit.ts';
import { type AuthSettings, authConfigActions } from './auth-config.ts';
import { meetingActions } from './meetings.ts';
import { moderationActions } from './moderation.ts';
import { createStaffHandler, type StaffAction } from './pipeline.ts';
import { localDownloadActions, staffProposalActions } from './proposals.ts';
import { responseActions } from './responses.ts';
import { localExportActions, summaryJobActions } from './summary-jobs.ts';

export type StaffWiring = {
  catalog: Catalog;
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  cookieSecret: () => Promise<Buffer>;
  auth: AuthSettings;
  /** The proposals' files (the uploads bucket in AWS, a directory locally): staff download links. */
  attachments: AttachmentStore;
  /** Summary jobs: where their files are (the exports bucket in AWS, a directory locally) and how a job is started. */
  summaries?: { exports: ExportStore; launch: JobLauncher };
};

/** Every staff route on the DynamoDB repositories: used by the Lambda entry and by whole-API tests. */
export function createStaffActions({
  catalog,
  client,
  tableName,
  attachments,
  summaries,
}: Pick<StaffWiring, 'catalog' | 'client' | 'tableName'> &
  Partial<Pick<StaffWiring, 'attachments' | 'summaries'>>): Record<string, StaffAction> {
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
    ...summaryJobActions({
      catalog,
      jobs: createDynamoSummaryJobRepository(client, tableName),
      ...(summaries ?? noSummaries),
    }),
  };
}

export function createStaffFunction(wiring: StaffWiring): HttpHandler {
  return createStaffHandler({ clock: wiring.clock, cookieSecret: wiring.cookieSecret }, createStaffActions(wiring), {
    ...authConfigActions(wiring.auth),
    ...localDownloadActions(wiring.attachments, wiring.clock),
    ...(wiring.summaries ? localExportActions(wiring.summaries.exports, wiring.clock) : {}),
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

/** Tests of other staff routes may leave summaries out: then a job cannot start (503-like error) and has no links. */
const noSummaries: { exports: ExportStore; launch: JobLauncher } = {
  exports: {
    put: () => Promise.reject(new Error('no export store')),
    downloadUrl: () => Promise.reject(new NotFoundError('file')),
  },
  launch: () => Promise.reject(new Error('no job launcher')),
};
