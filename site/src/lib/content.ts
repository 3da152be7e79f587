import { getCollection } from 'astro:content';
import { applyDemoWindow, consultationPhase } from '#shared/catalog.ts';
import { buildCatalogData } from '#shared/catalog-builder.ts';
import type { Commitment } from '#shared/schemas/commitment.ts';
import type { Consultation, ConsultationPhase } from '#shared/schemas/consultation.ts';
import type { Meeting } from '#shared/schemas/meeting.ts';

/**
 * The content as the pages show it: only published and archived consultations (drafts never reach the site),
 * with the demo window applied when KONSULTO_DEMO_TODAY (YYYY-MM-DD) is set at build time.
 */
export const demoToday: Date | undefined = parseDemoToday(process.env.KONSULTO_DEMO_TODAY);
/** The moment the pages are rendered for: the demo day, or the build time. */
export const now: Date = demoToday ?? new Date();

function parseDemoToday(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new Error(`KONSULTO_DEMO_TODAY must be a date written YYYY-MM-DD, not "${value}"`);
  }
  return date;
}

export type ConsultationItem = Consultation & { phase: ConsultationPhase };

const PHASE_ORDER: Record<ConsultationPhase, number> = { open: 0, upcoming: 1, closed: 2 };

function byPhaseThenDate(a: ConsultationItem, b: ConsultationItem): number {
  if (a.phase !== b.phase) return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
  if (a.phase === 'open') return Date.parse(a.closesAt) - Date.parse(b.closesAt);
  if (a.phase === 'upcoming') return Date.parse(a.opensAt) - Date.parse(b.opensAt);
  return Date.parse(b.closesAt) - Date.parse(a.closesAt);
}

/** The file name is the URL and must match the `id` inside the file. */
function assertIdsMatchFiles(entries: { id: string; data: { id: string }; filePath?: string | undefined }[]): void {
  for (const entry of entries) {
    if (entry.id !== entry.data.id) {
      throw new Error(`${entry.filePath ?? entry.id}: id "${entry.data.id}" must equal the file name "${entry.id}"`);
    }
  }
}

type Content = {
  consultations: ConsultationItem[];
  commitments: Commitment[];
  meetings: Meeting[];
};

let loaded: Promise<Content> | undefined;

async function load(): Promise<Content> {
  const [consultationEntries, commitmentEntries, meetingEntries] = await Promise.all([
    getCollection('consultations'),
    getCollection('commitments'),
    getCollection('meetings'),
  ]);
  assertIdsMatchFiles(consultationEntries);
  assertIdsMatchFiles(commitmentEntries);
  assertIdsMatchFiles(meetingEntries);
  // The same cross-file checks as the API catalog: unknown consultations, duplicate ids.
  const { problems } = buildCatalogData(
    consultationEntries.map((e) => e.data),
    commitmentEntries.map((e) => e.data),
  );
  const commitmentIds = new Set(commitmentEntries.map((e) => e.data.id));
  const consultationIds = new Set(consultationEntries.map((e) => e.data.id));
  for (const { data: meeting } of meetingEntries) {
    if (!consultationIds.has(meeting.consultationId)) {
      problems.push({ field: `meetings.${meeting.id}.consultationId`, message: 'unknown consultation' });
    }
    for (const c of meeting.contributions) {
      if (c.commitmentId && !commitmentIds.has(c.commitmentId)) {
        problems.push({ field: `meetings.${meeting.id}.contributions.${c.id}`, message: 'unknown commitment' });
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`Content problems:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`);
  }

  const consultations = consultationEntries
    .map((e) => e.data)
    .filter((c) => c.status !== 'draft')
    .map((c): ConsultationItem => {
      const shown = demoToday ? applyDemoWindow(c, demoToday) : c;
      return { ...shown, phase: consultationPhase(shown, now) };
    })
    .sort(byPhaseThenDate);
  const published = new Set(consultations.map((c) => c.id));
  const commitments = commitmentEntries
    .map((e) => e.data)
    .filter((c) => published.has(c.consultationId))
    .sort((a, b) => a.consultationId.localeCompare(b.consultationId) || a.order - b.order);
  const meetings = meetingEntries
    .map((e) => e.data)
    .filter((m) => published.has(m.consultationId))
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  return { consultations, commitments, meetings };
}

const content = (): Promise<Content> => {
  loaded ??= load();
  return loaded;
};

export async function allConsultations(): Promise<ConsultationItem[]> {
  return (await content()).consultations;
}

export async function consultation(id: string): Promise<ConsultationItem> {
  const found = (await content()).consultations.find((c) => c.id === id);
  if (!found) throw new Error(`unknown consultation "${id}"`);
  return found;
}

export async function allCommitments(): Promise<Commitment[]> {
  return (await content()).commitments;
}

export async function commitmentsOf(consultationId: string): Promise<Commitment[]> {
  return (await content()).commitments.filter((c) => c.consultationId === consultationId);
}

export async function commitment(id: string): Promise<Commitment> {
  const found = (await content()).commitments.find((c) => c.id === id);
  if (!found) throw new Error(`unknown commitment "${id}"`);
  return found;
}

export async function allMeetings(): Promise<Meeting[]> {
  return (await content()).meetings;
}

export async function meetingsOf(consultationId: string): Promise<Meeting[]> {
  return (await content()).meetings.filter((m) => m.consultationId === consultationId);
}

export async function meeting(id: string): Promise<Meeting> {
  const found = (await content()).meetings.find((m) => m.id === id);
  if (!found) throw new Error(`unknown meeting "${id}"`);
  return found;
}
