import { paragraphOf } from './paragraph.ts';
import type { Audience, Summary } from './schema.ts';

/*
 * Who may read what (docs/summaries.md, "Personal data"). The summary function computes the staff view; the public
 * view is derived from it here, and every public file is written from the public view only.
 *
 * Public (open data, CC BY 4.0): what the public site shows, minus names and anything typed that looks like contact
 * data. Only published comments and replies, approved proposals and meeting contributions are listed; no display
 * names; email addresses and phone numbers in any text are replaced by [email] / [tel]; no justification drafts.
 * Never, in any file: participant ids, IP addresses (never stored), cookies, tokens, proposal registration numbers.
 * Staff: everything the summary holds; proposal contacts only when asked for (`includeContacts`).
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** International (+ or 00) or national (leading 0) numbers of 8-15 digits, with spaces, dots, dashes or brackets. */
const PHONE = /(?:\+|\b00)\s?\d(?:[\s()./-]{0,2}\d){6,16}|\b0\d(?:[\s()./-]{0,2}\d){6,14}/g;
const DATE_LIKE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

export const EMAIL_MARK = '[email]';
export const PHONE_MARK = '[tel]';

/** Replaces email addresses and phone numbers in free text. */
export function redactContactData(text: string): string {
  if (text === '') return text;
  return text.replace(EMAIL, EMAIL_MARK).replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '').length;
    if (digits < 8 || digits > 15 || DATE_LIKE.test(match.trim())) return match;
    return PHONE_MARK;
  });
}

/** The view of a summary for an audience; the public view keeps only what may be published. */
export function forAudience(summary: Summary, audience: Audience): Summary {
  if (audience === 'staff') return { ...summary, audience };
  const redact = redactContactData;
  const contributions = summary.contributions
    .filter((row) =>
      row.kind === 'proposal'
        ? row.status === 'approved'
        : row.kind === 'meeting-contribution' || row.status === 'published',
    )
    .map(({ displayName: _name, ...row }) => ({ ...row, text: redact(row.text) }));
  // Ids of what is not public (a pending proposal, a hidden comment) are not named either.
  const listed = new Set(contributions.map((row) => row.id));
  return {
    ...summary,
    audience,
    commitments: summary.commitments.map((c) => ({
      ...c,
      mostAgreed: c.mostAgreed.map((ref) => ({ ...ref, excerpt: redact(ref.excerpt) })),
      mostDivisive: c.mostDivisive.map((ref) => ({ ...ref, excerpt: redact(ref.excerpt) })),
      paragraph: paragraphOf(
        c.paragraph.statements.map((s) => ({
          ...s,
          sq: redact(s.sq),
          en: redact(s.en),
          contributionIds: s.contributionIds.filter((id) => listed.has(id)),
        })),
      ),
    })),
    contributions,
    proposals: summary.proposals
      .filter((row) => row.visibility === 'approved')
      .map(({ contact: _contact, ...row }) => ({ ...row, title: redact(row.title) })),
    responses: {
      ...summary.responses,
      rows: summary.responses.rows
        .filter((row) => listed.has(row.contributionId))
        .map(({ justification: _draft, ...row }) => row),
    },
  };
}
