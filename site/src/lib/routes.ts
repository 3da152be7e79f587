import type { Language } from '#shared/schemas/common.ts';

/** Albanian pages live at the root, English ones under /en/, with translated path segments. */
const SEGMENTS = {
  consultation: { sq: 'konsultime', en: 'consultations' },
  commitment: { sq: 'angazhime', en: 'commitments' },
  meeting: { sq: 'takime', en: 'meetings' },
  privacy: { sq: 'privatesia', en: 'privacy' },
  accessibility: { sq: 'aksesueshmeria', en: 'accessibility' },
  howUsed: { sq: 'si-perdoret-kontributi', en: 'how-your-input-is-used' },
  proposals: { sq: 'propozime', en: 'proposals' },
  propose: { sq: 'propozo', en: 'propose' },
  responses: { sq: 'pergjigjet', en: 'responses' },
  receipt: { sq: 'deftese', en: 'receipt' },
  myData: { sq: 'te-dhenat-e-mia', en: 'my-data' },
  console: { sq: 'console', en: 'console' },
} as const;

const root = (lang: Language) => (lang === 'sq' ? '/' : '/en/');
const consultationPath = (lang: Language, id: string) => `${root(lang)}${SEGMENTS.consultation[lang]}/${id}/`;

export const routes = {
  home: (lang: Language) => root(lang),
  consultation: consultationPath,
  commitment: (lang: Language, id: string) => `${root(lang)}${SEGMENTS.commitment[lang]}/${id}/`,
  meetings: (lang: Language) => `${root(lang)}${SEGMENTS.meeting[lang]}/`,
  meeting: (lang: Language, id: string) => `${root(lang)}${SEGMENTS.meeting[lang]}/${id}/`,
  privacy: (lang: Language) => `${root(lang)}${SEGMENTS.privacy[lang]}/`,
  accessibility: (lang: Language) => `${root(lang)}${SEGMENTS.accessibility[lang]}/`,
  howUsed: (lang: Language) => `${root(lang)}${SEGMENTS.howUsed[lang]}/`,
  proposals: (lang: Language, id: string) => `${consultationPath(lang, id)}${SEGMENTS.proposals[lang]}/`,
  propose: (lang: Language, id: string) => `${consultationPath(lang, id)}${SEGMENTS.propose[lang]}/`,
  /** The published response report of a consultation (every contribution's disposition and justification). */
  responseReport: (lang: Language, id: string) => `${consultationPath(lang, id)}${SEGMENTS.responses[lang]}/`,
  /** The private receipt page; the token follows after `#`. */
  receipt: (lang: Language) => `${root(lang)}${SEGMENTS.receipt[lang]}/`,
  myData: (lang: Language) => `${root(lang)}${SEGMENTS.myData[lang]}/`,
  /** The staff console (same path segment in both languages; Cognito returns to /console/). */
  console: (lang: Language) => `${root(lang)}${SEGMENTS.console[lang]}/`,
};

/** The same page in both languages, for the language switch and `hreflang` links. */
export type PagePaths = Record<Language, string>;

export function pathsOf(route: (lang: Language) => string): PagePaths {
  return { sq: route('sq'), en: route('en') };
}
