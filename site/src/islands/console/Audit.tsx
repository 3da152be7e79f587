import { useEffect, useState } from 'preact/hooks';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, formatDateTime } from '../live.ts';
import type { SectionProps } from './common.ts';
import { ErrorNotice, Listing, MoreButton, usePages } from './parts.tsx';

/** The audit log (admins only: it names staff members), newest first, a page of 50 at a time. */
export default function Audit({ lang, m, consultation }: SectionProps) {
  const pages = usePages(
    (cursor) => staff.audit(consultation.id, cursor),
    (page) => page.entries,
  );
  const { next } = pages;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async (cursor?: string) => {
    setBusy(true);
    setError('');
    try {
      await pages.load(cursor);
    } catch (e) {
      setError(errorMessage(e, lang, m));
      pages.setItems((list) => list ?? []);
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
      <Listing m={m} items={pages.items} empty={error ? undefined : m['console.audit.none']}>
        {(entries) => (
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
      </Listing>
      <ErrorNotice error={error} retry={{ label: m['action.retry'], run: () => void load(next) }} />
      <MoreButton m={m} next={next} busy={busy} onMore={(cursor) => void load(cursor)} />
    </section>
  );
}
