import { MUNICIPALITIES } from '../municipalities.ts';
import type { Language } from '../schemas/common.ts';
import {
  AGE_LABELS,
  DISPOSITION_LABELS,
  formatNumber,
  formatShare,
  label,
  localized,
  STAKEHOLDER_LABELS,
  sectionLabel,
} from './labels.ts';
import { citation } from './paragraph.ts';
import type { CommentRef, CommitmentSummary, GroupCount, KeyTerm, Summary } from './schema.ts';

/*
 * The readable report: one self-contained HTML page in Albanian or English, print-ready (the browser's "Save as PDF"),
 * with no scripts and no external resources. Each chart is an inline SVG with a title and a description, followed by
 * the data table it draws (its text alternative).
 */

const T = {
  report: { sq: 'Përmbledhja e konsultimit', en: 'Consultation summary' },
  generated: { sq: 'Krijuar më', en: 'Generated on' },
  publicNote: {
    sq: 'Të dhëna të hapura (CC BY 4.0). Nuk përmbajnë të dhëna personale: as emra, as të dhëna kontakti.',
    en: 'Open data (CC BY 4.0). No personal data: no names, no contact details.',
  },
  staffNote: {
    sq: 'Vetëm për stafin: përmban kontribute të moderuara dhe emrat që autorët zgjodhën. Mos e publikoni.',
    en: 'Staff only: holds moderated contributions and the names authors chose. Do not publish.',
  },
  participation: { sq: 'Pjesëmarrja', en: 'Participation' },
  participants: { sq: 'Pjesëmarrës', en: 'Participants' },
  comments: { sq: 'Komente', en: 'Comments' },
  replies: { sq: 'Përgjigje', en: 'Replies' },
  reactions: { sq: 'Reagime ndaj komenteve', en: 'Reactions to comments' },
  votes: { sq: 'Vota', en: 'Votes' },
  proposals: { sq: 'Propozime', en: 'Proposals' },
  meetingContributions: { sq: 'Kontribute nga takimet', en: 'Contributions from meetings' },
  perDay: { sq: 'Pjesëmarrja sipas ditës', en: 'Participation per day' },
  perDayDesc: {
    sq: 'Shtylla për çdo ditë: vota, komente e përgjigje, reagime. Të dhënat janë në tabelën më poshtë.',
    en: 'One bar per day: votes, comments and replies, reactions. The data is in the table below.',
  },
  day: { sq: 'Dita', en: 'Day' },
  newParticipants: { sq: 'Pjesëmarrës të rinj', en: 'New participants' },
  commentsAndReplies: { sq: 'Komente dhe përgjigje', en: 'Comments and replies' },
  byStakeholder: { sq: 'Pjesëmarrësit sipas grupit të interesit', en: 'Participants by stakeholder type' },
  byAge: { sq: 'Pjesëmarrësit sipas grupmoshës', en: 'Participants by age group' },
  byMunicipality: { sq: 'Pjesëmarrësit sipas bashkisë', en: 'Participants by municipality' },
  group: { sq: 'Grupi', en: 'Group' },
  municipality: { sq: 'Bashkia', en: 'Municipality' },
  count: { sq: 'Numri', en: 'Number' },
  barsDesc: {
    sq: 'Një shtyllë për çdo grup. Të dhënat janë në tabelën më poshtë.',
    en: 'One bar per group. The data is in the table below.',
  },
  commitment: { sq: 'Angazhimi', en: 'Commitment' },
  draft: {
    sq: 'Paragraf i hartuar automatikisht, për t’u redaktuar nga hartuesit. Çdo fjali citon shifrat dhe kontributet mbi të cilat mbështetet.',
    en: 'Automatically drafted paragraph, for the drafters to edit. Each sentence cites the figures and contributions it rests on.',
  },
  voteBalance: { sq: 'Votat', en: 'Votes' },
  voteDesc: {
    sq: 'Shtylla e ndarë: mbështesin, kundërshtojnë, neutrale. Të dhënat janë në tabelën më poshtë.',
    en: 'Split bar: support, oppose, neutral. The data is in the table below.',
  },
  support: { sq: 'Mbështes', en: 'Support' },
  oppose: { sq: 'Kundër', en: 'Oppose' },
  neutral: { sq: 'Neutral', en: 'Neutral' },
  total: { sq: 'Gjithsej', en: 'Total' },
  share: { sq: 'Pjesa', en: 'Share' },
  votesByStakeholder: { sq: 'Votat sipas grupit të interesit', en: 'Votes by stakeholder type' },
  votesByMunicipality: { sq: 'Votat sipas bashkisë', en: 'Votes by municipality' },
  sections: { sq: 'Komentet sipas pjesës së draftit', en: 'Comments by part of the draft' },
  section: { sq: 'Pjesa', en: 'Part' },
  agree: { sq: 'Pajtohen', en: 'Agree' },
  disagree: { sq: 'Nuk pajtohen', en: 'Disagree' },
  balance: { sq: 'Ekuilibri', en: 'Balance' },
  balanceNote: {
    sq: 'Ekuilibri = (pajtohen − nuk pajtohen) / (pajtohen + nuk pajtohen), nga −1 në +1.',
    en: 'Balance = (agree − disagree) / (agree + disagree), from −1 to +1.',
  },
  mostAgreed: { sq: 'Komentet me më shumë miratime', en: 'Most agreed comments' },
  mostDivisive: { sq: 'Komentet që ndajnë më shumë', en: 'Most divisive comments' },
  divisiveNote: {
    sq: 'Sa ndan një koment: numri i anës më të vogël, min(pajtohen, nuk pajtohen).',
    en: 'How divisive a comment is: the size of its smaller side, min(agree, disagree).',
  },
  keyTerms: { sq: 'Termat kryesorë', en: 'Key terms' },
  inAlbanian: { sq: 'Në shqip', en: 'In Albanian' },
  inEnglish: { sq: 'Në anglisht', en: 'In English' },
  term: { sq: 'Termi', en: 'Term' },
  usedIn: { sq: 'Komente', en: 'Comments' },
  examples: { sq: 'Disa nga komentet', en: 'Some of the comments' },
  none: { sq: 'Asnjë.', en: 'None.' },
  proposalsHeading: { sq: 'Propozimet e organizatave', en: 'Proposals from organisations' },
  title: { sq: 'Titulli', en: 'Title' },
  organisation: { sq: 'Organizata', en: 'Organisation' },
  type: { sq: 'Lloji', en: 'Type' },
  status: { sq: 'Gjendja', en: 'Status' },
  disposition: { sq: 'Vendimi', en: 'Disposition' },
  meetings: { sq: 'Takimet me prani fizike', en: 'In-person meetings' },
  date: { sq: 'Data', en: 'Date' },
  meeting: { sq: 'Takimi', en: 'Meeting' },
  responses: { sq: 'Përgjigjet e arsyetuara', en: 'Reasoned responses' },
  answerable: { sq: 'Kontribute që kërkojnë përgjigje', en: 'Contributions that call for a response' },
  answered: { sq: 'Me përgjigje', en: 'Answered' },
  unanswered: { sq: 'Pa përgjigje', en: 'Unanswered' },
  contents: { sq: 'Përmbajtja', en: 'Contents' },
} as const satisfies Record<string, { sq: string; en: string }>;

type Key = keyof typeof T;

const COLOURS = { support: '#1a7f37', oppose: '#b42318', neutral: '#6e7781', a: '#0b5cad', b: '#8250df', c: '#bc4c00' };

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderReport(view: Summary, language: Language): string {
  const t = (key: Key) => T[key][language];
  const n = (value: number) => formatNumber(value, language);
  const h = escapeHtml;
  let figure = 0;
  const nextId = () => `f${++figure}`;

  const table = (caption: string, head: string[], rows: string[][], numeric: boolean[] = []) =>
    `<table><caption>${h(caption)}</caption><thead><tr>${head
      .map((c, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${h(c)}</th>`)
      .join('')}</tr></thead><tbody>${rows
      .map(
        (r) =>
          `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`,
      )
      .join('')}</tbody></table>`;

  /** Horizontal bars, one per group, with the table it draws. */
  const barChart = (caption: string, groups: { label: string; value: number }[]) => {
    const id = nextId();
    const max = Math.max(1, ...groups.map((g) => g.value));
    const rowHeight = 22;
    const width = 640;
    const labelWidth = 220;
    const svgHeight = groups.length * rowHeight + 8;
    const bars = groups
      .map((g, i) => {
        const y = 4 + i * rowHeight;
        const w = Math.round(((width - labelWidth - 60) * g.value) / max);
        return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${h(g.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="${COLOURS.a}"/><text x="${labelWidth + w + 4}" y="${y + 15}">${n(g.value)}</text>`;
      })
      .join('');
    const svg = `<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${svgHeight}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${h(caption)}</title><desc id="${id}-d">${h(t('barsDesc'))}</desc>${bars}</svg>`;
    return `<figure aria-labelledby="${id}-c"><figcaption id="${id}-c">${h(caption)}</figcaption>${svg}${table(
      caption,
      [t('group'), t('count')],
      groups.map((g) => [h(g.label), n(g.value)]),
      [false, true],
    )}</figure>`;
  };

  const groupsOf = (rows: GroupCount[], names: (key: string) => string) =>
    rows.map((g) => ({ label: names(g.key), value: g.count }));
  const municipalityName = (key: string) =>
    key === 'not-declared'
      ? label(STAKEHOLDER_LABELS, key, language)
      : ((MUNICIPALITIES as Record<string, string>)[key] ?? key);

  /** Stacked bars per day: votes, comments and replies, reactions. */
  const dayChart = () => {
    const days = view.perDay;
    if (days.length === 0) return `<p>${h(t('none'))}</p>`;
    const id = nextId();
    const width = 720;
    const height = 220;
    const left = 48;
    const bottom = 30;
    const max = Math.max(1, ...days.map((d) => d.votes + d.comments + d.replies + d.reactions));
    const slot = (width - left - 10) / days.length;
    const barWidth = Math.max(1, Math.min(24, slot * 0.8));
    const top = 28;
    const scale = (v: number) => ((height - bottom - top) * v) / max;
    const bars = days
      .map((d, i) => {
        const x = left + i * slot + (slot - barWidth) / 2;
        let y = height - bottom;
        const parts: [number, string][] = [
          [d.votes, COLOURS.a],
          [d.comments + d.replies, COLOURS.b],
          [d.reactions, COLOURS.c],
        ];
        return parts
          .map(([value, colour]) => {
            const hgt = scale(value);
            y -= hgt;
            return value > 0
              ? `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${hgt.toFixed(1)}" fill="${colour}"/>`
              : '';
          })
          .join('');
      })
      .join('');
    const first = days[0]?.date ?? '';
    const last = days[days.length - 1]?.date ?? '';
    const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#444"/><text x="${left}" y="${height - 10}">${h(first)}</text><text x="${width - 10}" y="${height - 10}" text-anchor="end">${h(last)}</text><text x="${left - 6}" y="${top + 4}" text-anchor="end">${n(max)}</text><text x="${left - 6}" y="${height - bottom}" text-anchor="end">0</text>`;
    const legend = [
      [t('votes'), COLOURS.a],
      [t('commentsAndReplies'), COLOURS.b],
      [t('reactions'), COLOURS.c],
    ]
      .map(
        ([name, colour], i) =>
          `<rect x="${left + 10 + i * 200}" y="4" width="12" height="12" fill="${colour}"/><text x="${left + 28 + i * 200}" y="15">${h(name as string)}</text>`,
      )
      .join('');
    const svg = `<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${h(t('perDay'))}</title><desc id="${id}-d">${h(t('perDayDesc'))}</desc>${legend}${bars}${axis}</svg>`;
    return `<figure aria-labelledby="${id}-c"><figcaption id="${id}-c">${h(t('perDay'))}</figcaption>${svg}${table(
      t('perDay'),
      [
        t('day'),
        t('newParticipants'),
        t('votes'),
        t('comments'),
        t('replies'),
        t('reactions'),
        t('proposals'),
        t('meetingContributions'),
      ],
      days.map((d) => [
        h(d.date),
        n(d.participants),
        n(d.votes),
        n(d.comments),
        n(d.replies),
        n(d.reactions),
        n(d.proposals),
        n(d.meetingContributions),
      ]),
      [false, true, true, true, true, true, true, true],
    )}</figure>`;
  };

  const voteChart = (c: CommitmentSummary) => {
    const v = c.votes;
    const id = nextId();
    const width = 640;
    const height = 56;
    const parts: [Key, number, string][] = [
      ['support', v.support, COLOURS.support],
      ['oppose', v.oppose, COLOURS.oppose],
      ['neutral', v.neutral, COLOURS.neutral],
    ];
    let x = 0;
    const bars =
      v.total === 0
        ? `<rect x="0" y="4" width="${width}" height="24" fill="#eaeef2"/>`
        : parts
            .map(([, value, colour]) => {
              const w = (width * value) / v.total;
              const rect = `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="24" fill="${colour}"/>`;
              x += w;
              return rect;
            })
            .join('');
    const legend = parts
      .map(
        ([key, value, colour], i) =>
          `<rect x="${i * 210}" y="38" width="12" height="12" fill="${colour}"/><text x="${i * 210 + 16}" y="49">${h(`${t(key)}: ${n(value)} (${formatShare(v.total === 0 ? null : value / v.total, language)})`)}</text>`,
      )
      .join('');
    const caption = `${t('voteBalance')}: ${localized(c.title, language)}`;
    const svg = `<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-t">${h(caption)}</title><desc id="${id}-d">${h(t('voteDesc'))}</desc>${bars}${legend}</svg>`;
    return `<figure aria-labelledby="${id}-c"><figcaption id="${id}-c">${h(caption)}</figcaption>${svg}${table(
      caption,
      [t('group'), t('count'), t('share')],
      [
        [h(t('support')), n(v.support), formatShare(v.shares.support, language)],
        [h(t('oppose')), n(v.oppose), formatShare(v.shares.oppose, language)],
        [h(t('neutral')), n(v.neutral), formatShare(v.shares.neutral, language)],
        [h(t('total')), n(v.total), v.total === 0 ? '–' : '100%'],
      ],
      [false, true, true],
    )}</figure>`;
  };

  const voteGroupTable = (
    caption: string,
    rows: CommitmentSummary['votes']['byStakeholderType'],
    names: (k: string) => string,
  ) =>
    rows.every((r) => r.total === 0)
      ? `<p><strong>${h(caption)}</strong>: ${h(t('none'))}</p>`
      : table(
          caption,
          [t('group'), t('support'), t('oppose'), t('neutral'), t('total')],
          rows
            .filter((r) => r.total > 0)
            .map((r) => [h(names(r.key)), n(r.support), n(r.oppose), n(r.neutral), n(r.total)]),
          [false, true, true, true, true],
        );

  const commentList = (refs: CommentRef[], divisive: boolean) =>
    refs.length === 0
      ? `<p>${h(t('none'))}</p>`
      : `<ol class="comments">${refs
          .map(
            (r) =>
              `<li><blockquote>${h(r.excerpt)}</blockquote><p class="meta">${h(t('agree'))}: ${n(r.agree)} · ${h(t('disagree'))}: ${n(r.disagree)}${divisive ? ` · min = ${n(r.divisiveness)}` : ''} · ${h(sectionLabel(r.sectionId, language))} · <code>${h(r.id)}</code></p></li>`,
          )
          .join('')}</ol>`;

  const termTable = (caption: string, terms: KeyTerm[]) =>
    terms.length === 0
      ? ''
      : table(
          caption,
          [t('term'), t('usedIn'), t('examples')],
          terms.map((term) => [
            h(term.term),
            n(term.comments),
            `<code>${h(term.commentIds.slice(0, 5).join(', '))}</code>${term.commentIds.length > 5 ? ' …' : ''}`,
          ]),
          [false, true, false],
        );

  const commitmentSection = (c: CommitmentSummary) => {
    const title = localized(c.title, language);
    const paragraph = c.paragraph.statements
      .map((s) => `${h(language === 'sq' ? s.sq : s.en)} <span class="cite">${h(citation(s, language))}</span>`)
      .join(' ');
    const sectionRows = c.sections
      .filter((s) => s.comments + s.replies > 0)
      .map((s) => {
        const tone = s.balance === null ? '' : ` style="background:${balanceColour(s.balance)}"`;
        return [
          h(sectionLabel(s.sectionId, language, s.label)),
          n(s.comments),
          n(s.replies),
          n(s.agree),
          n(s.disagree),
          `<span${tone} class="chip">${s.balance === null ? '–' : s.balance.toFixed(2)}</span>`,
        ];
      });
    return `<section class="commitment" id="c-${h(c.id)}" aria-labelledby="c-${h(c.id)}-h">
<h2 id="c-${h(c.id)}-h">${h(t('commitment'))} ${c.order}: ${h(title)}</h2>
${table(
  t('participation'),
  [
    t('participants'),
    t('votes'),
    t('comments'),
    t('replies'),
    t('reactions'),
    t('proposals'),
    t('meetingContributions'),
  ].map((x) => x),
  [
    [
      n(c.totals.participants),
      n(c.totals.votes),
      n(c.totals.comments),
      n(c.totals.replies),
      n(c.totals.reactions),
      n(c.totals.proposals),
      n(c.totals.meetingContributions),
    ],
  ],
  [true, true, true, true, true, true, true],
)}
<div class="draft"><p class="note">${h(t('draft'))}</p><p>${paragraph}</p></div>
${voteChart(c)}
${voteGroupTable(t('votesByStakeholder'), c.votes.byStakeholderType, (k) => label(STAKEHOLDER_LABELS, k, language))}
${voteGroupTable(t('votesByMunicipality'), c.votes.byMunicipality, municipalityName)}
<h3>${h(t('sections'))}</h3>
${sectionRows.length === 0 ? `<p>${h(t('none'))}</p>` : table(t('sections'), [t('section'), t('comments'), t('replies'), t('agree'), t('disagree'), t('balance')], sectionRows, [false, true, true, true, true, true])}
<p class="note">${h(t('balanceNote'))}</p>
<h3>${h(t('mostAgreed'))}</h3>
${commentList(c.mostAgreed, false)}
<h3>${h(t('mostDivisive'))}</h3>
<p class="note">${h(t('divisiveNote'))}</p>
${commentList(c.mostDivisive, true)}
<h3>${h(t('keyTerms'))}</h3>
${c.keyTerms.sq.length + c.keyTerms.en.length === 0 ? `<p>${h(t('none'))}</p>` : ''}
${termTable(t('inAlbanian'), c.keyTerms.sq)}
${termTable(t('inEnglish'), c.keyTerms.en)}
</section>`;
  };

  const totals = view.totals;
  const consultationTitle = localized(view.consultation.title, language);
  const proposals = view.proposals;
  const r = view.responses;

  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(t('report'))}: ${h(consultationTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">${h(t('report'))}</p>
<h1>${h(consultationTitle)}</h1>
<p>${h(t('generated'))} ${h(view.generatedAt.slice(0, 10))} · <strong>${h(view.audience === 'public' ? t('publicNote') : t('staffNote'))}</strong></p>
</header>
<nav aria-label="${h(t('contents'))}"><h2>${h(t('contents'))}</h2><ol>
<li><a href="#participation">${h(t('participation'))}</a></li>
${view.commitments.map((c) => `<li><a href="#c-${h(c.id)}">${h(t('commitment'))} ${c.order}: ${h(localized(c.title, language))}</a></li>`).join('\n')}
<li><a href="#proposals">${h(t('proposalsHeading'))}</a></li>
<li><a href="#meetings">${h(t('meetings'))}</a></li>
<li><a href="#responses">${h(t('responses'))}</a></li>
</ol></nav>
<main>
<section id="participation" aria-labelledby="participation-h">
<h2 id="participation-h">${h(t('participation'))}</h2>
${table(
  t('participation'),
  [
    t('participants'),
    t('votes'),
    t('comments'),
    t('replies'),
    t('reactions'),
    t('proposals'),
    t('meetingContributions'),
  ],
  [
    [
      n(totals.participants),
      n(totals.votes),
      n(totals.comments),
      n(totals.replies),
      n(totals.reactions),
      n(totals.proposals),
      n(totals.meetingContributions),
    ],
  ],
  [true, true, true, true, true, true, true],
)}
${dayChart()}
${barChart(
  t('byStakeholder'),
  groupsOf(view.participants.byStakeholderType, (k) => label(STAKEHOLDER_LABELS, k, language)),
)}
${barChart(
  t('byAge'),
  groupsOf(view.participants.byAgeBand, (k) => label(AGE_LABELS, k, language)),
)}
${table(
  t('byMunicipality'),
  [t('municipality'), t('count')],
  view.participants.byMunicipality.filter((g) => g.count > 0).map((g) => [h(municipalityName(g.key)), n(g.count)]),
  [false, true],
)}
</section>
${view.commitments.map(commitmentSection).join('\n')}
<section id="proposals" aria-labelledby="proposals-h">
<h2 id="proposals-h">${h(t('proposalsHeading'))}</h2>
${
  proposals.length === 0
    ? `<p>${h(t('none'))}</p>`
    : table(
        t('proposalsHeading'),
        [t('title'), t('organisation'), t('type'), t('commitment'), t('status'), t('disposition')],
        proposals.map((p) => [
          h(p.title),
          h(p.organisationName),
          h(p.organisationType),
          h(p.commitmentId ?? '–'),
          h(p.status),
          h(p.disposition ? label(DISPOSITION_LABELS, p.disposition, language) : '–'),
        ]),
      )
}
</section>
<section id="meetings" aria-labelledby="meetings-h">
<h2 id="meetings-h">${h(t('meetings'))}</h2>
${
  view.meetings.length === 0
    ? `<p>${h(t('none'))}</p>`
    : table(
        t('meetings'),
        [t('meeting'), t('date'), t('municipality'), t('participants'), t('meetingContributions')],
        view.meetings.map((m) => [
          h(localized(m.title, language)),
          h(m.date),
          h(municipalityName(m.municipality)),
          n(m.participantCount),
          n(m.contributions),
        ]),
        [false, false, false, true, true],
      )
}
</section>
<section id="responses" aria-labelledby="responses-h">
<h2 id="responses-h">${h(t('responses'))}</h2>
${table(
  t('responses'),
  [t('answerable'), t('answered'), t('unanswered')],
  [[n(r.answerable), n(r.answered), n(r.unanswered)]],
  [true, true, true],
)}
${table(
  t('disposition'),
  [t('disposition'), t('count')],
  r.byDisposition.map((d) => [h(label(DISPOSITION_LABELS, d.disposition, language)), n(d.count)]),
  [false, true],
)}
</section>
</main>
</body>
</html>
`;
}

/** A background for a balance from −1 (red) through 0 (white) to +1 (green), light enough for black text. */
function balanceColour(balance: number): string {
  const strength = Math.round(Math.min(1, Math.abs(balance)) * 60);
  return balance >= 0 ? `hsl(140 60% ${100 - strength / 2}%)` : `hsl(5 80% ${100 - strength / 2}%)`;
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.45;color:#1f2328;background:#fff}
body{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.8rem;margin:.2rem 0}h2{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid #d0d7de}h3{font-size:1.1rem}
.kicker{text-transform:uppercase;letter-spacing:.05em;color:#57606a;margin:0}
table{border-collapse:collapse;margin:.75rem 0;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#f6f8fa}tbody th{white-space:nowrap}
figure{margin:1rem 0;break-inside:avoid}figcaption{font-weight:600}
svg text{font-size:12px;fill:#1f2328}
.draft{border-left:4px solid #0b5cad;background:#f3f8fd;padding:.5rem 1rem;margin:1rem 0}
.note{color:#57606a;font-size:.9rem}
.cite{color:#57606a;font-size:.85em}
.chip{display:inline-block;padding:0 .4rem;border-radius:.2rem}
blockquote{margin:0;font-style:italic}
ol.comments li{margin-bottom:.6rem}.meta{margin:.1rem 0;color:#57606a;font-size:.85rem}
code{font-size:.85em;word-break:break-all}
a{color:#0b5cad}
nav li{margin:.3rem 0}nav a{display:inline-block;min-height:24px;padding:.1rem 0}
@media print{body{max-width:none;padding:0}nav{display:none}section.commitment{break-before:page}table,figure,blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}@page{margin:18mm 15mm}}
`;
