import { MUNICIPALITIES } from '#shared/municipalities.ts';
import type { Language } from '#shared/schemas/common.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '#shared/schemas/participant.ts';
import { localeOf, t } from '../i18n/ui.ts';

/** The choices of the optional profile, labelled in the page's language (municipalities keep their own names). */
export function profileOptions(lang: Language) {
  const collator = new Intl.Collator(localeOf(lang));
  return {
    stakeholderType: STAKEHOLDER_TYPES.map((value) => ({ value, label: t(lang, `stakeholder.${value}`) })),
    municipality: Object.entries(MUNICIPALITIES)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    ageBand: AGE_BANDS.map((value) => ({ value, label: t(lang, `age.${value}`) })),
  };
}
