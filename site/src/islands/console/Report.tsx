import { useEffect, useState } from 'preact/hooks';
import type { Progress } from '#shared/schemas/staff.ts';
import { routes } from '../../lib/routes.ts';
import { staff } from '../../lib/staff-client.ts';
import { errorMessage, fill, formatDateTime } from '../live.ts';
import type { SectionProps } from './common.ts';
import { ErrorNotice, StatusLine, useAction } from './parts.tsx';

/**
 * Publishing the response report (drafters, admins): allowed once the consultation has closed (the API answers 409
 * before); publishing again keeps the first date. Links to the public report page.
 */
export default function Report({ lang, m, consultation }: SectionProps) {
  const [progress, setProgress] = useState<Progress | undefined>();
  const { error, setError, status, setStatus, busy, run } = useAction(lang, m);
  const publicPage = routes.responseReport(lang, consultation.id);

  const load = async () => {
    setError('');
    try {
      setProgress(await staff.progress(consultation.id));
    } catch (e) {
      setError(errorMessage(e, lang, m));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const publish = () =>
    run(async () => {
      const result = await staff.publishReport(consultation.id);
      setStatus(fill(m['console.report.done'], { answered: result.answered, unanswered: result.unanswered }));
      await load();
    }, m['console.report.notClosed']);

  const published = progress?.reportPublishedAt;
  return (
    <section aria-labelledby="console-report" class="console-part">
      <h2 id="console-report">{m['console.report.heading']}</h2>
      <p>{m['console.report.intro']}</p>
      {progress === undefined && !error ? (
        <p class="muted">{m['live.loading']}</p>
      ) : (
        progress && (
          <dl class="facts">
            <div>
              <dt>{m['console.resp.answered']}</dt>
              <dd>{progress.total.answeredTotal}</dd>
            </div>
            <div>
              <dt>{m['console.resp.unanswered']}</dt>
              <dd>{progress.total.unansweredTotal}</dd>
            </div>
            <div>
              <dt>{m['console.report.state']}</dt>
              <dd class="report-state">
                {published
                  ? fill(m['console.report.publishedAt'], { date: formatDateTime(lang, published) })
                  : m['console.report.unpublished']}
              </dd>
            </div>
          </dl>
        )
      )}
      <div class="button-row">
        <button type="button" class="button" disabled={busy} onClick={() => void publish()}>
          {busy ? m['action.sending'] : published ? m['console.report.again'] : m['console.report.publish']}
        </button>
        <a href={publicPage}>{m['console.report.open']}</a>
      </div>
      <StatusLine text={status} />
      <ErrorNotice error={error} />
    </section>
  );
}
