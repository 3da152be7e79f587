import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ProposalReceipt as Receipt } from '#shared/schemas/proposal.ts';
import type { Messages, ProposalViewKey } from '../i18n/island-keys.ts';
import { ApiError } from '../lib/api-client.ts';
import { Paragraphs } from './forms.tsx';
import { api, errorMessage, formatDateTime } from './live.ts';
import { type Labels, ProposalContent } from './ProposalView.tsx';

type Props = { lang: Language; labels: Labels; messages: Messages<ProposalViewKey> };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type State =
  | { kind: 'static' }
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; receipt: Receipt };

/**
 * The private receipt of a proposal. The token is in the address after `#`, which browsers never send to a server:
 * only this page's request to the API carries it.
 */
export default function ProposalReceipt({ lang, labels, messages: m }: Props) {
  const [state, setState] = useState<State>({ kind: 'static' });

  const load = async () => {
    const token = location.hash.slice(1);
    if (!TOKEN.test(token)) {
      setState({ kind: 'missing' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', receipt: await api.receipt(token) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setState({ kind: 'missing' });
      else setState({ kind: 'error', message: errorMessage(error, lang, m) });
    }
  };

  useEffect(() => {
    void load();
    const onHash = () => void load();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (state.kind === 'static') return <div class="island-placeholder" />;
  if (state.kind === 'loading')
    return (
      <p class="muted" aria-busy="true">
        {m['live.loading']}
      </p>
    );
  if (state.kind === 'missing')
    return (
      <p class="notice" role="alert">
        {m['receipt.missing']}
      </p>
    );
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

  const { proposal, status, visibility, response } = state.receipt;
  return (
    <div class="receipt">
      <dl class="facts receipt__status">
        <div>
          <dt>{m['receipt.status']}</dt>
          <dd data-status={status}>{m[`proposalStatus.${status}`]}</dd>
        </div>
        <div>
          <dt>{m['receipt.visibility']}</dt>
          <dd data-visibility={visibility}>{m[`visibility.${visibility}`]}</dd>
        </div>
        <div>
          <dt>{m['receipt.contact']}</dt>
          <dd>
            {proposal.contact.name}, {proposal.contact.email}
            {proposal.contact.phone ? `, ${proposal.contact.phone}` : ''}
          </dd>
        </div>
      </dl>
      <section class="receipt__response" aria-labelledby="receipt-response">
        <h2 id="receipt-response">{m['receipt.response']}</h2>
        {response ? (
          <>
            <p>
              <strong>{m[`disposition.${response.disposition}`]}</strong> · {formatDateTime(lang, response.respondedAt)}
            </p>
            <div lang={lang === 'en' && !response.justification.en ? 'sq' : undefined}>
              <Paragraphs text={(lang === 'en' ? response.justification.en : undefined) ?? response.justification.sq} />
            </div>
          </>
        ) : (
          <p>{m['receipt.noResponse']}</p>
        )}
      </section>
      <ProposalContent proposal={proposal} lang={lang} m={m} labels={labels} headingLevel={2} />
    </div>
  );
}
