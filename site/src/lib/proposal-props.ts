import { MUNICIPALITIES } from '#shared/municipalities.ts';
import { FIXED_SECTIONS, milestoneSectionId } from '#shared/schemas/commitment.ts';
import type { Language } from '#shared/schemas/common.ts';
import { t } from '../i18n/ui.ts';
import type { CommitmentChoice } from '../islands/ProposalForm.tsx';
import type { Labels } from '../islands/ProposalView.tsx';
import { allCommitments, commitmentsOf } from './content.ts';
import { localize } from './localize.ts';

/** The draft commitments an amendment may target, each with its sections, labelled in the page's language. */
export async function commitmentChoices(consultationId: string, lang: Language): Promise<CommitmentChoice[]> {
  return (await commitmentsOf(consultationId)).map((c) => ({
    id: c.id,
    title: localize(c.title, lang),
    sections: [
      ...FIXED_SECTIONS.map((s) => ({ id: s, label: t(lang, `section.${s}`) })),
      ...c.milestones.map((m) => ({
        id: milestoneSectionId(m.id),
        label: t(lang, 'section.milestone', { title: localize(m.title, lang) }),
      })),
    ],
  }));
}

/** Names the proposal views need: commitment titles and municipality names by id. */
export async function proposalLabels(lang: Language): Promise<Labels> {
  return {
    commitments: Object.fromEntries((await allCommitments()).map((c) => [c.id, localize(c.title, lang)])),
    municipalities: { ...MUNICIPALITIES },
  };
}
