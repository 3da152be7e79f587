import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ModerationAction, ModerationInput } from '#shared/schemas/staff.ts';
import { HIDE_REASONS, type HideReason } from '#shared/vocabulary.ts';
import type { ConsoleKey, Messages } from '../../i18n/island-keys.ts';
import { ApiError } from '../../lib/api-client.ts';
import { errorMessage } from '../live.ts';

/*
 * Small pieces the console sections share: the status line and error box, a loaded list with its loading and empty
 * states, the "show more" button with its paged list, a staff action's messages, and the hide-reason fields.
 */

type M = Messages<ConsoleKey>;

/** The polite status line of a section: what the last action did. */
export function StatusLine({ text }: { text: string }) {
  return (
    <p role="status" class="console-status">
      {text}
    </p>
  );
}

/** The error of a section, if any, with a button to try again (`retry`) and any details (`children`). */
export function ErrorNotice({
  error,
  retry,
  children,
}: {
  error: string;
  retry?: { label: string; run: () => void } | undefined;
  children?: ComponentChildren;
}) {
  if (!error) return null;
  return (
    <div class="live-error" role="alert">
      <p>{error}</p>
      {retry && (
        <button type="button" class="button button--secondary" onClick={retry.run}>
          {retry.label}
        </button>
      )}
      {children}
    </div>
  );
}

/**
 * A list as it loads: "loading" while `items` is undefined, the `empty` notice when there are none (without `empty`,
 * the list renders anyway), else what `children` renders of the items.
 */
export function Listing<T>({
  m,
  items,
  empty,
  children,
}: {
  m: M;
  items: readonly T[] | undefined;
  empty: string | undefined;
  children: (items: readonly T[]) => JSX.Element;
}) {
  if (items === undefined) return <p class="muted">{m['live.loading']}</p>;
  if (items.length === 0 && empty !== undefined) return <p class="notice">{empty}</p>;
  return children(items);
}

/** "Show more" when there is a next page (`next`, its cursor); while `busy`, disabled and saying "loading". */
export function MoreButton({
  m,
  next,
  busy,
  onMore,
}: {
  m: M;
  next: string | undefined;
  busy?: boolean;
  onMore: (cursor: string) => void;
}) {
  if (!next) return null;
  return (
    <button type="button" class="button button--secondary" disabled={busy} onClick={() => onMore(next)}>
      {busy ? m['live.loading'] : m['console.more']}
    </button>
  );
}

/**
 * A list read a page at a time: `load()` reads the first page (replacing the list), `load(cursor)` the next one
 * (appending to it). Errors reach the caller.
 */
export function usePages<P extends { nextCursor?: string | undefined }, T>(
  fetchPage: (cursor?: string) => Promise<P>,
  itemsOf: (page: P) => T[],
) {
  const [items, setItems] = useState<T[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const begin = useLatestRequest();
  const load = async (cursor?: string) => {
    const isLatest = begin();
    const page = await fetchPage(cursor);
    // A newer list (another tab, filter or "show more") was asked for meanwhile: this answer is stale.
    if (!isLatest()) return;
    setItems((list) => (cursor ? [...(list ?? []), ...itemsOf(page)] : itemsOf(page)));
    setNext(page.nextCursor);
  };
  return { items, setItems, next, load };
}

/**
 * Keeps a list from showing an answer that arrives after a newer request's: `begin()` before each request returns
 * `isLatest()`, true only while no later request has begun (a slow first load must not overwrite the tab clicked next).
 */
export function latestRequestGuard(): () => () => boolean {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}

/** latestRequestGuard for one mounted section. */
export function useLatestRequest(): () => () => boolean {
  return useRef(latestRequestGuard()).current;
}

/**
 * The messages of a section's staff actions. `run(task)` clears them, marks the section busy while the task runs,
 * and shows what went wrong: a 409 as `conflict` (by default "changed meanwhile"), anything else as the API says.
 */
export function useAction(lang: Language, m: M) {
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (task: () => Promise<void>, conflict: string = m['console.conflict']) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      await task();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? conflict : errorMessage(e, lang, m));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, status, setStatus, busy, run };
}

/** A moderator's decision as typed: the hide reason and the note, and the request body they make for an action. */
export function useDecision() {
  const [reason, setReason] = useState<HideReason>('spam');
  const [note, setNote] = useState('');
  /** The reason only with `hide`; the note when one was written. */
  const input = (action: ModerationAction): ModerationInput => {
    const trimmed = note.trim();
    const extra = trimmed ? { note: trimmed } : {};
    return action === 'hide' ? { action, reason, ...extra } : { action, ...extra };
  };
  return { reason, setReason, note, setNote, input };
}

/** The fields of a decision (`idPrefix` names them: `<prefix>-hide-reason`, `<prefix>-note`). */
export function HideReasonFields({
  m,
  idPrefix,
  decision: { reason, setReason: onReason, note, setNote: onNote },
}: {
  m: M;
  idPrefix: string;
  decision: ReturnType<typeof useDecision>;
}) {
  return (
    <fieldset class="console-action-fields">
      <legend>{m['console.mod.decision']}</legend>
      <div class="field">
        <label for={`${idPrefix}-hide-reason`}>{m['console.mod.hideReason']}</label>
        <select
          id={`${idPrefix}-hide-reason`}
          value={reason}
          onChange={(e) => onReason((e.target as HTMLSelectElement).value as HideReason)}
        >
          {HIDE_REASONS.map((r) => (
            <option key={r} value={r}>
              {m[`console.hide.${r}`]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-note`}>{m['console.mod.note']}</label>
        <textarea
          id={`${idPrefix}-note`}
          rows={2}
          maxLength={1000}
          value={note}
          onInput={(e) => onNote((e.target as HTMLTextAreaElement).value)}
        />
      </div>
    </fieldset>
  );
}

/** The tabs of a section: one pressed button per `[value, label]`, the current one first in style. */
export function Tabs<V extends string>({
  legend,
  options,
  value,
  onPick,
}: {
  legend: string;
  options: readonly (readonly [V, string])[];
  value: V;
  onPick: (value: V) => void;
}) {
  return (
    <fieldset class="button-row console-tabs">
      <legend class="visually-hidden">{legend}</legend>
      {options.map(([v, label]) => (
        <button
          key={v}
          type="button"
          class={v === value ? 'button' : 'button button--secondary'}
          aria-pressed={v === value}
          onClick={() => onPick(v)}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}

/** The "select" checkbox of one item (`itemId`) of a list whose selected ids are `selected`. */
export function SelectBox({
  m,
  id,
  itemId,
  selected,
  onSelect,
}: {
  m: M;
  id: string;
  itemId: string;
  selected: readonly string[];
  onSelect: (update: (ids: string[]) => string[]) => void;
}) {
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={id}
        checked={selected.includes(itemId)}
        onChange={(e) => {
          const on = (e.target as HTMLInputElement).checked;
          onSelect((s) => (on ? [...s, itemId] : s.filter((x) => x !== itemId)));
        }}
      />
      <label for={id}>{m['console.select']}</label>
    </div>
  );
}
