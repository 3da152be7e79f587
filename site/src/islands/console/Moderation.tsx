import { useEffect, useState } from 'preact/hooks';
import type { ModerationItem } from '#shared/schemas/staff.ts';
import { MODERATION_STATES, type ModerationState, REPORT_REASONS } from '#shared/vocabulary.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fill } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';
import {
  ErrorNotice,
  HideReasonFields,
  Listing,
  SelectBox,
  StatusLine,
  Tabs,
  useAction,
  useDecision,
  useLatestRequest,
} from './parts.tsx';

/** The moderation queue (moderators, admins): pending, reported and hidden comments, one by one or in bulk. */
export default function Moderation({ lang, m, consultation }: SectionProps) {
  const [state, setState] = useState<ModerationState>('reported');
  const [commitmentId, setCommitmentId] = useState('');
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<ModerationItem[] | undefined>();
  const { error, setError, status, setStatus, busy, run } = useAction(lang, m);
  const [selected, setSelected] = useState<string[]>([]);
  const decision = useDecision();
  const titleOf = (id: string) => commitmentTitle(consultation, id);

  const begin = useLatestRequest();
  const load = async () => {
    const isLatest = begin();
    setItems(undefined);
    setError('');
    setSelected([]);
    try {
      const filters = { ...(commitmentId ? { commitmentId } : {}), ...(reason ? { reason } : {}) };
      const page = await staff.queue(consultation.id, state, filters);
      if (isLatest()) setItems(page.items);
    } catch (e) {
      if (!isLatest()) return;
      setError(errorMessage(e, lang, m));
      setItems([]);
    }
  };
  useEffect(() => {
    void load();
  }, [state, commitmentId, reason]);

  const act = (ids: string[], action: 'approve' | 'hide' | 'restore') => {
    const input = decision.input(action);
    return run(async () => {
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
      decision.setNote('');
      setStatus(fill(m['console.mod.done'], { n: done.length }));
    });
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
      <Tabs
        legend={m['console.mod.states']}
        options={MODERATION_STATES.map((s) => [s, m[`console.state.${s}`]] as const)}
        value={state}
        onPick={setState}
      />
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
      <HideReasonFields m={m} idPrefix="mod" decision={decision} />
      <StatusLine text={status} />
      <ErrorNotice error={error} retry={{ label: m['console.reload'], run: () => void load() }} />
      <Listing m={m} items={items} empty={m['console.mod.empty']}>
        {(items) => (
          <>
            <div class="console-bulk">
              <p>{fill(m['console.selected'], { n: selected.length })}</p>
              {actions(selected)}
            </div>
            <ul class="console-list">
              {items.map((item) => (
                <li key={item.id} class="card console-item">
                  <SelectBox m={m} id={`sel-${item.id}`} itemId={item.id} selected={selected} onSelect={setSelected} />
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
      </Listing>
    </section>
  );
}
