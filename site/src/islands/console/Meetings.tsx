import { useEffect, useState } from 'preact/hooks';
import { MUNICIPALITIES } from '#shared/municipalities.ts';
import type { MeetingInput, MeetingRecord } from '#shared/schemas/staff.ts';
import { ApiError } from '../../lib/api-client.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fieldErrors, fill, formatDateTime } from '../live.ts';
import type { SectionProps } from './common.ts';
import { ErrorNotice, Listing, StatusLine } from './parts.tsx';

type Text = { sq: string; en: string };
type Contribution = { id: string; commitmentId: string; text: Text };
/** The form's fields as typed: lists one item per line, numbers as text. */
type Draft = {
  id: string;
  title: Text;
  venue: Text;
  municipality: string;
  date: string;
  startTime: string;
  endTime: string;
  topic: Text;
  participantCount: string;
  moderator: Text;
  guests: Text;
  summary: Text;
  discussionPoints: Text;
  contributions: Contribution[];
};

const EMPTY: Text = { sq: '', en: '' };
const MUNICIPALITY_ENTRIES = Object.entries(MUNICIPALITIES).sort(([, a], [, b]) => a.localeCompare(b, 'sq'));

function newDraft(): Draft {
  return {
    id: '',
    title: EMPTY,
    venue: EMPTY,
    municipality: 'elbasan',
    date: new Date().toISOString().slice(0, 10),
    startTime: '10:00',
    endTime: '12:00',
    topic: EMPTY,
    participantCount: '0',
    moderator: EMPTY,
    guests: EMPTY,
    summary: EMPTY,
    discussionPoints: EMPTY,
    contributions: [],
  };
}

const text = (t: { sq: string; en?: string | undefined }): Text => ({ sq: t.sq, en: t.en ?? '' });
const lines = (list: { sq: string; en?: string | undefined }[]): Text => ({
  sq: list.map((l) => l.sq).join('\n'),
  en: list.map((l) => l.en ?? '').join('\n'),
});

function draftOf(m: MeetingRecord): Draft {
  return {
    id: m.id,
    title: text(m.title),
    venue: text(m.venue),
    municipality: m.municipality,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    topic: text(m.topic),
    participantCount: String(m.participantCount),
    moderator: text(m.moderator),
    guests: lines(m.guests),
    summary: text(m.summary),
    discussionPoints: lines(m.discussionPoints),
    contributions: m.contributions.map((c) => ({ id: c.id, commitmentId: c.commitmentId ?? '', text: text(c.text) })),
  };
}

/** A bilingual value: Albanian required, English only when given. */
const localized = (t: Text) => ({ sq: t.sq.trim(), ...(t.en.trim() ? { en: t.en.trim() } : {}) });

/** One entry per Albanian line; the English line of the same position, when there is one. */
function lineList(t: Text) {
  const en = t.en.split('\n');
  return t.sq
    .split('\n')
    .map((sq, i) => ({ sq, en: en[i] ?? '' }))
    .filter((l) => l.sq.trim())
    .map(localized);
}

function inputOf(d: Draft, consultationId: string, expectedVersion: number | undefined): MeetingInput {
  return {
    consultationId,
    title: localized(d.title),
    venue: localized(d.venue),
    municipality: d.municipality as MeetingInput['municipality'],
    date: d.date,
    startTime: d.startTime,
    endTime: d.endTime,
    topic: localized(d.topic),
    participantCount: Number.parseInt(d.participantCount, 10) || 0,
    moderator: localized(d.moderator),
    guests: lineList(d.guests),
    summary: localized(d.summary),
    discussionPoints: lineList(d.discussionPoints),
    contributions: d.contributions.map((c) => ({
      id: c.id,
      ...(c.commitmentId ? { commitmentId: c.commitmentId } : {}),
      text: localized(c.text),
    })),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  };
}

/** A slug for a new meeting: the municipality and the date, e.g. `elbasan-2026-04-03`. */
const suggestedId = (d: Draft) => `${d.municipality}-${d.date}`;

/** The next free contribution id of a meeting: k1, k2… */
function nextContributionId(list: Contribution[]): string {
  let n = list.length + 1;
  while (list.some((c) => c.id === `k${n}`)) n++;
  return `k${n}`;
}

/**
 * Meeting records (drafters, admins): the in-person meetings of a consultation with every field of the founding
 * document and the contributions gathered there, each linked to a commitment. Versioned: an edit sends the version
 * read, and a concurrent edit is a 409 that reloads the meeting.
 */
export default function Meetings({ lang, m, consultation }: SectionProps) {
  const [list, setList] = useState<MeetingRecord[] | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [version, setVersion] = useState<number | undefined>();
  const [error, setError] = useState('');
  const [issues, setIssues] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setError('');
    try {
      const meetings = (await staff.meetings(consultation.id)).meetings;
      setList(meetings);
      return meetings;
    } catch (e) {
      setError(errorMessage(e, lang, m));
      setList([]);
      return [];
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const open = (record: MeetingRecord | undefined) => {
    setDraft(record ? draftOf(record) : newDraft());
    setVersion(record?.version);
    setError('');
    setIssues([]);
    setStatus('');
    requestAnimationFrame(() => document.getElementById('meeting-form')?.focus());
  };

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [field]: value } : d));
  const setContribution = (i: number, change: Partial<Contribution>) =>
    setDraft((d) =>
      d ? { ...d, contributions: d.contributions.map((c, j) => (j === i ? { ...c, ...change } : c)) } : d,
    );

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    setError('');
    setIssues([]);
    setStatus('');
    const id = draft.id.trim() || suggestedId(draft);
    setBusy(true);
    try {
      const saved = await staff.saveMeeting(id, inputOf(draft, consultation.id, version));
      setStatus(fill(m['console.meet.saved'], { title: saved.title.sq, version: saved.version }));
      setDraft(undefined);
      setVersion(undefined);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(version === undefined ? m['console.meet.exists'] : m['console.meet.conflict']);
        if (version !== undefined) {
          const fresh = (await load()).find((record) => record.id === id);
          if (fresh) {
            setDraft(draftOf(fresh));
            setVersion(fresh.version);
          }
        }
      } else {
        setError(errorMessage(e, lang, m));
        setIssues(Object.entries(fieldErrors(e, lang)).map(([field, message]) => `${field}: ${message}`));
      }
    } finally {
      setBusy(false);
    }
  };

  const bilingual = (field: 'title' | 'venue' | 'topic' | 'moderator' | 'summary', label: string, rows = 0) => {
    const value = draft?.[field] ?? EMPTY;
    const props = (l: 'sq' | 'en') => ({
      id: `meet-${field}-${l}`,
      lang: l,
      value: value[l],
      maxLength: 20_000,
      onInput: (e: Event) => set(field, { ...value, [l]: (e.target as HTMLInputElement).value }),
      ...(l === 'sq' ? { required: true, 'aria-required': 'true' as const } : {}),
    });
    return (
      <fieldset class="console-pair">
        <legend>{label}</legend>
        {(['sq', 'en'] as const).map((l) => (
          <div class="field" key={l}>
            <label for={`meet-${field}-${l}`}>{l === 'sq' ? m['console.meet.sq'] : m['console.meet.en']}</label>
            {rows ? <textarea rows={rows} {...props(l)} /> : <input type="text" {...props(l)} />}
          </div>
        ))}
      </fieldset>
    );
  };

  const lineFields = (field: 'guests' | 'discussionPoints', label: string) => {
    const value = draft?.[field] ?? EMPTY;
    return (
      <fieldset class="console-pair">
        <legend>{label}</legend>
        <p class="muted" id={`meet-${field}-hint`}>
          {m['console.meet.perLine']}
        </p>
        {(['sq', 'en'] as const).map((l) => (
          <div class="field" key={l}>
            <label for={`meet-${field}-${l}`}>{l === 'sq' ? m['console.meet.sq'] : m['console.meet.en']}</label>
            <textarea
              id={`meet-${field}-${l}`}
              lang={l}
              rows={3}
              aria-describedby={`meet-${field}-hint`}
              value={value[l]}
              onInput={(e) => set(field, { ...value, [l]: (e.target as HTMLTextAreaElement).value })}
            />
          </div>
        ))}
      </fieldset>
    );
  };

  return (
    <section aria-labelledby="console-meetings" class="console-part">
      <h2 id="console-meetings">{m['console.meet.heading']}</h2>
      <p>{m['console.meet.intro']}</p>
      <StatusLine text={status} />
      <Listing m={m} items={list} empty={m['console.meet.none']}>
        {(records) => (
          <ul class="console-list" aria-label={m['console.meet.list']}>
            {records.map((record) => (
              <li key={record.id} class="card console-item console-meeting" data-meeting={record.id}>
                <h3>{lang === 'en' && record.title.en ? record.title.en : record.title.sq}</h3>
                <p class="muted">
                  {record.date} · {record.startTime}-{record.endTime} ·{' '}
                  {MUNICIPALITIES[record.municipality as keyof typeof MUNICIPALITIES] ?? record.municipality} ·{' '}
                  {fill(m['console.meet.count'], { n: record.contributions.length })}
                </p>
                <p class="muted">
                  {fill(m['console.resp.version'], {
                    version: record.version,
                    date: formatDateTime(lang, record.updatedAt),
                  })}
                </p>
                <button type="button" class="button button--secondary" onClick={() => open(record)}>
                  {m['console.resp.edit']}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Listing>
      {!draft && (
        <button type="button" class="button" onClick={() => open(undefined)}>
          {m['console.meet.new']}
        </button>
      )}
      {draft && (
        <form
          id="meeting-form"
          tabIndex={-1}
          class="console-form"
          aria-labelledby="meeting-form-heading"
          onSubmit={(e) => void save(e)}
          noValidate
        >
          <h3 id="meeting-form-heading">{version === undefined ? m['console.meet.new'] : m['console.meet.editing']}</h3>
          {version === undefined && (
            <div class="field">
              <label for="meet-id">{m['console.meet.id']}</label>
              <input
                id="meet-id"
                type="text"
                maxLength={80}
                aria-describedby="meet-id-hint"
                placeholder={suggestedId(draft)}
                value={draft.id}
                onInput={(e) => set('id', (e.target as HTMLInputElement).value)}
              />
              <p id="meet-id-hint" class="muted">
                {fill(m['console.meet.idHint'], { id: suggestedId(draft) })}
              </p>
            </div>
          )}
          {bilingual('title', m['console.meet.title'])}
          {bilingual('venue', m['console.meet.venue'])}
          <div class="console-filters">
            <div class="field">
              <label for="meet-municipality">{m['console.meet.municipality']}</label>
              <select
                id="meet-municipality"
                value={draft.municipality}
                onChange={(e) => set('municipality', (e.target as HTMLSelectElement).value)}
              >
                {MUNICIPALITY_ENTRIES.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="meet-date">{m['console.meet.date']}</label>
              <input
                id="meet-date"
                type="date"
                required
                value={draft.date}
                onInput={(e) => set('date', (e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="meet-start">{m['console.meet.start']}</label>
              <input
                id="meet-start"
                type="time"
                required
                value={draft.startTime}
                onInput={(e) => set('startTime', (e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="meet-end">{m['console.meet.end']}</label>
              <input
                id="meet-end"
                type="time"
                required
                value={draft.endTime}
                onInput={(e) => set('endTime', (e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="meet-participants">{m['console.meet.participants']}</label>
              <input
                id="meet-participants"
                type="number"
                min={0}
                max={100000}
                inputMode="numeric"
                value={draft.participantCount}
                onInput={(e) => set('participantCount', (e.target as HTMLInputElement).value)}
              />
            </div>
          </div>
          {bilingual('topic', m['console.meet.topic'])}
          {bilingual('moderator', m['console.meet.moderator'])}
          {lineFields('guests', m['console.meet.guests'])}
          {bilingual('summary', m['console.meet.summary'], 5)}
          {lineFields('discussionPoints', m['console.meet.points'])}
          <fieldset>
            <legend>{m['console.meet.contributions']}</legend>
            {draft.contributions.length === 0 && <p class="muted">{m['console.meet.noContributions']}</p>}
            <ol class="console-list">
              {draft.contributions.map((c, i) => (
                <li key={c.id} class="card console-item" data-contribution={c.id}>
                  <p class="muted">
                    <code>{c.id}</code>
                  </p>
                  <div class="field">
                    <label for={`meet-c-${i}-commitment`}>{m['console.filter.commitment']}</label>
                    <select
                      id={`meet-c-${i}-commitment`}
                      value={c.commitmentId}
                      onChange={(e) => setContribution(i, { commitmentId: (e.target as HTMLSelectElement).value })}
                    >
                      <option value="">{m['console.resp.noCommitment']}</option>
                      {consultation.commitments.map((k) => (
                        <option key={k.id} value={k.id}>
                          {k.title}
                        </option>
                      ))}
                    </select>
                  </div>
                  {(['sq', 'en'] as const).map((l) => (
                    <div class="field" key={l}>
                      <label for={`meet-c-${i}-${l}`}>
                        {l === 'sq' ? m['console.meet.contributionSq'] : m['console.meet.contributionEn']}
                      </label>
                      <textarea
                        id={`meet-c-${i}-${l}`}
                        lang={l}
                        rows={2}
                        value={c.text[l]}
                        onInput={(e) =>
                          setContribution(i, { text: { ...c.text, [l]: (e.target as HTMLTextAreaElement).value } })
                        }
                      />
                    </div>
                  ))}
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() =>
                      set(
                        'contributions',
                        draft.contributions.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {fill(m['console.meet.remove'], { id: c.id })}
                  </button>
                </li>
              ))}
            </ol>
            <button
              type="button"
              class="button button--secondary"
              onClick={() =>
                set('contributions', [
                  ...draft.contributions,
                  { id: nextContributionId(draft.contributions), commitmentId: '', text: EMPTY },
                ])
              }
            >
              {m['console.meet.add']}
            </button>
          </fieldset>
          <div class="button-row">
            <button type="submit" class="button" disabled={busy}>
              {busy ? m['action.sending'] : m['console.meet.save']}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setDraft(undefined)}>
              {m['action.cancel']}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={error}>
        {issues.length > 0 && (
          <ul>
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        )}
      </ErrorNotice>
    </section>
  );
}
