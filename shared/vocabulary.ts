/*
 * The fixed lists of the domain, free of zod: the schemas in `schemas/` build their enums from them, and the site's
 * islands import them directly, so no zod code reaches the browser.
 */

export const VOTE_CHOICES = ['support', 'oppose', 'neutral'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const REACTIONS = ['agree', 'disagree', 'pass'] as const;
export type Reaction = (typeof REACTIONS)[number];
/** Why a participant reports a comment. */
export const REPORT_REASONS = [
  'spam',
  'abuse',
  'hate',
  'personal-data',
  'off-topic',
  'misinformation',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const OGP_VALUES = ['transparency', 'civic-participation', 'public-accountability', 'technology'] as const;
export type OgpValue = (typeof OGP_VALUES)[number];
export const ORGANISATION_TYPES = [
  'ngo',
  'association',
  'foundation',
  'academic',
  'business-association',
  'informal-youth-group',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const MODERATION_STATES = ['pending', 'reported', 'hidden'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];
/** Why a moderator hides a contribution: a fixed list, so the audit log and the summaries can count them. */
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

export const DISPOSITIONS = ['accepted', 'partially-accepted', 'not-accepted', 'out-of-scope', 'merged'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const CONTRIBUTION_KINDS = ['comment', 'proposal', 'meeting-contribution'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
