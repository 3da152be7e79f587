import { monotonicFactory } from 'ulid';
import type { Catalog } from '#shared/catalog.ts';
import {
  type CommentItem,
  isPubliclyVisible,
  newCommentItem,
  replyTargetIssue,
  toPublicComment,
} from '#shared/comments.ts';
import { NotFoundError, ValidationError } from '#shared/errors.ts';
import { idempotencyExpiry, parseIdempotencyKey } from '#shared/idempotency.ts';
import { ulidSchema } from '#shared/schemas/common.ts';
import { commentInputSchema } from '#shared/schemas/participation.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { CommentRepository, StoredResponse } from '../repositories/comment-repository.ts';
import type { ParticipationAction } from './pipeline.ts';

export type CommentDeps = {
  catalog: Catalog;
  comments: CommentRepository;
  /** New comment ids: ULIDs, increasing within one instance so that "newest first" keeps the order of writes. */
  newId?: () => string;
};

const monotonicUlid = monotonicFactory();

/** The answer to a new comment: the public comment once published, a receipt while it awaits pre-moderation. */
function answerFor(comment: CommentItem): StoredResponse {
  return comment.status === 'published'
    ? { status: 201, body: toPublicComment(comment) }
    : { status: 202, body: { id: comment.id, status: 'pending' } };
}

function commentIdOf(value: string): string {
  if (!ulidSchema.safeParse(value).success) throw new NotFoundError('comment');
  return value;
}

/** `POST /api/commitments/{commitmentId}/comments` and `DELETE /api/comments/{commentId}`. */
export function commentActions({
  catalog,
  comments,
  newId = () => monotonicUlid(),
}: CommentDeps): Record<string, ParticipationAction> {
  return {
    'POST /api/commitments/{commitmentId}/comments': async (event, { participantId, isNewParticipant, now }) => {
      const input = parseInput(commentInputSchema, parseJsonBody(event));
      const idempotencyKey = parseIdempotencyKey(event.headers?.['idempotency-key']);
      const isBot = input.website !== undefined && input.website !== '';
      if (idempotencyKey !== undefined && !isBot) {
        // A retry answers as the first request did, even if the consultation closed in between (a first-time
        // visitor's retry without the lost cookie has the same key-derived participant id: see identifyParticipant).
        const stored = await comments.storedResponse(participantId, idempotencyKey);
        if (stored) return { status: stored.status, body: stored.body };
      }
      const commitment = catalog.assertOpenForParticipation(pathParameter(event, 'commitmentId'), input.sectionId, now);
      const consultationId = commitment.consultationId;
      const status = catalog.consultation(consultationId).moderationMode === 'post' ? 'published' : 'pending';
      const fields = {
        id: newId(),
        consultationId,
        commitmentId: commitment.id,
        body: input.body,
        participantId,
        createdAt: now.toISOString(),
        status,
      } as const;

      if (isBot) {
        // Honeypot: the same answer as an accepted comment, and nothing stored.
        return answerFor(newCommentItem({ ...fields, sectionId: input.sectionId, parentId: input.parentId }));
      }

      const [parent, displayName] = await Promise.all([
        input.parentId === undefined ? undefined : comments.find(input.parentId),
        isNewParticipant ? undefined : comments.displayNameOf(participantId),
      ]);
      let sectionId = input.sectionId;
      if (input.parentId !== undefined) {
        if (!parent || !isPubliclyVisible(parent)) throw new NotFoundError('comment');
        const issue = replyTargetIssue(parent, commitment.id);
        if (issue) throw new ValidationError([issue]);
        if (sectionId !== undefined && sectionId !== parent.sectionId) {
          throw new ValidationError([
            {
              field: 'sectionId',
              message: {
                sq: 'Një përgjigje i përket seksionit të komentit që përgjigjet.',
                en: 'A reply belongs to the section of the comment it answers.',
              },
            },
          ]);
        }
        sectionId = parent.sectionId;
      }

      const comment = newCommentItem({ ...fields, sectionId, parentId: input.parentId, displayName });
      const answer = answerFor(comment);
      const replayed = await comments.create(
        comment,
        idempotencyKey === undefined
          ? undefined
          : { key: idempotencyKey, response: answer, expiresAt: idempotencyExpiry(now) },
      );
      const { status: code, body } = replayed ?? answer;
      return { status: code, body };
    },

    'DELETE /api/comments/{commentId}': async (event, { participantId }) => {
      const deleted = await comments.deleteOwn(commentIdOf(pathParameter(event, 'commentId')), participantId);
      return { body: toPublicComment(deleted) };
    },
  };
}
