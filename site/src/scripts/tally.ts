import type { ConsultationDetail } from '#shared/schemas/api.ts';
import { createApiClient } from '../lib/api-client.ts';
import { syncPhase } from '../lib/phase-sync.ts';

/**
 * <konsulto-tally data-consultation="kvsp-2026" data-commitment="kvsp-raporto-tani">
 * Fills the server-rendered `[data-count]` spans with the live counts of one commitment. All tallies of a
 * consultation on a page share one request. Until the counts arrive (or if they never do) the fallback text stays.
 * `data-state` is `loading`, `ready` or `unavailable`.
 * Dispatch `new CustomEvent('konsulto:tally-stale', { detail: { consultation: id } })` on `document` after a vote
 * or comment to refresh the counts of that consultation.
 */
const COUNTS = ['support', 'oppose', 'neutral', 'comments'] as const;
type Count = (typeof COUNTS)[number];

const api = createApiClient();
const requests = new Map<string, Promise<ConsultationDetail | undefined>>();

function detailOf(consultationId: string): Promise<ConsultationDetail | undefined> {
  let request = requests.get(consultationId);
  if (!request) {
    request = api
      .consultation(consultationId)
      .then((detail) => {
        syncPhase(consultationId, detail.consultation.phase);
        return detail;
      })
      .catch(() => undefined);
    requests.set(consultationId, request);
  }
  return request;
}

class KonsultoTally extends HTMLElement {
  connectedCallback(): void {
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const { consultation, commitment } = this.dataset;
    if (!consultation || !commitment) return;
    if (this.dataset.state !== 'ready') this.dataset.state = 'loading';
    const detail = await detailOf(consultation);
    const tally = detail?.commitments.find((c) => c.id === commitment)?.tally;
    if (!tally || !COUNTS.every((key) => Number.isInteger(tally[key]))) {
      if (this.dataset.state !== 'ready') this.dataset.state = 'unavailable';
      return;
    }
    const format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    for (const span of this.querySelectorAll<HTMLElement>('[data-count]')) {
      const value = tally[span.dataset.count as Count];
      if (value === undefined) continue;
      span.dataset.value = String(value);
      const text = format.format(value);
      if (span.textContent !== text) span.textContent = text;
    }
    this.querySelector<HTMLElement>('[data-tally-counts]')?.removeAttribute('hidden');
    this.querySelector<HTMLElement>('[data-tally-fallback]')?.setAttribute('hidden', '');
    this.dataset.state = 'ready';
  }
}

if (!customElements.get('konsulto-tally')) customElements.define('konsulto-tally', KonsultoTally);

document.addEventListener('konsulto:tally-stale', (event) => {
  const consultation = (event as CustomEvent<{ consultation?: string }>).detail?.consultation;
  if (!consultation) return;
  requests.delete(consultation);
  for (const element of document.querySelectorAll<KonsultoTally>(
    `konsulto-tally[data-consultation="${CSS.escape(consultation)}"]`,
  )) {
    void element.refresh();
  }
});
