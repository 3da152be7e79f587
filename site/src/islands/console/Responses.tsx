import { useEffect, useState } from 'preact/hooks';
import { ulid } from 'ulid';
import type { ContributionView, Progress } from '#shared/schemas/staff.ts';
import { ApiError } from '../../lib/api-client.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fill } from '../live.ts';
import { DISPOSITIONS, type SectionProps } from './common.ts';

/** Reasoned responses (drafters, admins): unanswered contributions, a shared justification, progress. */
export default function Responses({ lang, m, consultation }: SectionProps) {
  const [kind, setKind] = useState<'comment' | 'proposal'>('comment');
  const [items, setItems] = useState<ContributionView[] | undefined>();
  const [progress, setProgress] = useState<Progress | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [disposition, setDisposition] = useState<(typeof DISPOSITIONS)[number]>('accepted');
  const [sq, setSq] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const titleOf = (id: string | null | undefined) =>
    (id && consultation.commitments.find((c) => c.id === id)?.title) || m['console.resp.noCommitment'];

  const load = async () => {
    setItems(undefined);
    setError('');
    setSelected([]);
    try {
      const [page, prog] = await Promise.all([
        staff.unanswered(consultation.id, kind),
        staff.progress(consultation.id),
      ]);
      setItems(page.items);
      setProgress(prog);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setItems([]);
    }
  };
  useEffect(() => {
    void load();
  }, [kind]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    setStatus('');
    if (selected.length === 0) {
      setError(m['console.resp.selectOne']);
      return;
    }
    if (sq.trim().length < 10) {
      setError(m['console.resp.sqRequired']);
      return;
    }
    setBusy(true);
    try {
      await staff.saveResponse(ulid(), {
        contributions: selected.map((id) => ({ kind, id })),
        disposition,
        justification: { sq: sq.trim(), ...(en.trim() ? { en: en.trim() } : {}) },
      });
      setItems((list) => list?.filter((i) => !selected.includes(i.id)));
      setStatus(fill(m['console.resp.saved'], { n: selected.length }));
      setSelected([]);
      setSq('');
      setEn('');
      setProgress(await staff.progress(consultation.id).catch(() => progress));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? m['console.conflict'] : errorMessage(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="console-responses" class="console-part">
      <h2 id="console-responses">{m['console.resp.heading']}</h2>
      {progress && (
        <div class="table-wrap">
          <table>
            <caption>{m['console.resp.progress']}</caption>
            <thead>
              <tr>
                <th scope="col">{m['console.filter.commitment']}</th>
                <th scope="col">{m['console.resp.answered']}</th>
                <th scope="col">{m['console.resp.unanswered']}</th>
              </tr>
            </thead>
            <tbody>
              {progress.commitments.map((row) => (
                <tr key={row.commitmentId ?? 'none'}>
                  <th scope="row">{titleOf(row.commitmentId)}</th>
                  <td>{row.answeredTotal}</td>
                  <td>{row.unansweredTotal}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <fieldset class="button-row console-tabs">
        <legend class="visually-hidden">{m['console.resp.kind']}</legend>
        {(['comment', 'proposal'] as const).map((k) => (
          <button
            key={k}
            type="button"
            class={k === kind ? 'button' : 'button button--secondary'}
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {m[`console.kind.${k}`]}
          </button>
        ))}
      </fieldset>
      <form class="console-form" onSubmit={(e) => void save(e)} noValidate>
        {items === undefined ? (
          <p class="muted">{m['live.loading']}</p>
        ) : items.length === 0 ? (
          <p class="notice">{m['console.resp.empty']}</p>
        ) : (
          <fieldset>
            <legend>{m['console.resp.pick']}</legend>
            <ul class="console-list">
              {items.map((item) => (
                <li key={item.id} class="card console-item">
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`ans-${item.id}`}
                      checked={selected.includes(item.id)}
                      onChange={(e) => {
                        const on = (e.target as HTMLInputElement).checked;
                        setSelected((s) => (on ? [...s, item.id] : s.filter((id) => id !== item.id)));
                      }}
                    />
                    <label for={`ans-${item.id}`}>{m['console.select']}</label>
                  </div>
                  <p class="muted">{titleOf(item.commitmentId)}</p>
                  {item.title && (
                    <p>
                      <strong>{item.title}</strong>
                    </p>
                  )}
                  {item.text.split(/\n{2,}/).map((para, i) => (
                    <p key={i}>{para}</p>
                  ))}
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <p>{fill(m['console.selected'], { n: selected.length })}</p>
        <div class="field">
          <label for="resp-disposition">{m['console.resp.disposition']}</label>
          <select
            id="resp-disposition"
            value={disposition}
            onChange={(e) => setDisposition((e.target as HTMLSelectElement).value as (typeof DISPOSITIONS)[number])}
          >
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {m[`disposition.${d}`]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="resp-sq">{m['console.resp.sq']}</label>
          <textarea
            id="resp-sq"
            lang="sq"
            rows={4}
            required
            aria-required="true"
            maxLength={5000}
            value={sq}
            onInput={(e) => setSq((e.target as HTMLTextAreaElement).value)}
          />
        </div>
        <div class="field">
          <label for="resp-en">{m['console.resp.en']}</label>
          <textarea
            id="resp-en"
            lang="en"
            rows={3}
            maxLength={5000}
            value={en}
            onInput={(e) => setEn((e.target as HTMLTextAreaElement).value)}
          />
        </div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? m['action.sending'] : m['console.resp.save']}
        </button>
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
      </form>
    </section>
  );
}
