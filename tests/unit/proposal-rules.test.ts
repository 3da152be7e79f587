import { describe, expect, it } from 'vitest';
import { isReceiptToken, receiptHash, receiptToken, receiptUrl } from '#functions/proposals/receipts.ts';
import { Catalog } from '#shared/catalog.ts';
import { ConsultationClosedError, NotFoundError, ValidationError } from '#shared/errors.ts';
import {
  acceptedKey,
  assertProposalTarget,
  contentDisposition,
  isPdf,
  newProposalItem,
  proposalFieldIssue,
  quarantineKey,
  toPublicProposal,
  toReceipt,
  uploadIssue,
} from '#shared/proposals.ts';
import {
  attachmentUploadInputSchema,
  MAX_ATTACHMENT_BYTES,
  type ProposalInput,
  proposalInputSchema,
} from '#shared/schemas/proposal.ts';
import { catalogFixture, NOW } from '../support/catalog-fixture.ts';
import { TEST_SECRET } from '../support/participation.ts';
import { disguisedBytes, pdfBytes, validProposal } from '../support/proposals.ts';

const catalog = new Catalog(catalogFixture);
const parse = (overrides: Record<string, unknown> = {}): ProposalInput =>
  proposalInputSchema.parse(validProposal(overrides));
const issuesOf = (input: unknown) => proposalInputSchema.safeParse(input).error?.issues.map(proposalFieldIssue) ?? [];

describe('the proposal form', () => {
  it('accepts a complete amendment and normalises its text', () => {
    const input = parse({ title: '  Nje\u0301 titull i ri  ' });
    expect(input.title).toBe('Njé titull i ri');
    expect(input.attachmentIds).toEqual([]);
    expect(input.attachmentsPublic).toBe(false);
  });

  it('names each invalid field in words, in Albanian and English', () => {
    expect(
      issuesOf(
        validProposal({
          milestones: [
            { description: 'Hapi i parë', start: '2027-01-01', end: '2027-02-01', responsible: 'Bashkia' },
            { description: 'Hapi i dytë', start: '2027-05-01', end: '2027-04-01', responsible: 'Bashkia' },
          ],
          indicators: ['Treguesi', ''],
          contact: { name: 'Arta', email: 'arta@example.org', phone: 'telefononi' },
        }),
      ),
    ).toEqual([
      {
        field: 'contact.phone',
        message: {
          sq: 'Telefoni i kontaktit: Shkruani një numër telefoni, p.sh. +355 69 123 4567.',
          en: 'Contact phone: Enter a phone number, e.g. +355 69 123 4567.',
        },
      },
      {
        field: 'milestones.1.end',
        message: {
          sq: 'Piketa 2, data e përfundimit: Data e përfundimit nuk mund të jetë para datës së fillimit.',
          en: 'Milestone 2, end date: The end date cannot be before the start date.',
        },
      },
      {
        field: 'indicators.1',
        message: {
          sq: 'Treguesi 2: Duhen të paktën 2 shenja.',
          en: 'Indicator 2: At least 2 characters are required.',
        },
      },
    ]);
  });

  it('refuses impossible dates, more than ten milestones and more than five files', () => {
    const milestone = { description: 'Hapi', start: '2027-02-29', end: '2027-03-01', responsible: 'Bashkia' };
    expect(issuesOf(validProposal({ milestones: [milestone] })).map((i) => i.field)).toEqual(['milestones.0.start']);
    const eleven = Array.from({ length: 11 }, () => ({ ...milestone, start: '2027-01-01' }));
    expect(issuesOf(validProposal({ milestones: eleven })).map((i) => i.field)).toEqual(['milestones']);
    const six = Array.from({ length: 6 }, (_, i) => `01JB00000000000000000000${String(i).padStart(2, '0')}`);
    expect(issuesOf(validProposal({ attachmentIds: six }))).toEqual([
      {
        field: 'attachmentIds',
        message: {
          sq: 'Dokumentet PDF: Një propozim mund të ketë më së shumti 5 skedarë PDF.',
          en: 'PDF documents: A proposal can have at most 5 PDF files.',
        },
      },
    ]);
  });

  it('ties the target to the kind: an amendment names its commitment, a new commitment names none', () => {
    expect(issuesOf(validProposal({ commitmentId: undefined, sectionId: undefined })).map((i) => i.field)).toEqual([
      'commitmentId',
    ]);
    const fresh = issuesOf(validProposal({ kind: 'new-commitment' }));
    expect(fresh.map((i) => i.field)).toEqual(['commitmentId', 'sectionId']);
    expect(fresh[0]?.message.en).toContain('choose “amendment”');
  });

  it('refuses unknown fields, such as a status or visibility chosen by the sender', () => {
    expect(issuesOf(validProposal({ visibility: 'approved' })).map((i) => i.field)).toEqual(['(body)']);
    expect(issuesOf({ ...validProposal(), contact: { name: 'Arta', email: 'a@b.al', role: 'admin' } })[0]?.field).toBe(
      'contact',
    );
  });

  it('refuses upload forms for files that do not say they are PDFs or are too large', () => {
    const ok = { fileName: 'Raport.PDF', contentType: 'application/pdf', bytes: MAX_ATTACHMENT_BYTES };
    expect(attachmentUploadInputSchema.safeParse(ok).success).toBe(true);
    const issues = (input: unknown) =>
      attachmentUploadInputSchema
        .safeParse(input)
        .error?.issues.map(proposalFieldIssue)
        .map((i) => i.message.en);
    expect(issues({ ...ok, fileName: 'raport.docx' })).toEqual(['File name: Only PDF files (.pdf) are allowed.']);
    expect(issues({ ...ok, contentType: 'application/zip' })).toEqual([
      'File type: Only PDF files (application/pdf) are allowed.',
    ]);
    expect(issues({ ...ok, bytes: MAX_ATTACHMENT_BYTES + 1 })).toEqual(['File size: The file is larger than 10 MB.']);
    expect(issues({ ...ok, bytes: 0 })).toEqual(['File size: The file is empty.']);
  });
});

describe('the target of a proposal', () => {
  it('passes an amendment of a commitment and section of the open consultation', () => {
    expect(() => assertProposalTarget(catalog, parse(), NOW)).not.toThrow();
  });

  it('refuses closed, upcoming, draft and unknown consultations', () => {
    const newCommitment = { kind: 'new-commitment', commitmentId: undefined, sectionId: undefined };
    expect(() => assertProposalTarget(catalog, parse({ ...newCommitment, consultationId: 'closed-one' }), NOW)).toThrow(
      ConsultationClosedError,
    );
    expect(() =>
      assertProposalTarget(catalog, parse({ ...newCommitment, consultationId: 'upcoming-one' }), NOW),
    ).toThrow(ConsultationClosedError);
    expect(() => assertProposalTarget(catalog, parse({ ...newCommitment, consultationId: 'draft-one' }), NOW)).toThrow(
      NotFoundError,
    );
  });

  it('refuses a commitment of another consultation and a section the commitment does not have', () => {
    const foreign = () =>
      assertProposalTarget(catalog, parse({ commitmentId: 'old-commitment', sectionId: undefined }), NOW);
    expect(foreign).toThrow(ValidationError);
    expect(() => assertProposalTarget(catalog, parse({ sectionId: 'milestone-m9' }), NOW)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'sectionId' })] }),
    );
  });
});

describe('what the public and the receipt holder see', () => {
  const attachments = [
    { id: '01JB0000000000000000000001', fileName: 'Plani.pdf', bytes: 1234, key: 'attachments/x.pdf' },
  ];
  const item = newProposalItem('01JB0000000000000000000009', parse(), attachments, NOW.toISOString());

  it('stores a new proposal as received and pending, in the pending list of its consultation', () => {
    expect(item).toMatchObject({
      pk: 'PROPOSAL#01JB0000000000000000000009',
      sk: 'PROPOSAL',
      status: 'received',
      visibility: 'pending',
      gsi1pk: 'CONSULTATION#open-one#PROPOSALS#pending',
      gsi1sk: '01JB0000000000000000000009',
      registrationNumber: 'NRC-4521',
      version: 1,
    });
    expect(item.organisation).toEqual({ name: 'Qendra Rinore Elbasan', type: 'ngo', municipality: 'elbasan' });
  });

  it('never shows the contact, the registration number or the storage keys in public; files only when public', () => {
    const shown = JSON.stringify(toPublicProposal(item));
    for (const secret of ['arta.hoxha@example.org', 'Arta Hoxha', '+355', 'NRC-4521', 'attachments/', 'Plani.pdf']) {
      expect(shown).not.toContain(secret);
    }
    expect(toPublicProposal({ ...item, attachmentsPublic: true }).attachments).toEqual([
      { id: '01JB0000000000000000000001', fileName: 'Plani.pdf', bytes: 1234 },
    ]);
  });

  it('shows the organisation everything it sent on the receipt, but not where the files are stored', () => {
    const receipt = toReceipt(item, undefined);
    expect(receipt.proposal.contact).toEqual({
      name: 'Arta Hoxha',
      email: 'arta.hoxha@example.org',
      phone: '+355 69 123 4567',
    });
    expect(receipt.proposal.organisation.registrationNumber).toBe('NRC-4521');
    expect(JSON.stringify(receipt)).not.toContain('attachments/');
    expect(receipt).toMatchObject({ status: 'received', visibility: 'pending' });
  });
});

describe('attachment checks', () => {
  const upload = (bytes: Buffer) => ({ bytes: bytes.length, head: bytes.subarray(0, 1024), etag: '"e"' });

  it('recognises a PDF by its first bytes, not by its name', () => {
    expect(isPdf(pdfBytes())).toBe(true);
    expect(isPdf(disguisedBytes())).toBe(false);
    expect(isPdf(Buffer.from('%PDF'))).toBe(false);
    expect(isPdf(Buffer.from(' %PDF-1.7'))).toBe(false);
  });

  it('keeps a PDF of up to 10 MB and refuses missing, empty, larger and disguised files with clear messages', () => {
    expect(uploadIssue(upload(pdfBytes(1000)), 'a.pdf')).toBeUndefined();
    expect(uploadIssue({ bytes: MAX_ATTACHMENT_BYTES, head: pdfBytes(16), etag: '' }, 'a.pdf')).toBeUndefined();
    expect(uploadIssue({ bytes: MAX_ATTACHMENT_BYTES + 1, head: pdfBytes(16), etag: '' }, 'a.pdf')).toEqual({
      sq: 'Skedari është më i madh se 10 MB.',
      en: 'The file is larger than 10 MB.',
    });
    expect(uploadIssue(undefined, 'a.pdf')?.en).toBe(
      'The file “a.pdf” was not uploaded, or the upload expired. Upload it again.',
    );
    expect(uploadIssue({ bytes: 0, head: new Uint8Array(), etag: '' }, 'a.pdf')?.en).toBe('The file is empty.');
    expect(uploadIssue(upload(disguisedBytes()), 'raporti.pdf')?.en).toBe(
      'The file “raporti.pdf” is not a PDF document, even if its name or type says so.',
    );
  });

  it('keeps files under server-generated keys and serves them as downloads with a safe name', () => {
    expect(quarantineKey('01JB0000000000000000000001')).toBe('quarantine/01JB0000000000000000000001');
    expect(acceptedKey('01JB0000000000000000000001')).toBe('attachments/01JB0000000000000000000001.pdf');
    expect(contentDisposition('Plani i veprimit.pdf')).toBe(
      `attachment; filename="Plani i veprimit.pdf"; filename*=UTF-8''Plani%20i%20veprimit.pdf`,
    );
    expect(contentDisposition('Çështje "sigurie";.pdf')).toBe(
      `attachment; filename="Ceshtje _sigurie__.pdf"; filename*=UTF-8''%C3%87%C3%ABshtje%20%22sigurie%22%3B.pdf`,
    );
  });
});

describe('receipt tokens', () => {
  it('derives an unguessable 43-character token per proposal and stores only its sha256', () => {
    const token = receiptToken(TEST_SECRET, '01JB0000000000000000000009');
    expect(isReceiptToken(token)).toBe(true);
    expect(token).toBe(receiptToken(TEST_SECRET, '01JB0000000000000000000009'));
    expect(token).not.toBe(receiptToken(TEST_SECRET, '01JB0000000000000000000008'));
    expect(token).not.toBe(
      receiptToken(Buffer.from('another-secret-of-at-least-32-characters'), '01JB0000000000000000000009'),
    );
    expect(receiptHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptHash(token)).not.toContain(token);
    expect(receiptUrl(token)).toBe(`/deftese/#${token}`);
    expect(receiptUrl(token, 'en')).toBe(`/en/receipt/#${token}`);
    expect(isReceiptToken(`${token}.`)).toBe(false);
    expect(isReceiptToken(token.slice(1))).toBe(false);
  });
});
