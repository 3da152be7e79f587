import type { Language } from '#shared/schemas/common.ts';
import type { ConsoleKey, Messages } from '../../i18n/island-keys.ts';

export type Commitment = { id: string; title: string };
export type Consultation = { id: string; title: string; commitments: Commitment[] };

/** What every console section receives from the shell (`groups`: the signed-in user's staff groups). */
export type SectionProps = {
  lang: Language;
  m: Messages<ConsoleKey>;
  consultation: Consultation;
  groups: readonly string[];
};

/** The title of a commitment of this consultation, or its id when the catalogue does not know it. */
export function commitmentTitle(consultation: Consultation, id: string): string {
  return consultation.commitments.find((c) => c.id === id)?.title ?? id;
}
