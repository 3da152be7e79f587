import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { PublicProposal } from '#shared/schemas/proposal.ts';
import type { Messages, ProposalViewKey } from '../i18n/island-keys.ts';
import { api } from './live.ts';
import { type Labels, ProposalContent } from './ProposalView.tsx';

type Props = { lang: Language; consultationId: string; labels: Labels; messages: Messages<ProposalViewKey> };

type State = { kind: 'static' | 'loading' | 'error' | 'ready'; items: PublicProposal[]; next?: string | undefined };

/** The approved proposals of a consultation, newest first, a page at a time. */
export default function ProposalList({ lang, consultationId, labels, messages: m }: Props) {
  const [state, setState] = useState<State>({ kind: 'static', items: [] });

  const load = async (cursor?: string) => {
    setState((s) => ({ ...s, kind: 'loading' }));
    try {
      const page = await api.proposals(consultationId, cursor);
      setState((s) => ({
        kind: 'ready',
        items: cursor ? [...s.items, ...page.proposals] : page.proposals,
        next: page.nextCursor,
      }));
    } catch {
      setState((s) => ({ ...s, kind: 'error' }));
    }
  };

  useEffect(() => {
    void load();
  }, []);

  if (state.kind === 'static') return <div class="island-placeholder" />;
  return (
    <div class="proposal-list">
      <div aria-live="polite" aria-busy={state.kind === 'loading' ? 'true' : 'false'}>
        {state.kind === 'loading' && <p class="muted">{m['live.loading']}</p>}
        {state.kind === 'error' && (
          <div class="live-error">
            <p>{m['live.unavailable']}</p>
            <button type="button" class="button button--secondary" onClick={() => void load(state.next)}>
              {m['action.retry']}
            </button>
          </div>
        )}
        {state.kind === 'ready' && state.items.length === 0 && <p>{m['proposals.empty']}</p>}
      </div>
      {state.items.length > 0 && (
        <ol class="card-list card-list--single">
          {state.items.map((p) => (
            <li key={p.id} class="card">
              <ProposalContent proposal={p} lang={lang} m={m} labels={labels} />
            </li>
          ))}
        </ol>
      )}
      {state.kind === 'ready' && state.next && (
        <button type="button" class="button button--secondary" onClick={() => void load(state.next)}>
          {m['proposals.more']}
        </button>
      )}
    </div>
  );
}
