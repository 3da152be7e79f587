import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ResponseReport as Report, ResponseReportEntry } from '#shared/schemas/staff.ts';
import type { Messages, ResponseReportKey } from '../i18n/island-keys.ts';
import { ApiError } from '../lib/api-client.ts';
import { Paragraphs } from './forms.tsx';
import { api, errorMessage, fill, formatDateTime } from './live.ts';

type Props = {
  lang: Language;
  consultationId: string;
  /** Commitment titles by id, from the page. */
  commitments: Record<string, string>;
  messages: Messages<ResponseReportKey>;
};

type Group = Report['commitments'][number];
type State =
  | { kind: 'static' }
  | { kind: 'loading' }
  | { kind: 'unpublished' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; publishedAt: string; groups: Group[]; next?: string | undefined; more?: 'loading' | 'error' };

const KIND_LABEL = {
  comment: 'answers.kind.comment',
  proposal: 'answers.kind.proposal',
  'meeting-contribution': 'answers.kind.meeting-contribution',
} as const;

/** Pages of the report come grouped by commitment; a commitment split across two pages is joined again. */
function merge(groups: Group[], page: Group[]): Group[] {
  const joined = groups.map((g) => ({ ...g, entries: [...g.entries] }));
  for (const group of page) {
    const same = joined.find((g) => g.commitmentId === group.commitmentId);
    if (same) same.entries.push(...group.entries);
    else joined.push(group);
  }
  return joined;
}

/**
 * The public response report of a consultation (Law 146/2014): each answered contribution's text, the drafters'
 * disposition and justification, grouped by commitment. It carries no author data; until the drafters publish it the
 * API answers 404 and the page says so.
 */
export default function ResponseReport({ lang, consultationId, commitments, messages: m }: Props) {
  const [state, setState] = useState<State>({ kind: 'static' });

  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const page = await api.responseReport(consultationId);
      setState({ kind: 'ready', publishedAt: page.publishedAt, groups: page.commitments, next: page.nextCursor });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setState({ kind: 'unpublished' });
      else setState({ kind: 'error', message: errorMessage(error, lang, m) });
    }
  };

  const more = async () => {
    if (state.kind !== 'ready' || !state.next) return;
    setState({ ...state, more: 'loading' });
    try {
      const page = await api.responseReport(consultationId, state.next);
      setState({ ...state, groups: merge(state.groups, page.commitments), next: page.nextCursor, more: undefined });
    } catch {
      setState({ ...state, more: 'error' });
    }
  };

  useEffect(() => {
    void load();
  }, []);

  if (state.kind === 'static') return <div class="island-placeholder" />;
  if (state.kind === 'loading') {
    return (
      <p class="muted" aria-busy="true">
        {m['live.loading']}
      </p>
    );
  }
  if (state.kind === 'unpublished') return <p class="notice report-unpublished">{m['answers.notYet']}</p>;
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

  const justification = (entry: ResponseReportEntry) =>
    (lang === 'en' ? entry.justification.en : undefined) ?? entry.justification.sq;
  return (
    <div class="response-report">
      <p>{fill(m['answers.published'], { date: formatDateTime(lang, state.publishedAt) })}</p>
      {state.groups.length === 0 && <p>{m['answers.empty']}</p>}
      {state.groups.map((group) => (
        <section key={group.commitmentId ?? 'none'} class="report-group">
          <h2>
            {group.commitmentId ? (commitments[group.commitmentId] ?? group.commitmentId) : m['answers.noCommitment']}
          </h2>
          <ol class="card-list card-list--single">
            {group.entries.map((entry) => (
              <li key={`${entry.kind}:${entry.id}`} class="card report-entry" data-contribution={entry.id}>
                <p class="card__kicker">
                  {m[KIND_LABEL[entry.kind]]}
                  {entry.origin === 'meeting' ? ` · ${m['answers.fromMeeting']}` : ''}
                </p>
                {entry.title && <h3>{entry.title}</h3>}
                {entry.text ? (
                  <blockquote class="report-text">
                    <Paragraphs text={entry.text} />
                  </blockquote>
                ) : (
                  <p class="muted">{m['answers.noText']}</p>
                )}
                <p>
                  <strong>{m[`disposition.${entry.disposition}`]}</strong> · {formatDateTime(lang, entry.respondedAt)}
                </p>
                {entry.mergedInto && (
                  <p class="report-merged">
                    {fill(m['answers.mergedInto'], {
                      kind: m[KIND_LABEL[entry.mergedInto.kind]].toLowerCase(),
                      id: entry.mergedInto.id,
                    })}
                  </p>
                )}
                <div lang={lang === 'en' && !entry.justification.en ? 'sq' : undefined}>
                  <Paragraphs text={justification(entry)} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
      {state.next && (
        <div aria-live="polite">
          {state.more === 'error' && <p class="live-error">{m['live.unavailable']}</p>}
          <button
            type="button"
            class="button button--secondary"
            disabled={state.more === 'loading'}
            onClick={() => void more()}
          >
            {state.more === 'loading' ? m['live.loading'] : m['answers.more']}
          </button>
        </div>
      )}
    </div>
  );
}
