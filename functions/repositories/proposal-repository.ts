import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '#shared/errors.ts';
import { keys } from '#shared/keys.ts';
import {
  type AttachmentItem,
  type ProposalItem,
  proposalModerationTarget,
  type ResponseView,
  visibilityIndexKeys,
} from '#shared/proposals.ts';
import type { ProposalVisibility } from '#shared/schemas/proposal.ts';
import type { HideReason, ModerationAction } from '#shared/schemas/staff.ts';
import type { StaffActor } from '#shared/staff.ts';
import { auditPut } from './audit-log.ts';
import type { IdempotentWrite, StoredResponse } from './comment-repository.ts';
import { conditionFailedAt, isRetryableCancellation, withOptimisticRetry } from './transactions.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MAX_ATTEMPTS = 8;

export type NewProposal = {
  proposal: ProposalItem;
  /** sha256 of the receipt token: the token itself is never stored. */
  receiptHash: string;
  /** The attachments it keeps, in the order of the request (errors name `attachmentIds.<index>`). */
  attachmentIds: readonly string[];
  /** The participant who uploaded them (and whose idempotency key this is). */
  participantId: string;
  idempotency?: IdempotentWrite;
};

export interface ProposalRepository {
  /** The answer stored under the participant's idempotency key, if that key was used. */
  storedResponse(participantId: string, idempotencyKey: string): Promise<StoredResponse | undefined>;
  /** Records an upload form handed out (the file is expected in quarantine under the same id). */
  createAttachment(item: AttachmentItem): Promise<void>;
  /** The attachment items of these ids (strongly consistent); unknown ids are absent from the map. */
  attachments(ids: readonly string[]): Promise<Map<string, AttachmentItem>>;
  /**
   * Writes the proposal, its receipt and its attachments' new state in one transaction with the idempotency record.
   * Returns the stored answer instead when the key was used already (then nothing is written). An attachment that
   * another proposal took in between is a ValidationError naming it.
   */
  create(proposal: NewProposal): Promise<StoredResponse | undefined>;
  /** The proposal a receipt (by token hash) points to, or undefined. */
  findByReceipt(receiptHash: string): Promise<ProposalItem | undefined>;
  find(proposalId: string): Promise<ProposalItem | undefined>;
  /** The drafters' reasoned response, once given. */
  response(responseId: string): Promise<ResponseView | undefined>;
  /**
   * Moderation (the staff console, issue 6): moves the proposal to the pending, approved (public) or hidden list.
   * With `expectedVersion`, a proposal changed in the meantime is a ConflictError. Returns the new state.
   */
  setVisibility(proposalId: string, visibility: ProposalVisibility, expectedVersion?: number): Promise<ProposalItem>;
  /**
   * A moderator's action (approve, hide, restore; proposalModerationTarget) through the same visibility change, in
   * one transaction with its append-only audit entry. An action that does not apply is a ConflictError.
   */
  moderate(
    proposalId: string,
    request: ProposalModerationRequest,
  ): Promise<{ proposal: ProposalItem; auditId: string }>;
}

export type ProposalModerationRequest = {
  action: ModerationAction;
  reason?: HideReason;
  note?: string;
  actor: StaffActor;
  at: string;
};

/** Proposals, their receipts and attachment records on the single table (docs/data-model.md, patterns 14-16). */
export function createDynamoProposalRepository(client: DynamoDBDocumentClient, tableName: string): ProposalRepository {
  async function get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item as T | undefined;
  }

  async function storedResponse(participantId: string, idempotencyKey: string): Promise<StoredResponse | undefined> {
    const item = await get<Record<string, unknown>>(keys.idempotency(participantId, idempotencyKey));
    if (!item) return undefined;
    return { status: Number(item.status), body: JSON.parse(String(item.body)) };
  }

  async function find(proposalId: string): Promise<ProposalItem | undefined> {
    return get<ProposalItem>(keys.proposal(proposalId));
  }

  /**
   * Moves a proposal to the list `target` chooses from its current state: the proposal update conditioned on its
   * version and, for a staff action, the audit entry, in one transaction. A concurrent change is re-read (or, with
   * `expectedVersion`, is a ConflictError).
   */
  async function changeVisibility(
    proposalId: string,
    target: (current: ProposalItem) => ProposalVisibility,
    expectedVersion?: number,
    moderation?: ProposalModerationRequest,
  ): Promise<{ proposal: ProposalItem; auditId?: string }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await find(proposalId);
      if (!current) throw new NotFoundError('proposal');
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw new ConflictError('stale');
      const visibility = target(current);
      const index = visibilityIndexKeys(current.consultationId, current.id, visibility);
      const update = {
        TableName: tableName,
        Key: keys.proposal(proposalId),
        UpdateExpression: 'SET visibility = :visibility, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, #version = :next',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':visibility': visibility,
          ':gsi1pk': index.gsi1pk,
          ':gsi1sk': index.gsi1sk,
          ':version': current.version,
          ':next': current.version + 1,
        },
      };
      const updated: ProposalItem = { ...current, visibility, ...index, version: current.version + 1 };
      try {
        if (!moderation) {
          const { Attributes } = await client.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
          return { proposal: Attributes as ProposalItem };
        }
        const audit = auditPut(tableName, {
          consultationId: current.consultationId,
          at: moderation.at,
          actor: moderation.actor,
          action: `proposal.${moderation.action}`,
          target: { kind: 'proposal', id: current.id },
          from: current.visibility,
          to: visibility,
          ...(moderation.reason !== undefined ? { reason: moderation.reason } : {}),
          ...(moderation.note !== undefined ? { note: moderation.note } : {}),
        });
        await client.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, audit.item] }));
        return { proposal: updated, auditId: audit.id };
      } catch (error) {
        const stale = error instanceof ConditionalCheckFailedException || conditionFailedAt(error, 0);
        if (!stale && !isRetryableCancellation(error)) throw error;
        // Changed between the read and the write: the caller's conflict when it named a version, else read again.
        if (stale && expectedVersion !== undefined) throw new ConflictError('stale');
      }
    }
    throw new ServiceUnavailableError(1);
  }

  return {
    storedResponse,
    find,

    async createAttachment(item) {
      await client.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    },

    async attachments(ids) {
      const found = new Map<string, AttachmentItem>();
      let pending: Record<string, unknown>[] = [...new Set(ids)].map((id) => keys.attachment(id));
      for (let round = 0; pending.length > 0 && round < 5; round++) {
        const output = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of (output.Responses?.[tableName] ?? []) as AttachmentItem[]) found.set(item.id, item);
        pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      if (pending.length > 0) throw new Error('attachments could not be read (unprocessed keys)');
      return found;
    },

    create({ proposal, receiptHash, attachmentIds, participantId, idempotency }) {
      const items: TransactItem[] = [
        { Put: { TableName: tableName, Item: proposal, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.receipt(receiptHash),
              type: 'RECEIPT',
              proposalId: proposal.id,
              createdAt: proposal.createdAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      const firstAttachment = items.length;
      for (const id of attachmentIds) {
        items.push({
          Update: {
            TableName: tableName,
            Key: keys.attachment(id),
            // Kept by the proposal: no longer expires and no longer tied to the participant.
            UpdateExpression: 'SET #status = :attached, proposalId = :proposalId REMOVE participantId, expiresAt',
            ConditionExpression: '#status = :awaiting AND participantId = :participantId',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':attached': 'attached',
              ':awaiting': 'awaiting',
              ':proposalId': proposal.id,
              ':participantId': participantId,
            },
          },
        });
      }
      let idempotencyIndex: number | undefined;
      if (idempotency) {
        idempotencyIndex = items.length;
        items.push({
          Put: {
            TableName: tableName,
            Item: {
              ...keys.idempotency(participantId, idempotency.key),
              type: 'IDEMPOTENCY',
              status: idempotency.response.status,
              body: JSON.stringify(idempotency.response.body),
              expiresAt: idempotency.expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      return withOptimisticRetry(async () => {
        try {
          await client.send(new TransactWriteCommand({ TransactItems: items }));
          return undefined;
        } catch (error) {
          if (idempotency && idempotencyIndex !== undefined && conditionFailedAt(error, idempotencyIndex)) {
            const stored = await storedResponse(participantId, idempotency.key);
            if (stored) return stored;
          }
          const taken = attachmentIds.flatMap((_, i) => (conditionFailedAt(error, firstAttachment + i) ? [i] : []));
          if (taken.length > 0) {
            throw new ValidationError(
              taken.map((i) => ({
                field: `attachmentIds.${i}`,
                message: {
                  sq: 'Ky skedar është bashkëngjitur tashmë te një propozim tjetër. Ngarkojeni përsëri.',
                  en: 'This file is already attached to another proposal. Upload it again.',
                },
              })),
            );
          }
          throw error;
        }
      });
    },

    async findByReceipt(receiptHash) {
      const receipt = await get<{ proposalId?: string }>(keys.receipt(receiptHash));
      return typeof receipt?.proposalId === 'string' ? find(receipt.proposalId) : undefined;
    },

    async response(responseId) {
      const item = await get<ResponseView>(keys.response(responseId));
      return item
        ? { disposition: item.disposition, justification: item.justification, updatedAt: item.updatedAt }
        : undefined;
    },

    setVisibility(proposalId, visibility, expectedVersion) {
      return changeVisibility(proposalId, () => visibility, expectedVersion).then(({ proposal }) => proposal);
    },

    moderate(proposalId, request) {
      return changeVisibility(
        proposalId,
        (current) => proposalModerationTarget(current.visibility, request.action),
        undefined,
        request,
      ).then(({ proposal, auditId }) => ({ proposal, auditId: auditId as string }));
    },
  };
}
