import { useEffect, useState } from 'preact/hooks';
import type { SummaryJob } from '#shared/schemas/summary-job.ts';
import type { ConsoleKey } from '../../i18n/island-keys.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fill, formatDateTime, formatNumber, formatPercent } from '../live.ts';
import { commitmentTitle, type SectionProps } from './common.ts';

const AUDIENCE_LABELS: Record<'public' | 'staff', ConsoleKey> = {
  public: 'console.summary.audience.public',
  staff: 'console.summary.audience.staff',
};
const STATUS_LABELS: Record<SummaryJob['status'], ConsoleKey> = {
  queued: 'console.summary.status.queued',
  running: 'console.summary.status.running',
  done: 'console.summary.status.done',
  failed: 'console.summary.status.failed',
};

const KIND_LABELS: Record<SummaryJob['kind'], ConsoleKey> = {
  summary: 'console.summary.kind.summary',
  polis: 'console.summary.kind.polis',
};

/** How often the page asks for the job's progress while it runs. */
const POLL_MS = 1000;

/** The label of a file the job wrote, by its name (staff files carry -staff or -staff-contacts). */
function fileLabel(job: SummaryJob, name: string): ConsoleKey | undefined {
  if (job.kind === 'polis')
    return name === 'votes.csv' ? 'console.summary.file.polis-votes' : 'console.summary.file.polis-comments';
  if (name === 'README.txt') return 'console.summary.file.readme';
  const base = name.replace(/-staff(-contacts)?/, '').replace(/\.\w+$/, '');
  const keys: Record<string, ConsoleKey> = {
    contributions: 'console.summary.file.contributions',
    votes: 'console.summary.file.votes',
    proposals: 'console.summary.file.proposals',
    responses: 'console.summary.file.responses',
    summary: 'console.summary.file.summary',
    'report-sq': 'console.summary.file.report-sq',
    'report-en': 'console.summary.file.report-en',
  };
  return keys[base];
}

const kilobytes = (lang: SectionProps['lang'], bytes: number) =>
  `${formatNumber(lang, Math.max(1, Math.round(bytes / 1024)))} KB`;

/**
 * Summaries (drafters, admins): make the summary files of the consultation, or the Polis export of a commitment, as a
 * background job; follow its progress (polled each second, an accessible progress bar and a live text); download
 * each file through a short-lived link.
 */
export default function Summaries({ lang, m, consultation }: SectionProps) {
  const [audience, setAudience] = useState<'public' | 'staff'>('public');
  const [contacts, setContacts] = useState(false);
  const [commitmentId, setCommitmentId] = useState(consultation.commitments[0]?.id ?? '');
  const [job, setJob] = useState<SummaryJob | undefined>();
  const [earlier, setEarlier] = useState<SummaryJob[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const active = job?.status === 'queued' || job?.status === 'running';
  const others = earlier.filter((j) => j.jobId !== job?.jobId);

  // The consultation's latest jobs (kept 3 days): a reload finds its files again.
  useEffect(() => {
    staff
      .summaryJobs(consultation.id)
      .then(({ jobs }) => {
        setJob((current) => current ?? jobs[0]);
        setEarlier(jobs);
      })
      .catch((e: unknown) => setError(errorMessage(e, lang, m)));
  }, []);

  useEffect(() => {
    if (!job || !active) return;
    const timer = setTimeout(() => {
      staff
        .summaryJob(job.jobId)
        .then((fresh) => {
          setJob(fresh);
          // The list of earlier jobs keeps this one's latest status for when another job is shown.
          setEarlier((list) => list.map((j) => (j.jobId === fresh.jobId ? fresh : j)));
        })
        .catch((e: unknown) => setError(errorMessage(e, lang, m)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = async (input: Parameters<typeof staff.startSummaryJob>[1]) => {
    setError('');
    setBusy(true);
    try {
      const started = await staff.startSummaryJob(consultation.id, input);
      setJob(started);
      setEarlier((list) => [started, ...list]);
    } catch (e) {
      setError(errorMessage(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  const download = async (name: string) => {
    if (!job) return;
    setError('');
    try {
      const { url } = await staff.summaryFileLink(job.jobId, name);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
    } catch (e) {
      setError(errorMessage(e, lang, m));
    }
  };

  const read = job?.itemsRead ?? 0;
  const total = job?.itemsTotal;
  const progressText =
    job?.status === 'done'
      ? fill(m['console.summary.progressDone'], { read: formatNumber(lang, read) })
      : fill(m['console.summary.progressText'], {
          read: formatNumber(lang, read),
          total: total === undefined ? '?' : formatNumber(lang, Math.max(total, read)),
          percent: formatPercent(lang, total ? Math.min(1, read / Math.max(total, read)) : 0),
        });

  return (
    <section aria-labelledby="console-summaries" class="console-part">
      <h2 id="console-summaries">{m['console.summary.heading']}</h2>
      <p>{m['console.summary.intro']}</p>
      <form
        class="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start({ kind: 'summary', audience, includeContacts: audience === 'staff' && contacts });
        }}
      >
        <fieldset>
          <legend>{m['console.summary.audience']}</legend>
          {(['public', 'staff'] as const).map((value) => (
            <label key={value} class="choice">
              <input
                type="radio"
                name="summary-audience"
                value={value}
                checked={audience === value}
                onChange={() => setAudience(value)}
              />{' '}
              {m[AUDIENCE_LABELS[value]]}
            </label>
          ))}
          {audience === 'staff' && (
            <label class="choice">
              <input type="checkbox" checked={contacts} onChange={(e) => setContacts(e.currentTarget.checked)} />{' '}
              {m['console.summary.contacts']}
            </label>
          )}
        </fieldset>
        <button type="submit" class="button" disabled={busy || active}>
          {m['console.summary.generate']}
        </button>
      </form>

      <h3>{m['console.summary.polis.heading']}</h3>
      <p>{m['console.summary.polis.intro']}</p>
      <form
        class="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start({ kind: 'polis', commitmentId });
        }}
      >
        <div class="field">
          <label for="summary-polis-commitment">{m['console.filter.commitment']}</label>
          <select
            id="summary-polis-commitment"
            value={commitmentId}
            onChange={(e) => setCommitmentId(e.currentTarget.value)}
          >
            {consultation.commitments.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary" disabled={busy || active || !commitmentId}>
          {m['console.summary.polis.start']}
        </button>
      </form>

      {error && (
        <p class="live-error" role="alert">
          {error}
        </p>
      )}

      {job && (
        <div class="summary-job">
          <h3>{m['console.summary.job']}</h3>
          <p class="console-status" aria-live="polite">
            {m[STATUS_LABELS[job.status]]} {job.status !== 'failed' && progressText}
          </p>
          {job.status !== 'failed' && (
            <progress
              aria-label={m['console.summary.progress']}
              max={job.status === 'done' ? read || 1 : Math.max(total ?? 0, read, 1)}
              value={read}
            >
              {progressText}
            </progress>
          )}
          {job.status === 'failed' && job.error && (
            <p class="live-error" role="alert">
              {job.error[lang]}
            </p>
          )}
          {job.status === 'done' && (
            <>
              <p class="muted">{m['console.summary.linkNote']}</p>
              <ul class="summary-files" aria-label={m['console.summary.files']}>
                {job.files.map((file) => {
                  const label = fileLabel(job, file.name);
                  return (
                    <li key={file.name}>
                      <button type="button" class="button button--secondary" onClick={() => void download(file.name)}>
                        {fill(m['console.summary.download'], { name: file.name })}
                      </button>{' '}
                      {label ? m[label] : ''} · {kilobytes(lang, file.bytes)}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}

      {others.length > 0 && (
        <>
          <h3>{m['console.summary.earlier']}</h3>
          <ul class="summary-earlier">
            {others.map((j) => (
              <li key={j.jobId}>
                {formatDateTime(lang, j.createdAt)} · {m[KIND_LABELS[j.kind]]}
                {j.commitmentId ? ` (${commitmentTitle(consultation, j.commitmentId)})` : ''} ·{' '}
                {m[STATUS_LABELS[j.status]]}{' '}
                <button type="button" class="button button--secondary" onClick={() => setJob(j)}>
                  {m['console.summary.show']}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
