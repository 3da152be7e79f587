import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicComment } from '#shared/schemas/api.ts';
import type { Language } from '#shared/schemas/common.ts';
import { REACTIONS, REPORT_REASONS } from '#shared/vocabulary.ts';
import type { DiscussionKey, Messages } from '../i18n/island-keys.ts';
import type { Reaction, ReportReason } from '../lib/api-client.ts';
import { describedBy, Field, FormError, Paragraphs, useSubmission } from './forms.tsx';
import { api, errorMessage, fill, formatDateTime, formatNumber, plural } from './live.ts';

const REPLY_PAGE = 20;

export type ThreadContext = {
  lang: Language;
  m: Messages<DiscussionKey>;
  commitmentId: string;
  /** True while the consultation is open: reacting and replying are offered. */
  open: boolean;
  sectionLabel: (sectionId: string | undefined) => string | undefined;
  ownReaction: (commentId: string) => Reaction | undefined;
  setOwnReaction: (commentId: string, reaction: Reaction) => void;
  /** A comment or reply was published on `sectionId`: the heading counts go up. */
  countComment: (sectionId: string | undefined) => void;
};

type Props = { comment: PublicComment; ctx: ThreadContext; isReply?: boolean };

/** One comment (or reply): its text as text, agree/disagree/pass with the participant's own, replies, report. */
export function CommentItem({ comment: initial, ctx, isReply = false }: Props) {
  const { lang, m, open } = ctx;
  const [comment, setComment] = useState(initial);
  const [reactionError, setReactionError] = useState('');
  const [reacting, setReacting] = useState<Reaction | null>(null);
  const [panel, setPanel] = useState<'none' | 'reply' | 'report'>('none');
  const [reported, setReported] = useState(false);
  const [replies, setReplies] = useState<{ items: PublicComment[]; next?: string | undefined; shown: boolean }>({
    items: [],
    shown: false,
  });
  const [repliesState, setRepliesState] = useState<'idle' | 'loading' | 'error'>('idle');
  const replyButton = useRef<HTMLButtonElement>(null);
  const reportButton = useRef<HTMLButtonElement>(null);
  const reportedNote = useRef<HTMLParagraphElement>(null);

  useEffect(() => setComment(initial), [initial]);

  const own = ctx.ownReaction(comment.id);
  const name = comment.displayName ?? m['comment.anonymous'];
  const section = ctx.sectionLabel(comment.sectionId);
  const deleted = comment.status === 'deleted';

  const react = async (reaction: Reaction) => {
    if (reacting !== null || own === reaction) return;
    setReacting(reaction);
    setReactionError('');
    try {
      const result = await api.react(comment.id, reaction);
      setComment((c) => ({ ...c, reactions: result.reactions }));
      ctx.setOwnReaction(comment.id, result.reaction);
    } catch (failure) {
      setReactionError(errorMessage(failure, lang, m));
    } finally {
      setReacting(null);
    }
  };

  const loadReplies = async (cursor?: string) => {
    setRepliesState('loading');
    try {
      const page = await api.replies(comment.id, { limit: REPLY_PAGE, ...(cursor ? { cursor } : {}) });
      setReplies((r) => ({
        items: cursor ? [...r.items, ...page.comments] : page.comments,
        next: page.nextCursor,
        shown: true,
      }));
      setRepliesState('idle');
    } catch {
      setRepliesState('error');
    }
  };

  const closePanel = (focus: 'reply' | 'report') => {
    setPanel('none');
    requestAnimationFrame(() => (focus === 'reply' ? replyButton : reportButton).current?.focus());
  };

  return (
    <article
      class={`comment${isReply ? ' comment--reply' : ''}`}
      id={`comment-${comment.id}`}
      data-comment={comment.id}
    >
      <header class="comment__head">
        <span class="comment__author">{name}</span>{' '}
        <time class="comment__date muted" dateTime={comment.createdAt}>
          {formatDateTime(lang, comment.createdAt)}
        </time>
        {section && !isReply && <span class="comment__section">{fill(m['comment.on'], { section })}</span>}
      </header>
      <div class="comment__body">
        {deleted ? <p class="muted">{m['comment.deleted']}</p> : <Paragraphs text={comment.body} />}
      </div>

      {!deleted && (
        <div class="comment__actions">
          {open ? (
            <fieldset class="reactions">
              <legend class="visually-hidden">{m['comment.reactions']}</legend>
              <div class="button-row">
                {REACTIONS.map((r) => (
                  <button
                    key={r}
                    type="button"
                    class="button button--reaction"
                    aria-pressed={own === r ? 'true' : 'false'}
                    aria-disabled={reacting !== null ? 'true' : undefined}
                    data-reaction={r}
                    onClick={() => void react(r)}
                  >
                    {m[`reaction.${r}`]} <span class="count">{formatNumber(lang, comment.reactions[r])}</span>
                  </button>
                ))}
              </div>
            </fieldset>
          ) : (
            <p class="muted comment__counts">
              {REACTIONS.map((r) => `${m[`reaction.${r}`]}: ${formatNumber(lang, comment.reactions[r])}`).join(' · ')}
            </p>
          )}
          <div class="button-row">
            {open && !isReply && (
              <button
                ref={replyButton}
                type="button"
                class="button button--secondary"
                aria-expanded={panel === 'reply' ? 'true' : 'false'}
                onClick={() => setPanel(panel === 'reply' ? 'none' : 'reply')}
                data-action="reply"
              >
                {m['comment.reply']}
              </button>
            )}
            {!reported && (
              <button
                ref={reportButton}
                type="button"
                class="button button--secondary"
                aria-expanded={panel === 'report' ? 'true' : 'false'}
                onClick={() => setPanel(panel === 'report' ? 'none' : 'report')}
                data-action="report"
              >
                {m['comment.report']}
              </button>
            )}
          </div>
          {reactionError && (
            <p class="field-error" role="alert">
              {reactionError}
            </p>
          )}
        </div>
      )}
      <div role="status">
        {reported && (
          <p class="notice" tabIndex={-1} ref={reportedNote}>
            {m['comment.reported']}
          </p>
        )}
      </div>

      {panel === 'reply' && (
        <ReplyForm
          ctx={ctx}
          parent={comment}
          name={name}
          onCancel={() => closePanel('reply')}
          onPosted={(reply) => {
            setComment((c) => ({ ...c, replyCount: c.replyCount + 1 }));
            if (reply) setReplies((r) => ({ ...r, items: [...r.items, reply], shown: true }));
            ctx.countComment(comment.sectionId);
            closePanel('reply');
          }}
        />
      )}
      {panel === 'report' && (
        <ReportForm
          ctx={ctx}
          commentId={comment.id}
          onCancel={() => closePanel('report')}
          onReported={() => {
            setReported(true);
            setPanel('none');
            requestAnimationFrame(() => reportedNote.current?.focus());
          }}
        />
      )}

      {!isReply && (comment.replyCount > 0 || replies.items.length > 0) && (
        <div class="comment__replies">
          <button
            type="button"
            class="button button--link"
            aria-expanded={replies.shown ? 'true' : 'false'}
            onClick={() => {
              if (replies.shown) setReplies((r) => ({ ...r, shown: false }));
              else if (replies.items.length >= comment.replyCount) setReplies((r) => ({ ...r, shown: true }));
              else void loadReplies();
            }}
            data-action="replies"
          >
            {replies.shown ? m['comment.repliesHide'] : plural(lang, m, 'comment.replies', comment.replyCount)}
          </button>
          {repliesState === 'loading' && <p class="muted">{m['live.loading']}</p>}
          {repliesState === 'error' && (
            <p class="field-error" role="alert">
              {m['errors.network']}
            </p>
          )}
          {replies.shown && (
            <section aria-label={fill(m['comment.repliesLabel'], { name })}>
              <ol class="comment-list comment-list--replies">
                {replies.items.map((reply) => (
                  <li key={reply.id}>
                    <CommentItem comment={reply} ctx={ctx} isReply />
                  </li>
                ))}
              </ol>
              {replies.next && (
                <button
                  type="button"
                  class="button button--secondary"
                  aria-disabled={repliesState === 'loading' ? 'true' : undefined}
                  onClick={() => void loadReplies(replies.next)}
                >
                  {m['comment.repliesMore']}
                </button>
              )}
            </section>
          )}
        </div>
      )}
    </article>
  );
}

function ReplyForm({
  ctx,
  parent,
  name,
  onCancel,
  onPosted,
}: {
  ctx: ThreadContext;
  parent: PublicComment;
  name: string;
  onCancel: () => void;
  onPosted: (reply: PublicComment | undefined) => void;
}) {
  const { lang, m } = ctx;
  const [body, setBody] = useState('');
  const [done, setDone] = useState('');
  const submission = useSubmission(lang, m, ['body']);
  const area = useRef<HTMLTextAreaElement>(null);
  const id = `reply-${parent.id}`;

  useEffect(() => area.current?.focus(), []);

  const send = async () => {
    if (body.trim() === '') {
      submission.fail({ body: m['form.required'] });
      return;
    }
    const posted = await submission.run((key) => api.postComment(ctx.commitmentId, { body, parentId: parent.id }, key));
    if (!posted) return;
    setBody('');
    setDone(posted.status === 'published' ? m['reply.published'] : m['form.pending']);
    onPosted(posted.status === 'published' ? posted.comment : undefined);
  };

  return (
    <form
      class="reply-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Field id={id} label={fill(m['reply.body'], { name })} error={submission.fields.body}>
        <textarea
          ref={area}
          {...describedBy(id, false, submission.fields.body)}
          name="body"
          rows={3}
          maxLength={2000}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </Field>
      <FormError submission={submission} retryLabel={m['action.retry']} onRetry={() => void send()} />
      <div class="button-row">
        <button type="submit" class="button" aria-disabled={submission.pending ? 'true' : undefined}>
          {submission.pending ? m['action.sending'] : m['reply.submit']}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {m['action.cancel']}
        </button>
      </div>
      <p role="status">{done}</p>
    </form>
  );
}

function ReportForm({
  ctx,
  commentId,
  onCancel,
  onReported,
}: {
  ctx: ThreadContext;
  commentId: string;
  onCancel: () => void;
  onReported: () => void;
}) {
  const { lang, m } = ctx;
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const submission = useSubmission(lang, m, ['reason', 'note']);
  const select = useRef<HTMLSelectElement>(null);
  const id = `report-${commentId}`;

  useEffect(() => select.current?.focus(), []);

  const send = async () => {
    const sent = await submission.run(async () => {
      await api.report(commentId, { reason, note: note.trim() || undefined });
      return true;
    });
    if (sent) onReported();
  };

  return (
    <form
      class="report-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Field id={`${id}-reason`} label={m['report.reason']} error={submission.fields.reason}>
        <select
          ref={select}
          {...describedBy(`${id}-reason`, false, submission.fields.reason)}
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value as ReportReason)}
        >
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {m[`report.reason.${r}`]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-note`} label={m['report.note']} error={submission.fields.note}>
        <textarea
          {...describedBy(`${id}-note`, false, submission.fields.note)}
          name="note"
          rows={2}
          maxLength={500}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </Field>
      <FormError submission={submission} retryLabel={m['action.retry']} onRetry={() => void send()} />
      <div class="button-row">
        <button type="submit" class="button" aria-disabled={submission.pending ? 'true' : undefined}>
          {submission.pending ? m['action.sending'] : m['report.send']}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {m['action.cancel']}
        </button>
      </div>
    </form>
  );
}
