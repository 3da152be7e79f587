import { useEffect, useState } from 'preact/hooks';
import type { StaffProposal } from '#shared/schemas/staff.ts';
import { type ProposalVisibility, staff } from '../../lib/staff-client.ts';
import { errorMessage, fill, formatDateTime } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';
import {
  ErrorNotice,
  HideReasonFields,
  Listing,
  MoreButton,
  StatusLine,
  Tabs,
  useAction,
  useDecision,
  usePages,
} from './parts.tsx';

const LISTS = [
  ['pending', 'console.state.pending'],
  ['approved', 'console.prop.approved'],
  ['hidden', 'console.state.hidden'],
] as const;

type Action = 'approve' | 'hide' | 'restore';

const ACTION_LABEL = {
  approve: 'console.mod.approve',
  hide: 'console.mod.hide',
  restore: 'console.mod.restore',
} as const;

/** What each list lets a moderator do: approve or hide what waits, hide what is listed, restore what is hidden. */
const ACTIONS: Record<ProposalVisibility, readonly Action[]> = {
  pending: ['approve', 'hide'],
  approved: ['hide'],
  hidden: ['restore'],
};

/**
 * Proposals of organisations (every staff member reads them): moderators and admins approve, hide with a reason or
 * restore; drafters and admins also see the contact person. Each file opens through a five-minute download link.
 */
export default function Proposals({ lang, m, consultation, groups }: SectionProps) {
  const moderates = groups.includes('moderator') || groups.includes('admin');
  const [visibility, setVisibility] = useState<ProposalVisibility>('pending');
  const pages = usePages(
    (cursor) => staff.proposals(consultation.id, visibility, cursor),
    (page) => page.proposals,
  );
  const { items, setItems } = pages;
  const decision = useDecision();
  const { error, setError, status, setStatus, busy, run } = useAction(lang, m);

  const load = async (cursor?: string) => {
    if (!cursor) setItems(undefined);
    setError('');
    try {
      await pages.load(cursor);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setItems((list) => list ?? []);
    }
  };
  useEffect(() => {
    void load();
  }, [visibility]);

  const act = (proposal: StaffProposal, action: Action) => {
    const input = decision.input(action);
    return run(async () => {
      await staff.moderateProposal(proposal.id, input);
      setItems((list) => list?.filter((p) => p.id !== proposal.id));
      decision.setNote('');
      setStatus(fill(m['console.prop.done'], { title: proposal.title }));
    });
  };

  const download = async (proposalId: string, attachmentId: string) => {
    setError('');
    try {
      const { url } = await staff.attachmentLink(proposalId, attachmentId);
      location.assign(url);
    } catch (e) {
      setError(errorMessage(e, lang, m));
    }
  };

  return (
    <section aria-labelledby="console-proposals" class="console-part">
      <h2 id="console-proposals">{m['console.prop.heading']}</h2>
      <Tabs
        legend={m['console.prop.lists']}
        options={LISTS.map(([value, label]) => [value, m[label]] as const)}
        value={visibility}
        onPick={setVisibility}
      />
      {moderates && <HideReasonFields m={m} idPrefix="prop" decision={decision} />}
      <StatusLine text={status} />
      <ErrorNotice error={error} retry={{ label: m['console.reload'], run: () => void load() }} />
      <Listing m={m} items={items} empty={m['console.mod.empty']}>
        {(items) => (
          <ul class="console-list">
            {items.map((p) => (
              <li key={p.id} class="card console-item" data-proposal={p.id}>
                <h3>{p.title}</h3>
                <p class="muted">
                  {p.organisation.name}
                  {p.organisation.registrationNumber ? ` (${p.organisation.registrationNumber})` : ''} ·{' '}
                  {formatDateTime(lang, p.submittedAt)}
                </p>
                <p class="muted">
                  {p.commitmentId ? commitmentTitle(consultation, p.commitmentId) : m['console.prop.newCommitment']}
                </p>
                <dl class="facts">
                  <div>
                    <dt>{m['console.prop.problem']}</dt>
                    <dd>{p.problem}</dd>
                  </div>
                  <div>
                    <dt>{m['console.prop.objective']}</dt>
                    <dd>{p.objective}</dd>
                  </div>
                  {p.contact && (
                    <div>
                      <dt>{m['console.prop.contact']}</dt>
                      <dd>
                        {p.contact.name}, <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                        {p.contact.phone ? `, ${p.contact.phone}` : ''}
                      </dd>
                    </div>
                  )}
                </dl>
                {p.attachments.length > 0 && (
                  <ul class="console-files" aria-label={m['console.prop.files']}>
                    {p.attachments.map((a) => (
                      <li key={a.id}>
                        <button
                          type="button"
                          class="button button--secondary"
                          onClick={() => void download(p.id, a.id)}
                        >
                          {fill(m['console.prop.open'], { name: a.fileName, kb: Math.ceil(a.bytes / 1024) })}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                {moderates && (
                  <div class="button-row">
                    {ACTIONS[visibility].map((action) => (
                      <button
                        key={action}
                        type="button"
                        class={action === 'approve' ? 'button button--secondary' : 'button'}
                        disabled={busy}
                        onClick={() => void act(p, action)}
                      >
                        {m[ACTION_LABEL[action]]}
                      </button>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Listing>
      <MoreButton m={m} next={pages.next} onMore={(cursor) => void load(cursor)} />
    </section>
  );
}
