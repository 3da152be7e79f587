import type { Me } from '#shared/schemas/api.ts';
import { participantProfileSchema } from '#shared/schemas/participant.ts';
import { parseInput } from '#shared/validation.ts';
import { logger } from '../commons/logger.ts';
import { clearedParticipantCookie } from '../commons/participant-cookie.ts';
import { parseJsonBody } from '../commons/write-guard.ts';
import type { ParticipantRepository } from '../repositories/participant-repository.ts';
import type { ParticipationAction } from './pipeline.ts';

export type MeDeps = {
  participants: ParticipantRepository;
  /** The pipeline's cookie setting, for the cookie that erasure clears. */
  secureCookies: boolean;
};

/**
 * The participant's own data: `GET /api/me`, `PUT /api/me/profile`, `DELETE /api/me` (erasure). Private responses,
 * never cached. A request without a valid cookie has no data: GET answers empty and never creates an identity.
 */
export function meActions({ participants, secureCookies }: MeDeps): Record<string, ParticipationAction> {
  return {
    'GET /api/me': async (_event, { participantId, isNewParticipant }) => {
      const me: Me = isNewParticipant
        ? { profile: {}, votes: [], reactions: [], comments: [] }
        : await participants.data(participantId);
      return { body: me };
    },
    'PUT /api/me/profile': async (event, { participantId, now }) => {
      const profile = parseInput(participantProfileSchema, parseJsonBody(event));
      return { body: await participants.saveProfile(participantId, profile, now) };
    },
    'DELETE /api/me': async (_event, { participantId, isNewParticipant }) => {
      if (!isNewParticipant) {
        const erased = await participants.erase(participantId);
        logger.info('participant erased', { erased });
      }
      return { body: { erased: true }, cookies: [clearedParticipantCookie({ secure: secureCookies })] };
    },
  };
}
