import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me, OwnComment } from '#shared/schemas/api.ts';
import type { Language } from '#shared/schemas/common.ts';
import type { Messages, MyDataKey } from '../i18n/island-keys.ts';
import { routes } from '../lib/routes.ts';
import { Paragraphs } from './forms.tsx';
import { api, errorMessage, formatDateTime, plural } from './live.ts';

type Props = {
  lang: Language;
  municipalities: Record<string, string>;
  /** Commitment titles by id, from the page. */
  commitments: Record<string, string>;
  messages: Messages<MyDataKey>;
};

const STATE_LABEL = {
  pending: 'mydata.state.pending',
  hidden: 'mydata.state.hidden',
  deleted: 'mydata.state.deleted',
} as const;

/** One own comment: where, the text, and the drafters' answer (or that there is none yet). */
function OwnCommentItem({
  comment: c,
  lang,
  commitments,
  m,
}: {
  comment: OwnComment;
  lang: Language;
  commitments: Record<string, string>;
  m: Messages<MyDataKey>;
}) {
  const answer = c.response;
  return (
    <li class="card own-comment" data-comment={c.id}>
      <p class="card__kicker">
        <a href={routes.commitment(lang, c.commitmentId)}>{commitments[c.commitmentId] ?? c.commitmentId}</a> ·{' '}
        {formatDateTime(lang, c.createdAt)}
        {c.status !== 'published' ? ` · ${m[STATE_LABEL[c.status]]}` : ''}
      </p>
      {c.body && <Paragraphs text={c.body} />}
      <div class="own-comment__answer">
        <h3>{m['mydata.answer']}</h3>
        {answer ? (
          <>
            <p>
              <strong>{m[`disposition.${answer.disposition}`]}</strong> · {formatDateTime(lang, answer.respondedAt)}
            </p>
            <div lang={lang === 'en' && !answer.justification.en ? 'sq' : undefined}>
              <Paragraphs text={(lang === 'en' ? answer.justification.en : undefined) ?? answer.justification.sq} />
            </div>
          </>
        ) : (
          <p class="muted">{m['mydata.noAnswer']}</p>
        )}
      </div>
    </li>
  );
}

type State =
  | { kind: 'static' }
  | { kind: 'loading' }
  | { kind: 'erased' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; me: Me };

/** What the API keeps about this browser's participant (GET /api/me), and erasure (DELETE /api/me). */
export default function MyData({ lang, municipalities, commitments, messages: m }: Props) {
  const [state, setState] = useState<State>({ kind: 'static' });
  const [confirming, setConfirming] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [eraseError, setEraseError] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);

  const load = async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', me: await api.me() });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error, lang, m) });
    }
  };

  useEffect(() => {
    void load();
  }, []);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (state.kind === 'static') return <div class="island-placeholder" />;
  if (state.kind === 'loading') return <p class="muted">{m['live.loading']}</p>;
  if (state.kind === 'erased') {
    return (
      <p class="notice" role="status">
        {m['mydata.erased']}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div class="live-error" role="alert">
        <p>{state.message}</p>
        <button type="button" class="button button--secondary" onClick={() => void load()}>
          {m['action.retry']}
        </button>
      </div>
    );
  }

  const { profile, votes, reactions, comments } = state.me;
  const empty =
    votes.length === 0 && reactions.length === 0 && comments.length === 0 && Object.keys(profile).length === 0;
  if (empty) return <p class="notice">{m['mydata.nothing']}</p>;

  const none = m['profile.none'];
  const rows: [string, string][] = [
    [m['profile.displayName'], profile.displayName ?? none],
    [m['profile.stakeholderType'], profile.stakeholderType ? m[`stakeholder.${profile.stakeholderType}`] : none],
    [m['profile.municipality'], profile.municipality ? (municipalities[profile.municipality] ?? none) : none],
    [m['profile.ageBand'], profile.ageBand ? m[`age.${profile.ageBand}`] : none],
  ];

  const erase = async () => {
    setErasing(true);
    setEraseError('');
    try {
      await api.eraseMe();
      setState({ kind: 'erased' });
    } catch (error) {
      setEraseError(errorMessage(error, lang, m));
    } finally {
      setErasing(false);
    }
  };

  return (
    <div class="my-data">
      <h2>{m['mydata.profile']}</h2>
      {Object.keys(profile).length === 0 ? (
        <p>{m['mydata.noProfile']}</p>
      ) : (
        <dl class="facts">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <h2>{m['mydata.contributions']}</h2>
      <ul>
        <li>{plural(lang, m, 'mydata.votes', votes.length)}</li>
        <li>{plural(lang, m, 'mydata.reactions', reactions.length)}</li>
        <li>{plural(lang, m, 'mydata.comments', comments.length)}</li>
      </ul>
      {comments.length > 0 && (
        <section aria-labelledby="my-comments">
          <h2 id="my-comments">{m['mydata.commentsHeading']}</h2>
          <ol class="card-list card-list--single">
            {comments.map((c) => (
              <OwnCommentItem key={c.id} comment={c} lang={lang} commitments={commitments} m={m} />
            ))}
          </ol>
        </section>
      )}
      {confirming ? (
        <section class="notice" aria-labelledby="erase-confirm">
          <p id="erase-confirm">{m['mydata.confirm']}</p>
          <div class="button-row">
            <button
              ref={confirmButton}
              type="button"
              class="button"
              aria-disabled={erasing ? 'true' : undefined}
              onClick={() => !erasing && void erase()}
            >
              {erasing ? m['action.sending'] : m['mydata.confirmYes']}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirming(false)}>
              {m['action.cancel']}
            </button>
          </div>
        </section>
      ) : (
        <button type="button" class="button button--secondary" onClick={() => setConfirming(true)} data-action="erase">
          {m['mydata.erase']}
        </button>
      )}
      {eraseError && (
        <p class="field-error" role="alert">
          {eraseError}
        </p>
      )}
    </div>
  );
}
