import type { Language } from '#shared/schemas/common.ts';

/**
 * Every interface string of the site, in Albanian (first) and English. Content text (consultations, commitments,
 * meetings) lives in the content files; this catalogue holds only the words around it.
 * `{name}` marks a value filled in by `t(lang, key, { name })`.
 */
export const ui = {
  'site.name': { sq: 'Konsulto', en: 'Konsulto' },
  'site.tagline': {
    sq: 'Konsultime publike për qeverisjen e hapur',
    en: 'Public consultations for open government',
  },
  'site.skip': { sq: 'Kalo te përmbajtja kryesore', en: 'Skip to main content' },
  'site.title': { sq: '{page} · Konsulto', en: '{page} · Konsulto' },
  'nav.label': { sq: 'Navigimi kryesor', en: 'Main navigation' },
  'nav.consultations': { sq: 'Konsultimet', en: 'Consultations' },
  'nav.meetings': { sq: 'Takimet', en: 'Meetings' },
  'nav.breadcrumb': { sq: 'Ku ndodheni', en: 'You are here' },
  'lang.other': { sq: 'English', en: 'Shqip' },
  'footer.about': {
    sq: 'Konsulto është platforma e konsultimit publik për Planin Kombëtar të Veprimit për Qeverisjen e Hapur 2026-2030.',
    en: 'Konsulto is the public consultation platform for the Open Government National Action Plan 2026-2030.',
  },
  'footer.privacy': {
    sq: 'Kjo faqe nuk ngarkon asgjë nga palë të treta dhe nuk publikon të dhëna personale.',
    en: 'This site loads nothing from third parties and publishes no personal data.',
  },

  'home.title': { sq: 'Konsultime publike', en: 'Public consultations' },
  'home.heading': {
    sq: 'Konsultime publike për Planin Kombëtar të Veprimit për Qeverisjen e Hapur 2026-2030',
    en: 'Public consultations on the Open Government National Action Plan 2026-2030',
  },
  'home.intro': {
    sq: 'Lexoni projektangazhimet, jepni mendimin tuaj dhe ndiqni si merren parasysh kontributet. Nuk nevojitet llogari.',
    en: 'Read the draft commitments, give your views and follow how contributions are taken into account. No account is needed.',
  },
  'home.current': { sq: 'Konsultimet aktuale', en: 'Current consultations' },
  'home.noneOpen': {
    sq: 'Nuk ka konsultime të hapura për momentin.',
    en: 'There are no open consultations at the moment.',
  },
  'home.past': { sq: 'Konsultimet e mbyllura', en: 'Closed consultations' },

  'phase.open': { sq: 'E hapur për komente', en: 'Open for comments' },
  'phase.upcoming': { sq: 'Hapet së shpejti', en: 'Opening soon' },
  'phase.closed': { sq: 'E mbyllur', en: 'Closed' },
  'status.archived': { sq: 'Arkivuar', en: 'Archived' },
  'demo.notice': {
    sq: 'Afatet janë zhvendosur për demonstrim, duke u nisur nga {date}.',
    en: 'Dates are shifted for this demo, counting from {date}.',
  },

  'dates.opens': { sq: 'Hapja', en: 'Opens' },
  'dates.closes': { sq: 'Mbyllja', en: 'Closes' },
  'dates.responsesDue': { sq: 'Përgjigjet e arsyetuara deri më', en: 'Reasoned responses by' },
  'dates.dateTime': { sq: '{date}, ora {time}', en: '{date}, {time}' },
  'dates.range': { sq: '{start} – {end}', en: '{start} – {end}' },
  'days.left.one': { sq: 'Edhe {n} ditë', en: '{n} day left' },
  'days.left.other': { sq: 'Edhe {n} ditë', en: '{n} days left' },
  'days.opensIn.one': { sq: 'Hapet pas {n} dite', en: 'Opens in {n} day' },
  'days.opensIn.other': { sq: 'Hapet pas {n} ditësh', en: 'Opens in {n} days' },

  'consultation.timeline': { sq: 'Afatet', en: 'Timeline' },
  'consultation.purpose': { sq: 'Qëllimi i konsultimit', en: 'Purpose of the consultation' },
  'consultation.programme': { sq: 'Rreth planit', en: 'About the plan' },
  'consultation.legalBasis': { sq: 'Baza ligjore', en: 'Legal basis' },
  'consultation.commitments': { sq: 'Projektangazhimet', en: 'Draft commitments' },
  'consultation.meetings': { sq: 'Takimet me prani fizike', en: 'In-person meetings' },

  'commitment.number': { sq: 'Angazhimi {n}', en: 'Commitment {n}' },
  'commitment.version': { sq: 'Versioni {n}', en: 'Version {n}' },
  'commitment.partOf': { sq: 'Pjesë e konsultimit', en: 'Part of the consultation' },
  'commitment.toc': { sq: 'Në këtë faqe', en: 'On this page' },
  'commitment.leadInstitution': { sq: 'Institucioni drejtues', en: 'Lead institution' },
  'commitment.supportingActors': { sq: 'Aktorët mbështetës', en: 'Supporting actors' },
  'commitment.milestone': { sq: 'Hapi', en: 'Milestone' },
  'commitment.period': { sq: 'Periudha', en: 'Period' },
  'commitment.responsible': { sq: 'Përgjegjës', en: 'Responsible' },
  'commitment.milestonesCaption': {
    sq: 'Hapat kryesorë, afatet dhe institucionet përgjegjëse',
    en: 'Milestones, dates and responsible institutions',
  },

  'section.problem': { sq: 'Problemi', en: 'Problem' },
  'section.causes': { sq: 'Shkaqet', en: 'Causes' },
  'section.objective': { sq: 'Objektivi', en: 'Objective' },
  'section.description': { sq: 'Përshkrimi i angazhimit', en: 'Description of the commitment' },
  'section.milestones': { sq: 'Hapat kryesorë', en: 'Milestones' },
  'section.indicators': { sq: 'Treguesit', en: 'Indicators' },
  'section.institutions': { sq: 'Institucionet', en: 'Institutions' },
  'section.ogp-values': { sq: 'Lidhja me vlerat e PQH-së', en: 'Relevance to OGP values' },

  'ogp.transparency': { sq: 'Transparenca', en: 'Transparency' },
  'ogp.civic-participation': { sq: 'Pjesëmarrja qytetare', en: 'Civic participation' },
  'ogp.public-accountability': { sq: 'Llogaridhënia publike', en: 'Public accountability' },
  'ogp.technology': { sq: 'Teknologjia dhe inovacioni', en: 'Technology and innovation' },

  'tally.heading': { sq: 'Mbështetja dhe komentet', en: 'Support and comments' },
  'tally.support': { sq: 'Mbështes', en: 'Support' },
  'tally.oppose': { sq: 'Kundër', en: 'Oppose' },
  'tally.neutral': { sq: 'Neutral', en: 'Neutral' },
  'tally.comments': { sq: 'Komente', en: 'Comments' },
  'tally.fallback': {
    sq: 'Numërimi shfaqet kur faqja lidhet me shërbimin.',
    en: 'Counts appear when the page can reach the service.',
  },

  'notFound.title': { sq: 'Faqja nuk u gjet', en: 'Page not found' },
  'notFound.text': {
    sq: 'Faqja që kërkuat nuk ekziston ose është zhvendosur.',
    en: 'The page you asked for does not exist or has moved.',
  },
  'notFound.home': { sq: 'Shkoni te konsultimet', en: 'Go to the consultations' },

  'meetings.title': { sq: 'Takimet me prani fizike', en: 'In-person meetings' },
  'meetings.intro': {
    sq: 'Kontributet e mbledhura në takime regjistrohen pranë atyre të dhëna në internet, që një përmbledhje e vetme t’i mbulojë të dyja.',
    en: 'Input gathered at meetings is recorded beside online input, so that one summary covers both.',
  },
  'meetings.none': { sq: 'Nuk ka ende takime të regjistruara.', en: 'No meetings have been recorded yet.' },
  'meeting.facts': { sq: 'Të dhënat e takimit', en: 'Meeting details' },
  'meeting.date': { sq: 'Data', en: 'Date' },
  'meeting.time': { sq: 'Ora', en: 'Time' },
  'meeting.venue': { sq: 'Vendi', en: 'Venue' },
  'meeting.municipality': { sq: 'Bashkia', en: 'Municipality' },
  'meeting.participants': { sq: 'Pjesëmarrës', en: 'Participants' },
  'meeting.moderator': { sq: 'Moderator', en: 'Moderator' },
  'meeting.guests': { sq: 'Të ftuar', en: 'Guests' },
  'meeting.topic': { sq: 'Tema', en: 'Topic' },
  'meeting.consultation': { sq: 'Konsultimi', en: 'Consultation' },
  'meeting.summary': { sq: 'Përmbledhje', en: 'Summary' },
  'meeting.discussion': { sq: 'Çështjet e diskutuara', en: 'Points discussed' },
  'meeting.contributions': { sq: 'Kontributet e mbledhura', en: 'Contributions gathered' },
  'meeting.contributionFor': { sq: 'Për angazhimin', en: 'On commitment' },
  'meeting.general': { sq: 'Kontribut i përgjithshëm', en: 'General contribution' },
  'meeting.participantCount.one': { sq: '{n} pjesëmarrës', en: '{n} participant' },
  'meeting.participantCount.other': { sq: '{n} pjesëmarrës', en: '{n} participants' },
} as const satisfies Record<string, Record<Language, string>>;

export type UiKey = keyof typeof ui;
/** Keys with `.one` / `.other` forms, used through `tn`. */
export type PluralKey = {
  [K in UiKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends UiKey ? Base : never) : never;
}[UiKey];

const LOCALES: Record<Language, string> = { sq: 'sq-AL', en: 'en-GB' };
export const localeOf = (lang: Language): string => LOCALES[lang];

/** The string `key` in `lang`, with `{name}` placeholders replaced from `values`. */
export function t(lang: Language, key: UiKey, values: Record<string, string | number> = {}): string {
  return ui[key][lang].replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

/** A counted string: picks `<key>.one` or `<key>.other` by the language's plural rules; `{n}` is the count. */
export function tn(lang: Language, key: PluralKey, n: number): string {
  const form = new Intl.PluralRules(localeOf(lang)).select(n) === 'one' ? 'one' : 'other';
  return t(lang, `${key}.${form}`, { n: new Intl.NumberFormat(localeOf(lang)).format(n) });
}

export const otherLanguage = (lang: Language): Language => (lang === 'sq' ? 'en' : 'sq');
