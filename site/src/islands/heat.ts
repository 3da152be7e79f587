import type { PublicComment } from '#shared/schemas/api.ts';

/**
 * The comment count and a light "heat" level of each section heading, from one page of the newest comments: each
 * top-level comment counts with its replies, under the heading its section belongs to (a milestone's under
 * "Milestones"). When that page is the whole thread the counts are exact; otherwise they are shown as "n+" (at least
 * n), which is still true. Heat 0-3 is the count relative to the most discussed heading; the count is its text.
 */
export type Heat = { counts: Record<string, number>; complete: boolean };

export function heatOf(comments: readonly PublicComment[], complete: boolean, groupOf: (section: string) => string) {
  const counts: Record<string, number> = {};
  for (const c of comments) {
    if (!c.sectionId || c.status !== 'published') continue;
    const group = groupOf(c.sectionId);
    counts[group] = (counts[group] ?? 0) + 1 + c.replyCount;
  }
  return { counts, complete };
}

export function levelOf(count: number, max: number): number {
  return count === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((3 * count) / max));
}

/** Writes the counts into the headings' `[data-section-heat]` badges (server-rendered, hidden until now). */
export function showHeat(heat: Heat, text: (count: number, complete: boolean) => string): void {
  const max = Math.max(0, ...Object.values(heat.counts));
  for (const badge of document.querySelectorAll<HTMLElement>('[data-section-heat]')) {
    const count = heat.counts[badge.dataset.sectionHeat ?? ''] ?? 0;
    badge.dataset.heat = String(levelOf(count, max));
    const label = badge.querySelector<HTMLElement>('[data-heat-count]');
    if (label) label.textContent = text(count, heat.complete);
    badge.hidden = false;
  }
}
