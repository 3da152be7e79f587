import type { Catalog } from '#shared/catalog.ts';
import { NotFoundError } from '#shared/errors.ts';
import {
  type AttachmentStore,
  acceptedKey,
  contentDisposition,
  DOWNLOAD_LINK_SECONDS,
  toStaffProposal,
} from '#shared/proposals.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import { PDF_CONTENT_TYPE } from '#shared/schemas/proposal.ts';
import {
  type AttachmentDownload,
  type ProposalModerationResult,
  proposalModerationInputSchema,
  staffProposalQuerySchema,
} from '#shared/schemas/staff.ts';
import type { StaffIdentity } from '#shared/staff.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter, type RouteAction } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { StaffProposalReader } from '../repositories/proposal-reader.ts';
import type { ProposalRepository } from '../repositories/proposal-repository.ts';
import { consultationFrom } from './moderation.ts';
import type { StaffAction } from './pipeline.ts';

export type StaffProposalDeps = {
  catalog: Catalog;
  proposals: ProposalRepository;
  reader: StaffProposalReader;
  attachments: AttachmentStore;
};

/**
 * Who sees an organisation's contact person (name, email, phone): drafters and admins, who answer and follow up the
 * proposal. Moderators judge what becomes public and never see it. The registration number is organisation data
 * and shown to every staff member.
 */
export const seesProposalContact = (staff: StaffIdentity): boolean =>
  staff.groups.includes('drafter') || staff.groups.includes('admin');

function proposalIdFrom(value: string): string {
  if (!ulidSchema.safeParse(value).success) throw new NotFoundError('proposal');
  return value;
}

/**
 * Proposals in the staff API: the lists by visibility (pending is the moderation queue), moderation (one
 * transaction with its audit entry, proposal-repository.ts) and short-lived download links to the attachments.
 */
export function staffProposalActions({
  catalog,
  proposals,
  reader,
  attachments,
}: StaffProposalDeps): Record<string, StaffAction> {
  return {
    'GET /api/admin/consultations/{consultationId}/proposals': async (event, { staff }) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const { visibility, limit, cursor } = parseInput(staffProposalQuerySchema, event.queryStringParameters ?? {});
      const page = await reader.byVisibility(consultationId, visibility, {
        limit,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const withContact = seesProposalContact(staff);
      return {
        body: {
          visibility,
          proposals: page.items.map((item) => toStaffProposal(item, { withContact })),
          ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },

    'POST /api/admin/proposals/{proposalId}/moderation': async (event, context) => {
      const input = parseInput(proposalModerationInputSchema, parseJsonBody(event));
      const proposalId = proposalIdFrom(pathParameter(event, 'proposalId'));
      const { proposal, auditId } = await proposals.moderate(proposalId, {
        action: input.action,
        ...(input.action === 'hide' ? { reason: input.reason } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        actor: { sub: context.staff.sub, username: context.staff.username },
        at: context.now.toISOString(),
      });
      const body: ProposalModerationResult = {
        proposalId: proposal.id,
        visibility: proposal.visibility,
        version: proposal.version,
        auditId,
      };
      return { body };
    },

    'GET /api/admin/proposals/{proposalId}/attachments/{attachmentId}': async (event, { now }) => {
      const proposal = await proposals.find(proposalIdFrom(pathParameter(event, 'proposalId')));
      const attachment = proposal?.attachments.find((a) => a.id === pathParameter(event, 'attachmentId'));
      // An unknown proposal and a file of another proposal get the same answer.
      if (!attachment) throw new NotFoundError('attachment');
      const url = await attachments.downloadUrl(acceptedKey(attachment.id), {
        fileName: attachment.fileName,
        expiresInSeconds: DOWNLOAD_LINK_SECONDS,
        now,
      });
      const body: AttachmentDownload = {
        url,
        expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
      };
      return { body };
    },
  };
}

/**
 * The local runtime's download route (localOnly, absent from AWS): serves the file behind a signed link of the disk
 * store, as S3 serves a presigned GET. Anything wrong (signature, expiry, missing file) is a 404.
 */
export function localDownloadActions(attachments: AttachmentStore, clock: () => Date): Record<string, RouteAction> {
  const { download } = attachments;
  if (!download) return {};
  return {
    'GET /api/local/attachments/{attachmentId}': async (event) => {
      const id = pathParameter(event, 'attachmentId');
      if (!ulidSchema.safeParse(id).success) throw new NotFoundError('attachment');
      const file = await download.call(attachments, id, event.queryStringParameters ?? {}, clock());
      if (!file) throw new NotFoundError('attachment');
      return {
        body: undefined,
        file: {
          bytes: file.bytes,
          headers: {
            'content-type': PDF_CONTENT_TYPE,
            'content-disposition': contentDisposition(file.fileName),
            'content-length': String(file.bytes.length),
          },
        },
      };
    },
  };
}
