import { useEffect, useState } from 'preact/hooks';
import type { StaffProposal } from '#shared/schemas/staff.ts';
import { HIDE_REASONS, type HideReason } from '#shared/vocabulary.ts';
import { ApiError } from '../../lib/api-client.ts';
import { type ProposalVisibility, staff } from '../../lib/staff-client.ts';
import { errorMessage, fill, formatDateTime } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';

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
  const [items, setItems] = useState<StaffProposal[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const [hideReason, setHideReason] = useState<HideReason>('spam');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async (cursor?: string) => {
    if (!cursor) setItems(undefined);
    setError('');
    try {
      const page = await staff.proposals(consultation.id, visibility, cursor);
      setItems((list) => (cursor ? [...(list ?? []), ...page.proposals] : page.proposals));
      setNext(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setItems((list) => list ?? []);
    }
  };
  useEffect(() => {
    void load();
  }, [visibility]);

  const act = async (proposal: StaffProposal, action: Action) => {
    setBusy(true);
    setError('');
    setStatus('');
    const trimmed = note.trim();
    const extra = trimmed ? { note: trimmed } : {};
    try {
      await staff.moderateProposal(
        proposal.id,
        action === 'hide' ? { action, reason: hideReason, ...extra } : { action, ...extra },
      );
      setItems((list) => list?.filter((p) => p.id !== proposal.id));
      setNote('');
      setStatus(fill(m['console.prop.done'], { title: proposal.title }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? m['console.conflict'] : errorMessage(e, lang, m));
    } finally {
      setBusy(false);
    }
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
      <fieldset class="button-row console-tabs">
        <legend class="visually-hidden">{m['console.prop.lists']}</legend>
        {LISTS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            class={value === visibility ? 'button' : 'button button--secondary'}
            aria-pressed={value === visibility}
            onClick={() => setVisibility(value)}
          >
            {m[label]}
          </button>
        ))}
      </fieldset>
      {moderates && (
        <fieldset class="console-action-fields">
          <legend>{m['console.mod.decision']}</legend>
          <div class="field">
            <label for="prop-hide-reason">{m['console.mod.hideReason']}</label>
            <select
              id="prop-hide-reason"
              value={hideReason}
              onChange={(e) => setHideReason((e.target as HTMLSelectElement).value as HideReason)}
            >
              {HIDE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {m[`console.hide.${r}`]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="prop-note">{m['console.mod.note']}</label>
            <textarea
              id="prop-note"
              rows={2}
              maxLength={1000}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
          </div>
        </fieldset>
      )}
      <p role="status" class="console-status">
        {status}
      </p>
      {error && (
        <div class="live-error" role="alert">
          <p>{error}</p>
          <button type="button" class="button button--secondary" onClick={() => void load()}>
            {m['console.reload']}
          </button>
        </div>
      )}
      {items === undefined ? (
        <p class="muted">{m['live.loading']}</p>
      ) : items.length === 0 ? (
        <p class="notice">{m['console.mod.empty']}</p>
      ) : (
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
                      <button type="button" class="button button--secondary" onClick={() => void download(p.id, a.id)}>
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
      {next && (
        <button type="button" class="button button--secondary" onClick={() => void load(next)}>
          {m['console.more']}
        </button>
      )}
    </section>
  );
}
