import { type Language, type LocalizedText, localize } from '#shared/schemas/common.ts';

export { localize };

/**
 * The `lang` attribute an element needs when English falls back to the Albanian text, so that screen readers read
 * it with the right voice; undefined when the text is in the page's language.
 */
export function langAttr(text: LocalizedText, lang: Language): Language | undefined {
  return lang === 'en' && text.en === undefined ? 'sq' : undefined;
}
