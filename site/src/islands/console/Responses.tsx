import { useEffect, useState } from 'preact/hooks';
import { ulid } from 'ulid';
import type { ContributionRef } from '#shared/schemas/response.ts';
import type { ContributionView, Progress, StaffResponse } from '#shared/schemas/staff.ts';
import { CONTRIBUTION_KINDS, type ContributionKind, DISPOSITIONS, type Disposition } from '#shared/vocabulary.ts';
import { ApiError } from '../../lib/api-client.ts';
import { type ResponseSave, staff } from '../../lib/staff-client.ts';
import { errorMessage, fill, formatDateTime } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';
import {
  ErrorNotice,
  Listing,
  MoreButton,
  SelectBox,
  StatusLine,
  Tabs,
  useAction,
  useLatestRequest,
  usePages,
} from './parts.tsx';

const KIND_LABEL = {
  comment: 'console.ref.comment',
  proposal: 'console.ref.proposal',
  'meeting-contribution': 'console.ref.meeting-contribution',
} as const;

/** The response being edited: its id, the version read (sent back as expectedVersion) and what it covers. */
type Editing = { id: string; version: number; contributions: ContributionRef[] };

/**
 * Reasoned responses (drafters, admins): progress, unanswered contributions answered together with one shared
 * justification, and the responses given so far, each editable (optimistic locking: a stale version is a 409).
 */
export default function Responses({ lang, m, consultation }: SectionProps) {
  const [kind, setKind] = useState<ContributionKind>('comment');
  const [items, setItems] = useState<ContributionView[] | undefined>();
  const given = usePages(
    (cursor) => staff.responses(consultation.id, cursor),
    (page) => page.responses,
  );
  const [progress, setProgress] = useState<Progress | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [disposition, setDisposition] = useState<Disposition>('accepted');
  const [mergedKind, setMergedKind] = useState<ContributionKind>('comment');
  const [mergedId, setMergedId] = useState('');
  const [sq, setSq] = useState('');
  const [en, setEn] = useState('');
  const { error, setError, status, setStatus, busy, run } = useAction(lang, m);
  const titleOf = (id: string | null | undefined) =>
    id ? commitmentTitle(consultation, id) : m['console.resp.noCommitment'];

  const begin = useLatestRequest();
  const load = async () => {
    const isLatest = begin();
    setItems(undefined);
    setError('');
    setSelected([]);
    try {
      const [page, prog] = await Promise.all([
        staff.unanswered(consultation.id, kind),
        staff.progress(consultation.id),
        given.load(),
      ]);
      if (!isLatest()) return;
      setItems(page.items);
      setProgress(prog);
    } catch (e) {
      if (!isLatest()) return;
      setError(errorMessage(e, lang, m));
      setItems([]);
    }
  };
  useEffect(() => {
    void load();
  }, [kind]);

  const fillForm = (r: StaffResponse | undefined) => {
    setDisposition(r?.disposition ?? 'accepted');
    setMergedKind(r?.mergedInto?.kind ?? 'comment');
    setMergedId(r?.mergedInto?.id ?? '');
    setSq(r?.justification.sq ?? '');
    setEn(r?.justification.en ?? '');
    setEditing(r ? { id: r.id, version: r.version, contributions: r.contributions } : undefined);
  };

  /** Loads one response into the form, as stored now (its current version). */
  const edit = async (id: string) => {
    setError('');
    setStatus('');
    try {
      fillForm(await staff.response(id));
      document.getElementById('resp-form')?.focus();
    } catch (e) {
      setError(errorMessage(e, lang, m));
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    setStatus('');
    const contributions = editing?.contributions ?? selected.map((id) => ({ kind, id }));
    if (contributions.length === 0) {
      setError(m['console.resp.selectOne']);
      return;
    }
    if (sq.trim().length < 10) {
      setError(m['console.resp.sqRequired']);
      return;
    }
    if (disposition === 'merged' && !mergedId.trim()) {
      setError(m['console.resp.mergedRequired']);
      return;
    }
    const input: ResponseSave = {
      contributions,
      disposition,
      ...(disposition === 'merged' ? { mergedInto: { kind: mergedKind, id: mergedId.trim() } } : {}),
      justification: { sq: sq.trim(), ...(en.trim() ? { en: en.trim() } : {}) },
      ...(editing ? { expectedVersion: editing.version } : {}),
    };
    await run(async () => {
      try {
        await staff.saveResponse(editing?.id ?? ulid(), input);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 409 && editing)) throw e;
        // Someone saved in between: show their version and ask for the change again.
        await edit(editing.id).catch(() => undefined);
        setError(m['console.resp.editConflict']);
        return;
      }
      if (editing) setStatus(m['console.resp.updated']);
      else {
        setItems((list) => list?.filter((i) => !selected.includes(i.id)));
        setStatus(fill(m['console.resp.saved'], { n: contributions.length }));
      }
      setSelected([]);
      fillForm(undefined);
      await Promise.all([given.load(), staff.progress(consultation.id).then(setProgress)]).catch(() => undefined);
    });
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
      {!editing && (
        <Tabs
          legend={m['console.resp.kind']}
          options={CONTRIBUTION_KINDS.map((k) => [k, m[`console.kind.${k}`]] as const)}
          value={kind}
          onPick={setKind}
        />
      )}
      <form
        id="resp-form"
        tabIndex={-1}
        class="console-form"
        onSubmit={(e) => void save(e)}
        noValidate
        aria-labelledby={editing ? 'resp-editing' : undefined}
      >
        {editing ? (
          <div class="notice">
            <h3 id="resp-editing">{m['console.resp.editing']}</h3>
            <p>{fill(m['console.resp.covers'], { n: editing.contributions.length })}</p>
            <ul>
              {editing.contributions.map((c) => (
                <li key={`${c.kind}:${c.id}`}>
                  {m[KIND_LABEL[c.kind]]} <code>{c.id}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <Listing m={m} items={items} empty={m['console.resp.empty']}>
            {(items) => (
              <fieldset>
                <legend>{m['console.resp.pick']}</legend>
                <ul class="console-list">
                  {items.map((item) => (
                    <li key={item.id} class="card console-item">
                      <SelectBox
                        m={m}
                        id={`ans-${item.id}`}
                        itemId={item.id}
                        selected={selected}
                        onSelect={setSelected}
                      />
                      <p class="muted">
                        {titleOf(item.commitmentId)} · <code>{item.id}</code>
                      </p>
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
          </Listing>
        )}
        {!editing && <p>{fill(m['console.selected'], { n: selected.length })}</p>}
        <div class="field">
          <label for="resp-disposition">{m['console.resp.disposition']}</label>
          <select
            id="resp-disposition"
            value={disposition}
            onChange={(e) => setDisposition((e.target as HTMLSelectElement).value as Disposition)}
          >
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {m[`disposition.${d}`]}
              </option>
            ))}
          </select>
        </div>
        {disposition === 'merged' && (
          <fieldset class="console-filters">
            <legend>{m['console.resp.mergedInto']}</legend>
            <div class="field">
              <label for="resp-merged-kind">{m['console.resp.mergedKind']}</label>
              <select
                id="resp-merged-kind"
                value={mergedKind}
                onChange={(e) => setMergedKind((e.target as HTMLSelectElement).value as ContributionKind)}
              >
                {CONTRIBUTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {m[KIND_LABEL[k]]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="resp-merged-id">{m['console.resp.mergedId']}</label>
              <input
                id="resp-merged-id"
                type="text"
                required
                aria-required="true"
                aria-describedby="resp-merged-hint"
                maxLength={161}
                value={mergedId}
                onInput={(e) => setMergedId((e.target as HTMLInputElement).value)}
              />
              <p id="resp-merged-hint" class="muted">
                {m['console.resp.mergedHint']}
              </p>
            </div>
          </fieldset>
        )}
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
        <div class="button-row">
          <button type="submit" class="button" disabled={busy}>
            {busy ? m['action.sending'] : m['console.resp.save']}
          </button>
          {editing && (
            <button type="button" class="button button--secondary" onClick={() => fillForm(undefined)}>
              {m['action.cancel']}
            </button>
          )}
        </div>
        <StatusLine text={status} />
        <ErrorNotice error={error} retry={{ label: m['console.reload'], run: () => void load() }} />
      </form>
      <h3>{m['console.resp.given']}</h3>
      <Listing m={m} items={given.items} empty={m['console.resp.none']}>
        {(list) => (
          <ul class="console-list" aria-label={m['console.resp.given']}>
            {list.map((r) => (
              <li key={r.id} class="card console-item console-response" data-response={r.id}>
                <p>
                  <strong>{m[`disposition.${r.disposition}`]}</strong> ·{' '}
                  {fill(m['console.resp.covers'], { n: r.contributions.length })} ·{' '}
                  {fill(m['console.resp.version'], { version: r.version, date: formatDateTime(lang, r.updatedAt) })}
                </p>
                <p lang="sq">{r.justification.sq}</p>
                <button type="button" class="button button--secondary" onClick={() => void edit(r.id)}>
                  {m['console.resp.edit']}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Listing>
      <MoreButton
        m={m}
        next={given.next}
        onMore={(cursor) => void given.load(cursor).catch((e) => setError(errorMessage(e, lang, m)))}
      />
    </section>
  );
}
