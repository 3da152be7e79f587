import { formatNumber, formatShare, sectionLabel } from './labels.ts';
import type { CommentRef, CommitmentSummary, KeyTerm, Statement } from './schema.ts';

/*
 * The auto-drafted paragraph of a commitment, in Albanian and English: a few plain sentences, each built from figures
 * of the summary and ending with the citation of what it rests on ([figures: …; contributions: …]). The drafter edits
 * it before it goes into the published report; the statements stay available one by one in the JSON.
 */

export type ParagraphInput = Omit<CommitmentSummary, 'paragraph'> & {
  /** Ids of the proposals and meeting contributions about this commitment. */
  proposalIds?: readonly string[];
  meetingContributionIds?: readonly string[];
};

const QUOTE_LENGTH = 120;
/** At most this many ids are written into a sentence's citation (all of them stay in `contributionIds`). */
const CITED_IDS = 8;

export function draftParagraph(input: ParagraphInput): CommitmentSummary['paragraph'] {
  const statements: Statement[] = [];
  const n = (value: number) => ({ sq: formatNumber(value, 'sq'), en: formatNumber(value, 'en') });
  const t = input.totals;

  {
    const p = n(t.participants);
    const v = n(t.votes);
    const c = n(t.comments);
    const r = n(t.replies);
    const x = n(t.reactions);
    statements.push({
      key: 'participation',
      sq: `Në këtë angazhim morën pjesë ${p.sq} persona: ${v.sq} vota, ${c.sq} komente, ${r.sq} përgjigje dhe ${x.sq} reagime ndaj komenteve.`,
      en: `${p.en} ${t.participants === 1 ? 'person' : 'people'} took part in this commitment: ${v.en} votes, ${c.en} comments, ${r.en} replies and ${x.en} reactions to comments.`,
      contributionIds: [],
      figures: {
        'totals.participants': t.participants,
        'totals.votes': t.votes,
        'totals.comments': t.comments,
        'totals.replies': t.replies,
        'totals.reactions': t.reactions,
      },
    });
  }

  const v = input.votes;
  if (v.total > 0) {
    const [total, support, oppose, neutral] = [n(v.total), n(v.support), n(v.oppose), n(v.neutral)];
    const share = (s: number | null) => ({ sq: formatShare(s, 'sq'), en: formatShare(s, 'en') });
    const [ss, so, sn] = [share(v.shares.support), share(v.shares.oppose), share(v.shares.neutral)];
    statements.push({
      key: 'votes',
      sq: `Nga ${total.sq} vota, ${support.sq} (${ss.sq}) e mbështesin angazhimin, ${oppose.sq} (${so.sq}) e kundërshtojnë dhe ${neutral.sq} (${sn.sq}) janë neutrale.`,
      en: `Of ${total.en} votes, ${support.en} (${ss.en}) support the commitment, ${oppose.en} (${so.en}) oppose it and ${neutral.en} (${sn.en}) are neutral.`,
      contributionIds: [],
      figures: {
        'votes.total': v.total,
        'votes.support': v.support,
        'votes.oppose': v.oppose,
        'votes.neutral': v.neutral,
      },
    });
  } else {
    statements.push({
      key: 'votes',
      sq: 'Për këtë angazhim ende nuk është votuar.',
      en: 'No votes have been cast on this commitment yet.',
      contributionIds: [],
      figures: { 'votes.total': 0 },
    });
  }

  const terms: KeyTerm[] = [...input.keyTerms.sq, ...input.keyTerms.en]
    .sort((a, b) => b.comments - a.comments || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, 3);
  if (terms.length > 0) {
    const list = (language: 'sq' | 'en') =>
      joinList(
        terms.map((term, i) =>
          i === 0
            ? `“${term.term}” (${formatNumber(term.comments, language)} ${language === 'sq' ? 'komente' : 'comments'})`
            : `“${term.term}” (${formatNumber(term.comments, language)})`,
        ),
        language,
      );
    statements.push({
      key: 'terms',
      sq: `${terms.length === 1 ? 'Termi më i përdorur në komente është' : 'Termat më të përdorur në komente janë'} ${list('sq')}.`,
      en: `${terms.length === 1 ? 'The term used most in the comments is' : 'The terms used most in the comments are'} ${list('en')}.`,
      contributionIds: unique(terms.flatMap((term) => term.commentIds)),
      figures: Object.fromEntries(terms.map((term) => [`terms.${term.term}.comments`, term.comments])),
    });
  }

  const agreed = input.mostAgreed[0];
  if (agreed) {
    statements.push({
      key: 'most-agreed',
      sq: `Komenti me më shumë miratime (${reactionsOf(agreed, 'sq')}) thotë: “${quote(agreed)}”`,
      en: `The most agreed comment (${reactionsOf(agreed, 'en')}) says: “${quote(agreed)}”`,
      contributionIds: [agreed.id],
      figures: { [`${agreed.id}.agree`]: agreed.agree, [`${agreed.id}.disagree`]: agreed.disagree },
    });
  }

  const divisive = input.mostDivisive[0];
  if (divisive) {
    statements.push({
      key: 'most-divisive',
      sq: `Komenti që i ndau më shumë pjesëmarrësit (${reactionsOf(divisive, 'sq')}) thotë: “${quote(divisive)}”`,
      en: `The most divisive comment (${reactionsOf(divisive, 'en')}) says: “${quote(divisive)}”`,
      contributionIds: [divisive.id],
      figures: { [`${divisive.id}.agree`]: divisive.agree, [`${divisive.id}.disagree`]: divisive.disagree },
    });
  }

  const busiest = [...input.sections]
    .filter((s) => s.comments + s.replies > 0)
    .sort((a, b) => b.comments + b.replies - (a.comments + a.replies))[0];
  if (busiest) {
    const [c, r] = [n(busiest.comments), n(busiest.replies)];
    statements.push({
      key: 'sections',
      sq: `Më shumë komente mori pjesa “${sectionLabel(busiest.sectionId, 'sq', busiest.label)}” (${c.sq} komente, ${r.sq} përgjigje).`,
      en: `Most comments concern “${sectionLabel(busiest.sectionId, 'en', busiest.label)}” (${c.en} comments, ${r.en} replies).`,
      contributionIds: unique([...busiest.mostAgreed, ...busiest.mostDivisive]),
      figures: {
        [`sections.${busiest.sectionId}.comments`]: busiest.comments,
        [`sections.${busiest.sectionId}.replies`]: busiest.replies,
      },
    });
  }

  if (t.proposals > 0) {
    statements.push({
      key: 'proposals',
      sq: `Organizatat paraqitën ${formatNumber(t.proposals, 'sq')} propozime për këtë angazhim.`,
      en: `Organisations submitted ${formatNumber(t.proposals, 'en')} ${t.proposals === 1 ? 'proposal' : 'proposals'} on this commitment.`,
      contributionIds: [...(input.proposalIds ?? [])],
      figures: { 'totals.proposals': t.proposals },
    });
  }

  if (t.meetingContributions > 0) {
    statements.push({
      key: 'meetings',
      sq: `Në takimet me prani fizike u mblodhën ${formatNumber(t.meetingContributions, 'sq')} kontribute për këtë angazhim.`,
      en: `${formatNumber(t.meetingContributions, 'en')} ${t.meetingContributions === 1 ? 'contribution from in-person meetings concerns' : 'contributions from in-person meetings concern'} this commitment.`,
      contributionIds: [...(input.meetingContributionIds ?? [])],
      figures: { 'totals.meetingContributions': t.meetingContributions },
    });
  }

  const r = input.responses;
  if (r.answerable > 0) {
    statements.push({
      key: 'responses',
      sq: `${formatNumber(r.answered, 'sq')} nga ${formatNumber(r.answerable, 'sq')} kontribute kanë marrë përgjigje të arsyetuar; ${formatNumber(r.unanswered, 'sq')} janë ende pa përgjigje.`,
      en: `${formatNumber(r.answered, 'en')} of ${formatNumber(r.answerable, 'en')} contributions have a reasoned response; ${formatNumber(r.unanswered, 'en')} are still unanswered.`,
      contributionIds: [],
      figures: {
        'responses.answerable': r.answerable,
        'responses.answered': r.answered,
        'responses.unanswered': r.unanswered,
      },
    });
  }

  return paragraphOf(statements);
}

/** The paragraph's text in both languages: each statement followed by its citation. */
export function paragraphOf(statements: Statement[]): CommitmentSummary['paragraph'] {
  return {
    sq: statements.map((s) => `${s.sq} ${citation(s, 'sq')}`).join(' '),
    en: statements.map((s) => `${s.en} ${citation(s, 'en')}`).join(' '),
    statements,
  };
}

/** "[figures: votes.total = 160, votes.support = 120; contributions: 01J…, 01K…]" */
export function citation(statement: Statement, language: 'sq' | 'en'): string {
  const figures = Object.entries(statement.figures)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
  const ids = statement.contributionIds;
  const shown = ids.slice(0, CITED_IDS).join(', ') + (ids.length > CITED_IDS ? ` (+${ids.length - CITED_IDS})` : '');
  const [f, c] = language === 'sq' ? ['shifrat', 'kontributet'] : ['figures', 'contributions'];
  return `[${f}: ${figures}${ids.length > 0 ? `; ${c}: ${shown}` : ''}]`;
}

function reactionsOf(comment: CommentRef, language: 'sq' | 'en'): string {
  return language === 'sq'
    ? `${formatNumber(comment.agree, 'sq')} pajtohen, ${formatNumber(comment.disagree, 'sq')} nuk pajtohen`
    : `${formatNumber(comment.agree, 'en')} agree, ${formatNumber(comment.disagree, 'en')} disagree`;
}

function quote(comment: CommentRef): string {
  const chars = [...comment.excerpt];
  return chars.length <= QUOTE_LENGTH ? comment.excerpt : `${chars.slice(0, QUOTE_LENGTH - 1).join('')}…`;
}

function joinList(items: string[], language: 'sq' | 'en'): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'sq' ? ' dhe ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
