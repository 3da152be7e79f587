import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ConsultationPhase } from '#shared/schemas/consultation.ts';
import type { Tally } from '#shared/schemas/participation.ts';
import { VOTE_CHOICES, type VoteChoice } from '#shared/vocabulary.ts';
import type { Messages, VoteKey } from '../i18n/island-keys.ts';
import {
  api,
  consultationNow,
  errorMessage,
  fill,
  formatDateTime,
  formatNumber,
  formatPercent,
  myData,
  plural,
} from './live.ts';

type Props = {
  lang: Language;
  consultationId: string;
  commitmentId: string;
  messages: Messages<VoteKey>;
};

/** After our own write, the CDN may serve a tally a few seconds old: keep the locally corrected one meanwhile. */
const FRESH_AFTER_WRITE_MS = 10_000;
const REFRESH_MS = 60_000;

type State =
  | { kind: 'static' }
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'ready'; phase: ConsultationPhase; opensAt: string; tally: Tally; choice: VoteChoice | null };

/**
 * Support / oppose / neutral on one commitment: the participant's own vote (from GET /api/me), the live tally
 * (GET /api/consultations/{id} first, then GET /api/commitments/{id}/tally), change and withdraw. Voting is offered
 * only while the API says the consultation is open, whatever the static page was built with.
 */
export default function VoteWidget({ lang, consultationId, commitmentId, messages: m }: Props) {
  // 'static' until hydrated: the server-rendered HTML shows nothing that would need JavaScript to work.
  const [state, setState] = useState<State>({ kind: 'static' });
  const [pending, setPending] = useState<VoteChoice | 'withdraw' | null>(null);
  const [error, setError] = useState<string>('');
  const [announcement, setAnnouncement] = useState('');
  const lastWrite = useRef(0);
  const choices = useRef<HTMLFieldSetElement>(null);

  const load = async () => {
    try {
      const [detail, me] = await Promise.all([consultationNow(consultationId), myData().catch(() => undefined)]);
      const commitment = detail.commitments.find((c) => c.id === commitmentId);
      if (!commitment) throw new Error('commitment not in the consultation');
      setState({
        kind: 'ready',
        phase: detail.consultation.phase,
        opensAt: detail.consultation.opensAt,
        tally: commitment.tally,
        choice: me?.votes.find((v) => v.commitmentId === commitmentId)?.choice ?? null,
      });
    } catch {
      setState({ kind: 'unavailable' });
    }
  };

  useEffect(() => {
    setState({ kind: 'loading' });
    void load();
    const refresh = async () => {
      if (document.visibilityState !== 'visible' || Date.now() - lastWrite.current < FRESH_AFTER_WRITE_MS) return;
      try {
        const { tally } = await api.tally(commitmentId);
        setState((s) => (s.kind === 'ready' ? { ...s, tally } : s));
      } catch {
        // Keep the counts shown; the next refresh tries again.
      }
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, []);

  if (state.kind === 'static') return <div class="island-placeholder" />;
  if (state.kind === 'loading') return <p class="muted island-placeholder">{m['live.loading']}</p>;
  if (state.kind === 'unavailable') {
    return (
      <div class="live-error">
        <p>{m['live.unavailable']}</p>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            setState({ kind: 'loading' });
            void load();
          }}
        >
          {m['action.retry']}
        </button>
      </div>
    );
  }

  const { tally, choice, phase } = state;
  const open = phase === 'open';
  const label = (c: VoteChoice) => m[`vote.${c}`];

  const submit = async (next: VoteChoice | null) => {
    if (pending) return;
    setPending(next ?? 'withdraw');
    setError('');
    try {
      const result = next ? await api.vote(commitmentId, next) : await api.withdrawVote(commitmentId);
      lastWrite.current = Date.now();
      setState((s) => {
        if (s.kind !== 'ready') return s;
        const counts = { ...s.tally };
        if (s.choice) counts[s.choice] = Math.max(0, counts[s.choice] - 1);
        if (result.choice) counts[result.choice] += 1;
        return { ...s, tally: counts, choice: result.choice };
      });
      setAnnouncement(result.choice ? fill(m['vote.recorded'], { choice: label(result.choice) }) : m['vote.withdrawn']);
      // The withdraw button is gone: keep the keyboard in the vote, on its first choice.
      if (!result.choice) requestAnimationFrame(() => choices.current?.querySelector('button')?.focus());
    } catch (failure) {
      setError(errorMessage(failure, lang, m));
    } finally {
      setPending(null);
    }
  };

  const total = tally.support + tally.oppose + tally.neutral;
  return (
    <div class="vote" aria-busy={pending ? 'true' : 'false'}>
      {open ? (
        <fieldset class="vote__choices" ref={choices}>
          <legend class="vote__question">{m['vote.question']}</legend>
          <div class="button-row">
            {VOTE_CHOICES.map((c) => (
              <button
                key={c}
                type="button"
                class={`button button--choice button--${c}`}
                aria-pressed={choice === c ? 'true' : 'false'}
                aria-disabled={pending !== null ? 'true' : undefined}
                data-choice={c}
                onClick={() => choice !== c && void submit(c)}
              >
                {pending === c ? m['action.sending'] : label(c)}
              </button>
            ))}
          </div>
          <p class="vote__mine">
            {choice ? fill(m['vote.yours'], { choice: label(choice) }) : m['vote.none']}{' '}
            {choice && (
              <button
                type="button"
                class="button button--link"
                aria-disabled={pending !== null ? 'true' : undefined}
                onClick={() => void submit(null)}
                data-withdraw
              >
                {pending === 'withdraw' ? m['action.sending'] : m['vote.withdraw']}
              </button>
            )}
          </p>
        </fieldset>
      ) : (
        <p class="notice">
          {phase === 'upcoming'
            ? fill(m['live.upcoming'], { date: formatDateTime(lang, state.opensAt) })
            : m['live.closed']}
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="visually-hidden">
        {announcement}
      </p>
      <h3 class="vote__tally-heading">{m['vote.tally']}</h3>
      <dl class="tally__counts vote__tally" data-tally aria-live="polite">
        {VOTE_CHOICES.map((c) => (
          <div key={c} class={`tally__count tally__count--${c}`}>
            <dt>{label(c)}</dt>
            <dd data-count={c}>
              {fill(m['vote.share'], {
                count: formatNumber(lang, tally[c]),
                percent: formatPercent(lang, total === 0 ? 0 : tally[c] / total),
              })}
            </dd>
          </div>
        ))}
        <div class="tally__count tally__count--comments">
          <dt>{m['tally.comments']}</dt>
          <dd data-count="comments">{formatNumber(lang, tally.comments)}</dd>
        </div>
      </dl>
      <p class="muted vote__total">
        {plural(lang, m, 'vote.total', total)} · {m['vote.anonymous']}
      </p>
    </div>
  );
}
