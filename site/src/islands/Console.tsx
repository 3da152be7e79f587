import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ContributionView, ModerationItem, ModerationState, Progress } from '#shared/schemas/staff.ts';
import type { ConsoleKey, Messages } from '../i18n/island-keys.ts';
import { ApiError } from '../lib/api-client.ts';
import {
  cognitoLogoutUrl,
  finishCognitoSignIn,
  type StaffMe,
  signOut,
  staff,
  startCognitoSignIn,
  storedToken,
} from '../lib/staff-client.ts';
import { errorMessage, fill } from './live.ts';

type Commitment = { id: string; title: string };
type Consultation = { id: string; title: string; commitments: Commitment[] };
type Props = { lang: Language; consultations: Consultation[]; messages: Messages<ConsoleKey> };
type AuthConfig = Awaited<ReturnType<typeof staff.authConfig>>;

const STATES = ['pending', 'reported', 'hidden'] as const;
const HIDE_REASONS = [
  'spam',
  'abuse',
  'hate',
  'personal-data',
  'off-topic',
  'misinformation',
  'impersonation',
  'other',
] as const;
const REPORT_REASONS = ['spam', 'abuse', 'hate', 'personal-data', 'off-topic', 'misinformation', 'other'] as const;
const DISPOSITIONS = ['accepted', 'partially-accepted', 'not-accepted', 'out-of-scope'] as const;
type HideReason = (typeof HIDE_REASONS)[number];

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A new ULID for a response (the console names what it creates). */
function ulid(): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  return head + [...random].map((b) => CROCKFORD[b % 32]).join('');
}

type Auth =
  | { kind: 'loading' }
  | { kind: 'signed-out'; config: AuthConfig | undefined }
  | { kind: 'ready'; me: StaffMe; config: AuthConfig | undefined }
  | { kind: 'error'; message: string };

/** The staff console: sign-in, the moderation queue (moderators, admins) and reasoned responses (drafters, admins). */
export default function Console({ lang, consultations, messages: m }: Props) {
  const [auth, setAuth] = useState<Auth>({ kind: 'loading' });
  const [consultationId, setConsultationId] = useState(consultations[0]?.id ?? '');
  const consultation = consultations.find((c) => c.id === consultationId) ?? consultations[0];

  const load = async () => {
    setAuth({ kind: 'loading' });
    let config: AuthConfig | undefined;
    try {
      config = await staff.authConfig();
      if (config.mode === 'cognito') {
        const back = await finishCognitoSignIn(config);
        if (back) history.replaceState(null, '', back);
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503)) {
        setAuth({ kind: 'error', message: errorMessage(error, lang, m) });
        return;
      }
    }
    if (!storedToken()) {
      setAuth({ kind: 'signed-out', config });
      return;
    }
    try {
      setAuth({ kind: 'ready', me: await staff.me(), config });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        signOut();
        setAuth({ kind: 'signed-out', config });
      } else setAuth({ kind: 'error', message: errorMessage(error, lang, m) });
    }
  };

  useEffect(() => {
    void load();
  }, []);

  if (auth.kind === 'loading') return <p class="muted">{m['live.loading']}</p>;
  if (auth.kind === 'error') {
    return (
      <div class="live-error" role="alert">
        <p>{auth.message}</p>
        <button type="button" class="button button--secondary" onClick={() => void load()}>
          {m['action.retry']}
        </button>
      </div>
    );
  }
  if (auth.kind === 'signed-out') {
    const config = auth.config;
    const here = location.pathname;
    return (
      <section aria-labelledby="console-sign-in">
        <h2 id="console-sign-in">{m['console.signIn.heading']}</h2>
        <p>{m['console.signIn.intro']}</p>
        {config?.mode === 'local' && (
          <p>
            <a class="button" href={`${config.signInUrl}?return=${encodeURIComponent(here)}`}>
              {m['console.signIn.local']}
            </a>
          </p>
        )}
        {config?.mode === 'cognito' && (
          <button type="button" class="button" onClick={() => void startCognitoSignIn(config, here)}>
            {m['console.signIn.button']}
          </button>
        )}
        {!config && <p class="notice">{m['console.signIn.unavailable']}</p>}
      </section>
    );
  }

  const { me, config } = auth;
  const moderates = me.groups.includes('moderator') || me.groups.includes('admin');
  const drafts = me.groups.includes('drafter') || me.groups.includes('admin');
  const leave = () => {
    signOut();
    if (config?.mode === 'cognito') location.assign(cognitoLogoutUrl(config));
    else setAuth({ kind: 'signed-out', config });
  };

  return (
    <div class="console">
      <div class="console-bar">
        <p>{fill(m['console.signedInAs'], { name: me.username, groups: me.groups.join(', ') })}</p>
        <button type="button" class="button button--secondary" onClick={leave}>
          {m['console.signOut']}
        </button>
      </div>
      <div class="field">
        <label for="console-consultation">{m['console.consultation']}</label>
        <select
          id="console-consultation"
          value={consultationId}
          onChange={(e) => setConsultationId((e.target as HTMLSelectElement).value)}
        >
          {consultations.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      {consultation && moderates && (
        <Moderation key={`m-${consultation.id}`} lang={lang} m={m} consultation={consultation} />
      )}
      {consultation && drafts && (
        <Responses key={`r-${consultation.id}`} lang={lang} m={m} consultation={consultation} />
      )}
      {!moderates && !drafts && <p class="notice">{m['console.noRole']}</p>}
    </div>
  );
}

type PartProps = { lang: Language; m: Messages<ConsoleKey>; consultation: Consultation };

function Moderation({ lang, m, consultation }: PartProps) {
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
  const titleOf = (id: string) => consultation.commitments.find((c) => c.id === id)?.title ?? id;

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
        {STATES.map((s) => (
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

function Responses({ lang, m, consultation }: PartProps) {
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
