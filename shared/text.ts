/** C0/C1 control characters except tab and newline, plus bidirectional overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/** Normalises user text once, at the edge: NFC, CRLF to LF, unsafe characters removed, outer space trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '').trim();
}
