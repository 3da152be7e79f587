import type { ConsultationPhase } from '#shared/schemas/consultation.ts';

/**
 * Brings the server-rendered phase badges of one consultation (components/PhaseBadge.astro) up to the phase the API
 * reports now, and hides the built-in countdown when it no longer holds. Only text and attributes change.
 */
export function syncPhase(consultationId: string, phase: ConsultationPhase): void {
  for (const badge of document.querySelectorAll<HTMLElement>('[data-phase-of]')) {
    if (badge.dataset.phaseOf !== consultationId || badge.dataset.phase === phase) continue;
    const label = badge.getAttribute(`data-label-${phase}`);
    if (!label) continue;
    badge.className = `badge badge--${phase}`;
    badge.dataset.phase = phase;
    badge.textContent = label;
    badge.closest('[data-consultation]')?.querySelector<HTMLElement>('[data-countdown]')?.setAttribute('hidden', '');
  }
}
