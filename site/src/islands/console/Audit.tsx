import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '#shared/schemas/staff.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, formatDateTime } from '../live.ts';
import type { SectionProps } from './common.ts';

/** The audit log (admins only: it names staff members), newest first, a page of 50 at a time. */
export default function Audit({ lang, m, consultation }: SectionProps) {
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async (cursor?: string) => {
    setBusy(true);
    setError('');
    try {
      const page = await staff.audit(consultation.id, cursor);
      setEntries((list) => (cursor ? [...(list ?? []), ...page.entries] : page.entries));
      setNext(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setEntries((list) => list ?? []);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="console-audit" class="console-part">
      <h2 id="console-audit">{m['console.audit.heading']}</h2>
      <p>{m['console.audit.intro']}</p>
      {entries === undefined ? (
        <p class="muted">{m['live.loading']}</p>
      ) : entries.length === 0 && !error ? (
        <p class="notice">{m['console.audit.none']}</p>
      ) : (
        <ol class="console-list" aria-label={m['console.audit.caption']}>
          {entries.map((e) => (
            <li key={e.id} class="card console-item" data-audit={e.id}>
              <p>
                <code>{e.action}</code> · {formatDateTime(lang, e.at)}
              </p>
              <dl class="facts">
                <div>
                  <dt>{m['console.audit.who']}</dt>
                  <dd>{e.actor.username}</dd>
                </div>
                <div>
                  <dt>{m['console.audit.target']}</dt>
                  <dd>
                    {e.target.kind} <code>{e.target.id}</code>
                  </dd>
                </div>
                {(e.from || e.to) && (
                  <div>
                    <dt>{m['console.audit.change']}</dt>
                    <dd>{`${e.from ?? '–'} → ${e.to ?? '–'}`}</dd>
                  </div>
                )}
                {(e.reason || e.note) && (
                  <div>
                    <dt>{m['console.audit.why']}</dt>
                    <dd>{[e.reason, e.note].filter(Boolean).join(': ')}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <div class="live-error" role="alert">
          <p>{error}</p>
          <button type="button" class="button button--secondary" onClick={() => void load(next)}>
            {m['action.retry']}
          </button>
        </div>
      )}
      {next && (
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => void load(next)}>
          {busy ? m['live.loading'] : m['console.more']}
        </button>
      )}
    </section>
  );
}
