import type { Language } from '#shared/schemas/common.ts';
import type { ConsoleKey, Messages } from '../../i18n/island-keys.ts';

export type Commitment = { id: string; title: string };
export type Consultation = { id: string; title: string; commitments: Commitment[] };

/** What every console section receives from the shell (`groups`: the signed-in user's staff groups). */
export type SectionProps = {
  lang: Language;
  m: Messages<ConsoleKey>;
  consultation: Consultation;
  groups: readonly string[];
};

export const MODERATION_STATES = ['pending', 'reported', 'hidden'] as const;
export const HIDE_REASONS = [
  'spam',
  'abuse',
  'hate',
  'personal-data',
  'off-topic',
  'misinformation',
  'impersonation',
  'other',
] as const;
export type HideReason = (typeof HIDE_REASONS)[number];
export const REPORT_REASONS = [
  'spam',
  'abuse',
  'hate',
  'personal-data',
  'off-topic',
  'misinformation',
  'other',
] as const;
export const DISPOSITIONS = ['accepted', 'partially-accepted', 'not-accepted', 'out-of-scope', 'merged'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const CONTRIBUTION_KINDS = ['comment', 'proposal', 'meeting-contribution'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** The title of a commitment of this consultation, or its id when the catalogue does not know it. */
export function commitmentTitle(consultation: Consultation, id: string): string {
  return consultation.commitments.find((c) => c.id === id)?.title ?? id;
}
