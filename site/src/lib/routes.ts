import type { Language } from '#shared/schemas/common.ts';

/** Albanian pages live at the root, English ones under /en/, with translated path segments. */
const SEGMENTS = {
  consultation: { sq: 'konsultime', en: 'consultations' },
  commitment: { sq: 'angazhime', en: 'commitments' },
  meeting: { sq: 'takime', en: 'meetings' },
} as const;

const root = (lang: Language) => (lang === 'sq' ? '/' : '/en/');

export const routes = {
  home: (lang: Language) => root(lang),
  consultation: (lang: Language, id: string) => `${root(lang)}${SEGMENTS.consultation[lang]}/${id}/`,
  commitment: (lang: Language, id: string) => `${root(lang)}${SEGMENTS.commitment[lang]}/${id}/`,
  meetings: (lang: Language) => `${root(lang)}${SEGMENTS.meeting[lang]}/`,
  meeting: (lang: Language, id: string) => `${root(lang)}${SEGMENTS.meeting[lang]}/${id}/`,
};

/** The same page in both languages, for the language switch and `hreflang` links. */
export type PagePaths = Record<Language, string>;

export function pathsOf(route: (lang: Language) => string): PagePaths {
  return { sq: route('sq'), en: route('en') };
}
