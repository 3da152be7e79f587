import type { OGP_VALUES } from '#shared/schemas/commitment.ts';
import type { Language } from '#shared/schemas/common.ts';
import type { PublicProposal } from '#shared/schemas/proposal.ts';
import type { Messages, ProposalViewKey } from '../i18n/island-keys.ts';
import { Paragraphs } from './forms.tsx';
import { fill, formatDateTime } from './live.ts';

type OgpValue = (typeof OGP_VALUES)[number];
export type Labels = {
  /** Commitment titles by id, and municipality names by id, from the page. */
  commitments: Record<string, string>;
  municipalities: Record<string, string>;
};

type Content = Omit<PublicProposal, 'organisation' | 'status' | 'attachments'> & {
  organisation: { name: string; type: PublicProposal['organisation']['type']; municipality: string };
  attachments?: { id: string; fileName: string; bytes: number }[] | undefined;
};

/** One proposal's template fields, as text (never parsed as HTML). */
export function ProposalContent({
  proposal: p,
  lang,
  m,
  labels,
  headingLevel = 3,
}: {
  proposal: Content;
  lang: Language;
  m: Messages<ProposalViewKey>;
  labels: Labels;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const place =
    p.organisation.municipality === 'national' ? '' : (labels.municipalities[p.organisation.municipality] ?? '');
  return (
    <article class="proposal" data-proposal={p.id}>
      <p class="card__kicker">
        {m[`proposalKind.${p.kind}`]} · {fill(m['proposals.submitted'], { date: formatDateTime(lang, p.submittedAt) })}
      </p>
      <H class="proposal__title">{p.title}</H>
      <p class="muted">
        {fill(m['proposals.by'], { organisation: p.organisation.name })} ({m[`orgType.${p.organisation.type}`]}
        {place ? `, ${place}` : ''})
      </p>
      {p.commitmentId && (
        <p>{fill(m['proposals.amends'], { commitment: labels.commitments[p.commitmentId] ?? p.commitmentId })}</p>
      )}
      {(
        [
          ['pform.problem', p.problem],
          ['pform.causes', p.causes],
          ['pform.objective', p.objective],
          ['pform.expectedResults', p.expectedResults],
        ] as const
      ).map(([label, text]) => (
        <section key={label}>
          <Sub>{m[label]}</Sub>
          <Paragraphs text={text} />
        </section>
      ))}
      <Sub>{m['pform.milestones']}</Sub>
      <ol>
        {p.milestones.map((ms) => (
          <li key={`${ms.description}${ms.start}`}>
            {ms.description} ({ms.start} – {ms.end}; {ms.responsible})
          </li>
        ))}
      </ol>
      <Sub>{m['pform.indicators']}</Sub>
      <ul>
        {p.indicators.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <dl class="facts">
        <div>
          <dt>{m['pform.leadInstitution']}</dt>
          <dd>{p.leadInstitution}</dd>
        </div>
        {p.supportingActors.length > 0 && (
          <div>
            <dt>{m['pform.supportingActors']}</dt>
            <dd>{p.supportingActors.join('; ')}</dd>
          </div>
        )}
        <div>
          <dt>{m['pform.ogpValues']}</dt>
          <dd>{p.ogpValues.map((v) => m[`ogp.${v as OgpValue}`]).join(', ')}</dd>
        </div>
        {p.attachments && p.attachments.length > 0 && (
          <div>
            <dt>{m['proposals.files']}</dt>
            <dd>{p.attachments.map((a) => a.fileName).join('; ')}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
