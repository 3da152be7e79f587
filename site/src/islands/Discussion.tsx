import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicComment } from '#shared/schemas/api.ts';
import type { Language } from '#shared/schemas/common.ts';
import type { ConsultationPhase } from '#shared/schemas/consultation.ts';
import type { ParticipantProfile } from '#shared/schemas/participant.ts';
import type { DiscussionKey, Messages } from '../i18n/island-keys.ts';
import type { Reaction, ThreadSort } from '../lib/api-client.ts';
import { CommentForm, type ProfileOptions } from './CommentForm.tsx';
import { CommentItem, type ThreadContext } from './CommentItem.tsx';
import { type Heat, heatOf, showHeat } from './heat.ts';
import { api, consultationNow, fill, formatDateTime, formatNumber, myData, plural } from './live.ts';

export type DiscussionSection = {
  id: string;
  label: string;
  /** The heading the section's comments count under (a milestone's is `milestones`). */
  group: string;
};

type Props = {
  lang: Language;
  consultationId: string;
  commitmentId: string;
  sections: DiscussionSection[];
  profileOptions: ProfileOptions;
  messages: Messages<DiscussionKey>;
};

const PAGE = 20;
/** The heading counts come from one page of the newest comments (the API's largest). */
const HEAT_PAGE = 50;

type Thread = {
  state: 'loading' | 'ready' | 'error';
  comments: PublicComment[];
  next?: string | undefined;
  more: boolean;
};

/**
 * The discussion of one commitment: the comment form (open consultations only, as the API says now), the thread
 * (newest or most agreed, all sections or one, "show more" by cursor), and the section headings' counts.
 */
export default function Discussion({
  lang,
  consultationId,
  commitmentId,
  sections,
  profileOptions,
  messages: m,
}: Props) {
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<{ phase: ConsultationPhase; opensAt: string } | 'unknown' | undefined>();
  const [profile, setProfile] = useState<ParticipantProfile | undefined>();
  const [reactions, setReactions] = useState<Record<string, Reaction>>({});
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<ThreadSort>('newest');
  const [target, setTarget] = useState('');
  const [thread, setThread] = useState<Thread>({ state: 'loading', comments: [], more: false });
  const [loaded, setLoaded] = useState('');
  const heat = useRef<Heat>({ counts: {}, complete: true });
  const request = useRef(0);

  const byId = new Map(sections.map((s) => [s.id, s]));
  const groupOf = (id: string) => byId.get(id)?.group ?? id;

  const renderHeat = () =>
    showHeat(heat.current, (n, complete) =>
      complete ? plural(lang, m, 'heat.count', n) : fill(m['heat.atLeast'], { n: formatNumber(lang, n) }),
    );

  const loadThread = async (options: { section: string; sort: ThreadSort; cursor?: string | undefined }) => {
    const id = ++request.current;
    if (!options.cursor) setThread({ state: 'loading', comments: [], more: false });
    else setThread((t) => ({ ...t, more: true }));
    try {
      const page = await api.comments(commitmentId, {
        section: options.section || undefined,
        sort: options.sort,
        limit: PAGE,
        ...(options.cursor ? { cursor: options.cursor } : {}),
      });
      if (id !== request.current) return;
      setThread((t) => ({
        state: 'ready',
        comments: options.cursor ? [...t.comments, ...page.comments] : page.comments,
        next: page.nextCursor,
        more: false,
      }));
      if (options.cursor) setLoaded(plural(lang, m, 'thread.loaded', page.comments.length));
    } catch {
      if (id !== request.current) return;
      setThread((t) => ({ ...t, state: options.cursor ? 'ready' : 'error', more: false }));
      if (options.cursor) setLoaded(m['errors.network']);
    }
  };

  useEffect(() => {
    setHydrated(true);
    consultationNow(consultationId)
      .then((d) => setPhase({ phase: d.consultation.phase, opensAt: d.consultation.opensAt }))
      .catch(() => setPhase('unknown'));
    myData()
      .then((me) => {
        setProfile(me.profile);
        setReactions(Object.fromEntries(me.reactions.map((r) => [r.commentId, r.reaction])));
      })
      .catch(() => setProfile({}));
    void loadThread({ section: '', sort: 'newest' });
    api
      .comments(commitmentId, { sort: 'newest', limit: HEAT_PAGE })
      .then((page) => {
        heat.current = heatOf(page.comments, page.nextCursor === undefined, groupOf);
        renderHeat();
      })
      .catch(() => {});
    // The headings' badges link here: filter the thread and target the form on that section.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest<HTMLElement>('[data-section-link]');
      const section = link?.dataset.sectionLink;
      if (section === undefined) return;
      setFilter(section);
      setTarget(section);
      void loadThread({ section, sort: sortRef.current });
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);

  const sortRef = useRef(sort);
  sortRef.current = sort;

  if (!hydrated) return <div class="island-placeholder" />;

  const open = typeof phase === 'object' && phase.phase === 'open';
  const ctx: ThreadContext = {
    lang,
    m,
    commitmentId,
    open,
    sectionLabel: (id) => (id ? (byId.get(id)?.label ?? id) : undefined),
    ownReaction: (id) => reactions[id],
    setOwnReaction: (id, reaction) => setReactions((r) => ({ ...r, [id]: reaction })),
    countComment: (sectionId) => {
      if (!sectionId) return;
      const group = groupOf(sectionId);
      heat.current.counts[group] = (heat.current.counts[group] ?? 0) + 1;
      renderHeat();
    },
  };

  return (
    <div class="discussion">
      {phase === undefined && <p class="muted">{m['live.loading']}</p>}
      {phase === 'unknown' && <p class="notice">{m['live.unavailable']}</p>}
      {typeof phase === 'object' && phase.phase === 'upcoming' && (
        <p class="notice">{fill(m['live.upcoming'], { date: formatDateTime(lang, phase.opensAt) })}</p>
      )}
      {typeof phase === 'object' && phase.phase === 'closed' && <p class="notice">{m['live.closed']}</p>}
      {open && (
        <CommentForm
          lang={lang}
          m={m}
          commitmentId={commitmentId}
          sections={sections}
          profileOptions={profileOptions}
          profile={profile}
          target={target}
          onTarget={setTarget}
          onPosted={(posted, saved) => {
            setProfile(saved);
            if (posted.status !== 'published') return;
            const comment = posted.comment;
            if (!filter || filter === comment.sectionId) {
              setThread((t) => ({ ...t, comments: [comment, ...t.comments] }));
            }
            if (comment.sectionId) ctx.countComment(comment.sectionId);
          }}
        />
      )}

      <section class="thread" aria-labelledby="thread-heading">
        <h3 id="thread-heading">{m['thread.heading']}</h3>
        <div class="thread__controls">
          <div class="field">
            <label for="thread-filter">{m['thread.filter']}</label>
            <select
              id="thread-filter"
              value={filter}
              onChange={(event) => {
                const section = event.currentTarget.value;
                setFilter(section);
                void loadThread({ section, sort });
              }}
            >
              <option value="">{m['thread.filter.all']}</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="thread-sort">{m['thread.sort']}</label>
            <select
              id="thread-sort"
              value={sort}
              onChange={(event) => {
                const next = event.currentTarget.value as ThreadSort;
                setSort(next);
                void loadThread({ section: filter, sort: next });
              }}
            >
              <option value="newest">{m['thread.sort.newest']}</option>
              <option value="agreed">{m['thread.sort.agreed']}</option>
            </select>
          </div>
        </div>

        <div aria-live="polite" aria-busy={thread.state === 'loading' ? 'true' : 'false'}>
          {thread.state === 'loading' && <p class="muted">{m['live.loading']}</p>}
          {thread.state === 'error' && (
            <div class="live-error">
              <p>{m['live.unavailable']}</p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => void loadThread({ section: filter, sort })}
              >
                {m['action.retry']}
              </button>
            </div>
          )}
          {thread.state === 'ready' && thread.comments.length === 0 && <p>{m['thread.empty']}</p>}
        </div>
        {thread.comments.length > 0 && (
          <ol class="comment-list">
            {thread.comments.map((comment) => (
              <li key={comment.id}>
                <CommentItem comment={comment} ctx={ctx} />
              </li>
            ))}
          </ol>
        )}
        {thread.state === 'ready' && thread.next && (
          <button
            type="button"
            class="button button--secondary"
            aria-disabled={thread.more ? 'true' : undefined}
            onClick={() => !thread.more && void loadThread({ section: filter, sort, cursor: thread.next })}
            data-action="more"
          >
            {thread.more ? m['live.loading'] : m['thread.more']}
          </button>
        )}
        <p role="status" class="visually-hidden">
          {loaded}
        </p>
      </section>
    </div>
  );
}
