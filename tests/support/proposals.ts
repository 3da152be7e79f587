import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpHandler } from '#functions/commons/http.ts';
import { createProposalsHandler, type ProposalDeps } from '#functions/proposals/proposals.ts';
import { createDynamoProposalReader } from '#functions/repositories/proposal-reader.ts';
import {
  createDynamoProposalRepository,
  type ProposalRepository,
} from '#functions/repositories/proposal-repository.ts';
import { noRateLimiter } from '#functions/repositories/rate-limiter.ts';
import { createDiskAttachmentStore } from '#functions/storage/disk-attachment-store.ts';
import type { Catalog } from '#shared/catalog.ts';
import type { AttachmentStore } from '#shared/proposals.ts';
import type { TestTable } from './local-table.ts';
import { TEST_SECRET, testPipeline } from './participation.ts';

/** A complete proposal of the open fixture consultation (tests/support/catalog-fixture.ts); override any field. */
export function validProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    consultationId: 'open-one',
    kind: 'amendment',
    commitmentId: 'youth-seats',
    sectionId: 'milestone-m1',
    organisation: {
      name: 'Qendra Rinore Elbasan',
      type: 'ngo',
      municipality: 'elbasan',
      registrationNumber: 'NRC-4521',
    },
    contact: { name: 'Arta Hoxha', email: 'arta.hoxha@example.org', phone: '+355 69 123 4567' },
    title: 'Një vend për të rinjtë në çdo KVSP',
    problem: 'Të rinjtë nuk kanë zë në Këshillat Vendorë të Sigurisë Publike sot.',
    causes: 'Mungesa e mekanizmave të përfaqësimit dhe e informimit.',
    objective: 'Çdo KVSP ka një anëtar nga këshilli rinor i bashkisë deri në vitin 2028.',
    milestones: [
      {
        description: 'Ndryshimi i rregullores tip të KVSP-ve',
        start: '2027-01-01',
        end: '2027-06-30',
        responsible: 'Ministria e Brendshme',
      },
      {
        description: 'Zgjedhja e përfaqësuesve rinorë në 61 bashki',
        start: '2027-07-01',
        end: '2028-06-30',
        responsible: 'Bashkitë',
      },
    ],
    indicators: ['61 KVSP me një anëtar rinor', 'Dy takime publike në vit me të rinjtë'],
    leadInstitution: 'Ministria e Brendshme',
    supportingActors: ['Këshillat rinorë vendorë', 'OSBE'],
    ogpValues: ['civic-participation', 'public-accountability'],
    expectedResults: 'Vendime të KVSP-ve që marrin parasysh zërin e të rinjve.',
    ...overrides,
  };
}

/** A small valid PDF document (starts with the %PDF- signature). */
export function pdfBytes(size = 2048): Buffer {
  const header = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const trailer = Buffer.from('\n%%EOF\n', 'latin1');
  const filler = Buffer.alloc(Math.max(0, size - header.length - trailer.length), 0x20);
  return Buffer.concat([header, filler, trailer]).subarray(0, size);
}

/** A ZIP archive (a .docx, say) that claims to be a PDF by its name and type. */
export function disguisedBytes(size = 2048): Buffer {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
  return Buffer.concat([zip, Buffer.alloc(size - zip.length, 0x41)]);
}

export type ProposalsFixture = {
  handler: HttpHandler;
  proposals: ProposalRepository;
  attachments: AttachmentStore;
  uploadsDir: string;
};

/** The proposals function on a test table and a temporary uploads directory, with the test pipeline. */
export async function proposalsFixture(
  table: TestTable,
  catalog: Catalog,
  now: Date,
  overrides: Partial<ProposalDeps> = {},
): Promise<ProposalsFixture> {
  const uploadsDir = await mkdtemp(path.join(tmpdir(), 'konsulto-uploads-'));
  const proposals = createDynamoProposalRepository(table.documents, table.tableName);
  const attachments = createDiskAttachmentStore(uploadsDir);
  const handler = createProposalsHandler(testPipeline(now), {
    catalog,
    proposals,
    reader: createDynamoProposalReader(table.documents, table.tableName),
    attachments,
    receiptSecret: async () => TEST_SECRET,
    uploadLimiter: noRateLimiter,
    ...overrides,
  });
  return { handler, proposals, attachments, uploadsDir };
}
