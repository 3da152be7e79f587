import { useEffect, useState } from 'preact/hooks';
import type { ModerationItem } from '#shared/schemas/staff.ts';
import {
  HIDE_REASONS,
  type HideReason,
  MODERATION_STATES,
  type ModerationState,
  REPORT_REASONS,
} from '#shared/vocabulary.ts';
import { ApiError } from '../../lib/api-client.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fill } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';

/** The moderation queue (moderators, admins): pending, reported and hidden comments, one by one or in bulk. */
export default function Moderation({ lang, m, consultation }: SectionProps) {
  const [state, setState] = useState<ModerationState>('reported');
  const [commitmentId, setCommitmentId] = useState('');
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<ModerationItem[] | undefined>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [hideReason, setHideReason] = useState<HideReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const titleOf = (id: string) => commitmentTitle(consultation, id);

  const load = async () => {
    setItems(undefined);
    setError('');
    setSelected([]);
    try {
      const filters = { ...(commitmentId ? { commitmentId } : {}), ...(reason ? { reason } : {}) };
      setItems((await staff.queue(consultation.id, state, filters)).items);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setItems([]);
    }
  };
  useEffect(() => {
    void load();
  }, [state, commitmentId, reason]);

  const act = async (ids: string[], action: 'approve' | 'hide' | 'restore') => {
    setBusy(true);
    setError('');
    setStatus('');
    const trimmed = note.trim();
    const input =
      action === 'hide'
        ? { action, reason: hideReason, ...(trimmed ? { note: trimmed } : {}) }
        : { action, ...(trimmed ? { note: trimmed } : {}) };
    try {
      let done: string[];
      if (ids.length === 1 && ids[0]) {
        await staff.moderate(ids[0], input);
        done = ids;
      } else {
        const { results } = await staff.bulk({ commentIds: ids, ...input });
        done = results.filter((r) => r.outcome === 'done').map((r) => r.commentId);
        if (done.length < ids.length) setError(m['console.mod.partial']);
      }
      setItems((list) => list?.filter((i) => !done.includes(i.id)));
      setSelected((s) => s.filter((id) => !done.includes(id)));
      setNote('');
      setStatus(fill(m['console.mod.done'], { n: done.length }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? m['console.conflict'] : errorMessage(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  const actions = (ids: string[]) => (
    <div class="button-row">
      {state !== 'hidden' && (
        <button
          type="button"
          class="button button--secondary"
          disabled={busy || !ids.length}
          onClick={() => void act(ids, 'approve')}
        >
          {m['console.mod.approve']}
        </button>
      )}
      {state !== 'hidden' && (
        <button type="button" class="button" disabled={busy || !ids.length} onClick={() => void act(ids, 'hide')}>
          {m['console.mod.hide']}
        </button>
      )}
      {state === 'hidden' && (
        <button type="button" class="button" disabled={busy || !ids.length} onClick={() => void act(ids, 'restore')}>
          {m['console.mod.restore']}
        </button>
      )}
    </div>
  );

  return (
    <section aria-labelledby="console-moderation" class="console-part">
      <h2 id="console-moderation">{m['console.mod.heading']}</h2>
      <fieldset class="button-row console-tabs">
        <legend class="visually-hidden">{m['console.mod.states']}</legend>
        {MODERATION_STATES.map((s) => (
          <button
            key={s}
            type="button"
            class={s === state ? 'button' : 'button button--secondary'}
            aria-pressed={s === state}
            onClick={() => setState(s)}
          >
            {m[`console.state.${s}`]}
          </button>
        ))}
      </fieldset>
      <div class="console-filters">
        <div class="field">
          <label for="mod-commitment">{m['console.filter.commitment']}</label>
          <select
            id="mod-commitment"
            value={commitmentId}
            onChange={(e) => setCommitmentId((e.target as HTMLSelectElement).value)}
          >
            <option value="">{m['console.filter.all']}</option>
            {consultation.commitments.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="mod-reason">{m['console.filter.reason']}</label>
          <select id="mod-reason" value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
            <option value="">{m['console.filter.all']}</option>
            {REPORT_REASONS.map((r) => (
              <option key={r} value={r}>
                {m[`report.reason.${r}`]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset class="console-action-fields">
        <legend>{m['console.mod.decision']}</legend>
        <div class="field">
          <label for="mod-hide-reason">{m['console.mod.hideReason']}</label>
          <select
            id="mod-hide-reason"
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
          <label for="mod-note">{m['console.mod.note']}</label>
          <textarea
            id="mod-note"
            rows={2}
            maxLength={1000}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
        </div>
      </fieldset>
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
        <>
          <div class="console-bulk">
            <p>{fill(m['console.selected'], { n: selected.length })}</p>
            {actions(selected)}
          </div>
          <ul class="console-list">
            {items.map((item) => (
              <li key={item.id} class="card console-item">
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`sel-${item.id}`}
                    checked={selected.includes(item.id)}
                    onChange={(e) => {
                      const on = (e.target as HTMLInputElement).checked;
                      setSelected((s) => (on ? [...s, item.id] : s.filter((id) => id !== item.id)));
                    }}
                  />
                  <label for={`sel-${item.id}`}>{m['console.select']}</label>
                </div>
                <p class="muted">
                  {titleOf(item.commitment.id)}
                  {item.sectionId ? ` · ${item.sectionId}` : ''}
                </p>
                {item.parent && (
                  <blockquote class="console-parent">
                    <p class="muted">{m['console.mod.parent']}</p>
                    <p>{item.parent.body}</p>
                  </blockquote>
                )}
                {item.body.split(/\n{2,}/).map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
                {item.reports.length > 0 && (
                  <ul class="tags" aria-label={m['console.mod.reports']}>
                    {item.reports.map((r) => (
                      <li key={r.reason} class="tag">
                        {m[`report.reason.${r.reason}`]} × {r.count}
                      </li>
                    ))}
                  </ul>
                )}
                {item.reportNotes.map((n, i) => (
                  <p key={i} class="muted">
                    “{n}”
                  </p>
                ))}
                {actions([item.id])}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
