import { STEMMER_KEEP_SQ, STEMMER_SUFFIXES_SQ, STOPWORDS_EN, STOPWORDS_SQ } from './stopwords.ts';

/*
 * Text rules of the summaries: folding, tokens, the language of a comment, stems and key terms. Pure.
 *
 * Albanian comments are often typed without ë and ç ("eshte" for "është"), so words are compared folded: lower case,
 * NFD, combining marks removed (ë→e, ç→c). Stopwords are folded the same way, so "është", "eshte" and "ËSHTË" are
 * all the stopword "eshte". Terms are grouped by their folded stem and shown in the spelling used most often.
 */

export const TERM_LANGUAGES = ['sq', 'en'] as const;
export type TermLanguage = (typeof TERM_LANGUAGES)[number];
/** The language of a comment as far as key terms are concerned; `other`: no evidence (or another script). */
export type CommentLanguage = TermLanguage | 'other';

const SQ = new Set(STOPWORDS_SQ);
const EN = new Set(STOPWORDS_EN);
/** Words that are stopwords in both languages say nothing about the language. */
const SQ_ONLY = new Set([...SQ].filter((w) => !EN.has(w)));
const EN_ONLY = new Set([...EN].filter((w) => !SQ.has(w)));

/** Shorter words are never terms. */
export const MIN_TERM_LENGTH = 3;

/** Lower case without diacritics: "Është" → "eshte", "çdo" → "cdo". */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Fast path: plain ASCII needs nothing more.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (/^[\u0000-\u007f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Words: runs of letters (apostrophes and hyphens split words: "s'ka" → "s", "ka"); lower case, NFC. */
const WORD = /\p{L}[\p{L}\p{M}]*/gu;
/** Scripts written without spaces between words: no terms are extracted from them (see docs/summaries.md). */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+/gu;

export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().replace(UNSPACED_SCRIPT, ' ').match(WORD) ?? [];
}

/**
 * The language of a comment from its stopwords: the language with more stopwords that belong to it alone. A tie
 * with evidence is Albanian (the platform's first language); no evidence is Albanian if the text has ë or ç, else other.
 */
/** Per word: 1 if a stopword of Albanian only, 2 of English only, 0 otherwise (cached: the vocabulary is small). */
const evidence = new Map<string, number>();
function evidenceOf(token: string): number {
  let kind = evidence.get(token);
  if (kind === undefined) {
    kind = SQ_ONLY.has(fold(token)) ? 1 : EN_ONLY.has(token) ? 2 : 0;
    if (evidence.size < 200_000) evidence.set(token, kind);
  }
  return kind;
}

export function languageOf(tokens: readonly string[], text = ''): CommentLanguage {
  let sq = 0;
  let en = 0;
  for (const token of tokens) {
    const kind = evidenceOf(token);
    if (kind === 1) sq++;
    else if (kind === 2) en++;
  }
  if (sq > en) return 'sq';
  if (en > sq) return 'en';
  if (sq > 0) return 'sq';
  return /[ëçËÇ]/u.test(text) ? 'sq' : 'other';
}

export function isStopword(foldedWord: string, language: TermLanguage): boolean {
  return language === 'sq' ? SQ.has(foldedWord) : EN.has(foldedWord);
}

/**
 * The light Albanian stemmer of andrixh/index-albanian on a folded word: words ending in are/ire/ure/ore/ere/yre are
 * kept whole; otherwise the first matching suffix of the list is stripped if more than three characters remain.
 */
export function stemSq(folded: string): string {
  for (const keep of STEMMER_KEEP_SQ) if (folded.endsWith(keep)) return folded;
  for (const suffix of STEMMER_SUFFIXES_SQ) {
    if (folded.length > suffix.length + 3 && folded.endsWith(suffix)) return folded.slice(0, -suffix.length);
  }
  return folded;
}

/** A very light English stemmer: plural and possessive endings only ("councils" → "council", "police's" → "police"). */
export function stemEn(folded: string): string {
  if (folded.length > 4 && folded.endsWith('ies')) return `${folded.slice(0, -3)}y`;
  if (folded.length > 3 && folded.endsWith('s') && !folded.endsWith('ss') && !folded.endsWith('us')) {
    return folded.slice(0, -1);
  }
  return folded;
}

/** A term candidate of a comment: its stem (the grouping key) and the word as written (lower case). */
export type TermOccurrence = { stem: string; form: string };

const stemCache: Record<TermLanguage, Map<string, string | null>> = { sq: new Map(), en: new Map() };

/** The stem of a word, or null when it is no term (stopword, too short, digits). Cached: the vocabulary is small. */
function termStem(word: string, language: TermLanguage): string | null {
  const cache = stemCache[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const folded = fold(word);
  let stem: string | null = null;
  if (folded.length >= MIN_TERM_LENGTH && !isStopword(folded, language)) {
    stem = language === 'sq' ? stemSq(folded) : stemEn(folded);
  }
  if (cache.size < 200_000) cache.set(word, stem);
  return stem;
}

/** The distinct terms of one comment (each stem once), in order of first use. */
export function termsOf(tokens: readonly string[], language: TermLanguage): TermOccurrence[] {
  const seen = new Set<string>();
  const terms: TermOccurrence[] = [];
  for (const form of tokens) {
    const stem = termStem(form, language);
    if (stem === null || seen.has(stem)) continue;
    seen.add(stem);
    terms.push({ stem, form });
  }
  return terms;
}
