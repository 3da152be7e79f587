import type { Language, LocalizedText } from '../schemas/common.ts';

/*
 * The words of the summaries and the report, in Albanian and English. The wording follows the site's
 * (site/src/i18n/ui.ts) so that a drafter reads the same names in both places.
 */

type Pair = { sq: string; en: string };

export const SECTION_LABELS: Record<string, Pair> = {
  general: { sq: 'Angazhimi në tërësi', en: 'The commitment as a whole' },
  problem: { sq: 'Problemi', en: 'Problem' },
  causes: { sq: 'Shkaqet', en: 'Causes' },
  objective: { sq: 'Objektivi', en: 'Objective' },
  description: { sq: 'Përshkrimi i angazhimit', en: 'Description of the commitment' },
  milestones: { sq: 'Hapat kryesorë', en: 'Milestones' },
  indicators: { sq: 'Treguesit', en: 'Indicators' },
  institutions: { sq: 'Institucionet', en: 'Institutions' },
  'ogp-values': { sq: 'Lidhja me vlerat e PQH-së', en: 'Relevance to OGP values' },
};

export const STAKEHOLDER_LABELS: Record<string, Pair> = {
  citizen: { sq: 'Qytetar/e', en: 'Citizen' },
  youth: { sq: 'I/e ri/e', en: 'Young person' },
  ngo: { sq: 'Organizatë e shoqërisë civile', en: 'Civil-society organisation' },
  'local-government': { sq: 'Pushtet vendor', en: 'Local government' },
  'kvsp-member': { sq: 'Anëtar/e i/e KVSP-së', en: 'Local Public Safety Council member' },
  police: { sq: 'Policia', en: 'Police' },
  academia: { sq: 'Akademia', en: 'Academia' },
  business: { sq: 'Biznes', en: 'Business' },
  media: { sq: 'Media', en: 'Media' },
  other: { sq: 'Tjetër', en: 'Other' },
  'not-declared': { sq: 'Pa deklaruar', en: 'Not declared' },
};

export const AGE_LABELS: Record<string, Pair> = {
  'under-18': { sq: 'Nën 18 vjeç', en: 'Under 18' },
  '18-24': { sq: '18–24 vjeç', en: '18–24' },
  '25-34': { sq: '25–34 vjeç', en: '25–34' },
  '35-49': { sq: '35–49 vjeç', en: '35–49' },
  '50-64': { sq: '50–64 vjeç', en: '50–64' },
  '65-plus': { sq: '65 vjeç e lart', en: '65 and over' },
  'not-declared': { sq: 'Pa deklaruar', en: 'Not declared' },
};

export const DISPOSITION_LABELS: Record<string, Pair> = {
  accepted: { sq: 'Pranuar', en: 'Accepted' },
  'partially-accepted': { sq: 'Pranuar pjesërisht', en: 'Partially accepted' },
  'not-accepted': { sq: 'Nuk u pranua', en: 'Not accepted' },
  'out-of-scope': { sq: 'Jashtë objektit', en: 'Out of scope' },
  merged: { sq: 'Bashkuar me një tjetër', en: 'Merged with another' },
};

/** The label of a section: the one given (milestone titles), a fixed section's name, else the id. */
export function sectionLabel(sectionId: string, language: Language, given?: LocalizedText): string {
  if (given) return language === 'en' ? (given.en ?? given.sq) : given.sq;
  const fixed = SECTION_LABELS[sectionId];
  if (fixed) return fixed[language];
  if (sectionId.startsWith('milestone-')) {
    const id = sectionId.slice('milestone-'.length);
    return language === 'en' ? `Milestone ${id}` : `Hapi ${id}`;
  }
  return sectionId;
}

export function label(table: Record<string, Pair>, key: string, language: Language): string {
  return table[key]?.[language] ?? key;
}

export function localized(text: LocalizedText, language: Language): string {
  return language === 'en' ? (text.en ?? text.sq) : text.sq;
}

const numberFormats: Record<Language, Intl.NumberFormat> = {
  sq: new Intl.NumberFormat('sq-AL'),
  en: new Intl.NumberFormat('en-GB'),
};

/** 12345 → "12 345" (sq) or "12,345" (en). */
export function formatNumber(n: number, language: Language): string {
  return numberFormats[language].format(n);
}

/** A share (0-1) as a whole percentage: 0.4567 → "46%". */
export function formatShare(share: number | null, language: Language): string {
  if (share === null) return '–';
  return `${formatNumber(Math.round(share * 100), language)}%`;
}
