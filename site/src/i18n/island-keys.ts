import type { Language } from '#shared/schemas/common.ts';
import { type UiKey, ui } from './ui.ts';

/**
 * The catalogue strings each island needs, in the page's language. The pages pick them on the server and pass them
 * as props, so the browser never downloads the catalogue (or the other language).
 */
const COMMON = [
  'live.loading',
  'live.unavailable',
  'live.upcoming',
  'live.closed',
  'action.retry',
  'action.cancel',
  'action.sending',
  'errors.network',
  'errors.generic',
  'errors.summary',
] as const satisfies readonly UiKey[];

export const VOTE_KEYS = [
  ...COMMON,
  'vote.question',
  'vote.support',
  'vote.oppose',
  'vote.neutral',
  'vote.yours',
  'vote.none',
  'vote.withdraw',
  'vote.recorded',
  'vote.withdrawn',
  'vote.tally',
  'vote.share',
  'vote.total.one',
  'vote.total.other',
  'vote.anonymous',
  'tally.comments',
] as const satisfies readonly UiKey[];

export const DISCUSSION_KEYS = [
  ...COMMON,
  'thread.heading',
  'thread.sort',
  'thread.sort.newest',
  'thread.sort.agreed',
  'thread.filter',
  'thread.filter.all',
  'thread.empty',
  'thread.more',
  'thread.loaded.one',
  'thread.loaded.other',
  'heat.count.one',
  'heat.count.other',
  'heat.atLeast',
  'comment.anonymous',
  'comment.on',
  'comment.deleted',
  'comment.reactions',
  'reaction.agree',
  'reaction.disagree',
  'reaction.pass',
  'comment.reply',
  'comment.replies.one',
  'comment.replies.other',
  'comment.repliesHide',
  'comment.repliesMore',
  'comment.repliesLabel',
  'comment.report',
  'comment.reported',
  'report.reason',
  'report.reason.spam',
  'report.reason.abuse',
  'report.reason.hate',
  'report.reason.personal-data',
  'report.reason.off-topic',
  'report.reason.misinformation',
  'report.reason.other',
  'report.note',
  'report.send',
  'form.heading',
  'form.section',
  'form.whole',
  'form.body',
  'form.bodyHint',
  'form.required',
  'form.submit',
  'form.published',
  'form.pending',
  'reply.body',
  'reply.submit',
  'reply.published',
  'profile.summary',
  'profile.why',
  'profile.displayName',
  'profile.displayNameHint',
  'profile.stakeholderType',
  'profile.municipality',
  'profile.ageBand',
  'profile.notSay',
] as const satisfies readonly UiKey[];

type Prefixed<P extends string> = Extract<UiKey, `${P}${string}`>;

/** Every catalogue key that starts with one of `prefixes` (whole families: the form's fields, the OGP values…). */
function keysWithPrefixes<P extends string>(...prefixes: P[]): Prefixed<P>[] {
  return (Object.keys(ui) as UiKey[]).filter((key): key is Prefixed<P> => prefixes.some((p) => key.startsWith(p)));
}

export const PROPOSAL_FORM_KEYS = [...COMMON, ...keysWithPrefixes('pform.', 'orgType.', 'ogp.', 'section.')] as const;

export const PROPOSAL_VIEW_KEYS = [
  ...COMMON,
  ...keysWithPrefixes('proposals.', 'proposalKind.', 'proposalStatus.', 'receipt.', 'visibility.', 'disposition.'),
  ...keysWithPrefixes('pform.org.', 'pform.contact', 'pform.milestone', 'pform.indicators', 'pform.leadInstitution'),
  ...keysWithPrefixes('pform.supportingActors', 'pform.ogpValues', 'pform.problem', 'pform.causes', 'pform.objective'),
  ...keysWithPrefixes('pform.expectedResults', 'pform.files', 'orgType.', 'ogp.', 'section.'),
] as const;

export const MY_DATA_KEYS = [
  ...COMMON,
  ...keysWithPrefixes('mydata.', 'stakeholder.', 'age.', 'disposition.'),
  'profile.displayName',
  'profile.stakeholderType',
  'profile.municipality',
  'profile.ageBand',
  'profile.none',
] as const;

/** The public response report (site/src/islands/ResponseReport.tsx). */
export const RESPONSE_REPORT_KEYS = [...COMMON, ...keysWithPrefixes('answers.', 'disposition.')] as const;

/** The staff console (site/src/islands/console/). */
export const CONSOLE_KEYS = [...COMMON, ...keysWithPrefixes('console.', 'report.reason.', 'disposition.')] as const;

export type ConsoleKey = (typeof CONSOLE_KEYS)[number];
export type ResponseReportKey = (typeof RESPONSE_REPORT_KEYS)[number];
export type VoteKey = (typeof VOTE_KEYS)[number];
export type MyDataKey = (typeof MY_DATA_KEYS)[number];
export type ProposalFormKey = (typeof PROPOSAL_FORM_KEYS)[number];
export type ProposalViewKey = (typeof PROPOSAL_VIEW_KEYS)[number];
export type DiscussionKey = (typeof DISCUSSION_KEYS)[number];
export type Messages<K extends string> = Record<K, string>;

/** The strings `keys` in `lang`, for an island's props. */
export function messagesFor<K extends UiKey>(lang: Language, keys: readonly K[]): Messages<K> {
  return Object.fromEntries(keys.map((key) => [key, ui[key][lang]])) as Messages<K>;
}
