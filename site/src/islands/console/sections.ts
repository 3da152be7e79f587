import type { ComponentType } from 'preact';
import type { StaffGroup } from '#shared/staff.ts';
import type { ConsoleKey } from '../../i18n/island-keys.ts';
import Audit from './Audit.tsx';
import type { SectionProps } from './common.ts';
import Meetings from './Meetings.tsx';
import Moderation from './Moderation.tsx';
import Proposals from './Proposals.tsx';
import Report from './Report.tsx';
import Responses from './Responses.tsx';
import Summaries from './Summaries.tsx';

/** One part of the console: its anchor (`/console/#<id>`), its tab label, who may open it. */
export type Section = {
  id: string;
  label: ConsoleKey;
  groups: readonly StaffGroup[];
  component: ComponentType<SectionProps>;
};

/** The console's sections in tab order; the first one a user may open is shown first. */
export const SECTIONS: readonly Section[] = [
  { id: 'moderation', label: 'console.mod.heading', groups: ['moderator', 'admin'], component: Moderation },
  { id: 'responses', label: 'console.resp.heading', groups: ['drafter', 'admin'], component: Responses },
  {
    id: 'proposals',
    label: 'console.prop.heading',
    groups: ['moderator', 'drafter', 'admin'],
    component: Proposals,
  },
  { id: 'meetings', label: 'console.meet.heading', groups: ['drafter', 'admin'], component: Meetings },
  { id: 'summaries', label: 'console.summary.heading', groups: ['drafter', 'admin'], component: Summaries },
  { id: 'report', label: 'console.report.heading', groups: ['drafter', 'admin'], component: Report },
  { id: 'audit', label: 'console.audit.heading', groups: ['admin'], component: Audit },
];

/** The sections that a member of these groups may open. */
export function sectionsFor(groups: readonly string[]): Section[] {
  return SECTIONS.filter((section) => section.groups.some((group) => groups.includes(group)));
}
