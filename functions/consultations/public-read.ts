import { type Catalog, type CatalogConsultation, consultationPhase } from '#shared/catalog.ts';
import type { Clock, TallyReader } from '#shared/ports.ts';
import type { ConsultationDetail, ConsultationList, ConsultationView } from '#shared/schemas/api.ts';
import { EMPTY_TALLY } from '#shared/tally.ts';
import { createHttpHandler, type HttpHandler, pathParameter } from '../commons/http.ts';
import openApiDocument from '../generated/openapi.json' with { type: 'json' };

export type PublicReadDeps = { catalog: Catalog; tallies: TallyReader; clock: Clock };

function view(consultation: CatalogConsultation, now: Date): ConsultationView {
  return { ...consultation, phase: consultationPhase(consultation, now) };
}

/** Every published consultation, open ones first, then by opening date, newest first. */
export function listConsultations({ catalog, clock }: PublicReadDeps): ConsultationList {
  const now = clock();
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  const consultations = catalog.consultations
    .map((c) => ({ ...view(c, now), commitmentCount: catalog.commitmentsOf(c.id).length }))
    .sort((a, b) => rank[a.phase] - rank[b.phase] || b.opensAt.localeCompare(a.opensAt));
  return { consultations };
}

/** One consultation with its commitments in plan order and their live tallies. */
export async function getConsultation(deps: PublicReadDeps, consultationId: string): Promise<ConsultationDetail> {
  const consultation = deps.catalog.consultation(consultationId);
  const commitments = deps.catalog.commitmentsOf(consultationId);
  const tallies = await deps.tallies.tallies(commitments.map((c) => c.id));
  return {
    consultation: view(consultation, deps.clock()),
    commitments: commitments.map(({ consultationId: _, ...commitment }) => ({
      ...commitment,
      tally: tallies.get(commitment.id) ?? { ...EMPTY_TALLY },
    })),
  };
}

/** Seconds CloudFront may serve a public read from cache; tallies stay close to live. */
const PUBLIC_CACHE_SECONDS = 5;

/** The public-read function: the consultation list and one consultation with its commitments and tallies. */
export function createPublicReadHandler(deps: PublicReadDeps): HttpHandler {
  return createHttpHandler({
    'GET /api/openapi.json': async () => ({ body: openApiDocument, cacheSeconds: 300 }),
    'GET /api/consultations': async () => ({ body: listConsultations(deps), cacheSeconds: PUBLIC_CACHE_SECONDS }),
    'GET /api/consultations/{consultationId}': async (event) => ({
      body: await getConsultation(deps, pathParameter(event, 'consultationId')),
      cacheSeconds: PUBLIC_CACHE_SECONDS,
    }),
  });
}
