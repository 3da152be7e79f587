import { type Catalog, consultationPhase } from './catalog.ts';
import { type Bilingual, ConflictError, ConsultationClosedError, type FieldIssue, ValidationError } from './errors.ts';
import { indexKeys, keys } from './keys.ts';
import {
  type AttachmentInfo,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type ProposalInput,
  type ProposalReceipt,
  type ProposalStatus,
  type ProposalVisibility,
  type PublicProposal,
} from './schemas/proposal.ts';
import type { DISPOSITIONS } from './schemas/response.ts';
import type { ModerationAction, StaffProposal } from './schemas/staff.ts';
import { describeIssue } from './validation.ts';

/*
 * NGO proposals: the stored items, the rules over them (target, completeness, attachments) and what the public and
 * the organisation may see. The DynamoDB adapters are functions/repositories/proposal-repository.ts and
 * proposal-reader.ts; the file storage port is AttachmentStore below.
 */

/** A checked attachment, as the proposal keeps it. `key` (the object in the uploads bucket) is never returned. */
export type StoredAttachment = AttachmentInfo & { key: string };

/** A proposal as stored (pk/sk = keys.proposal(id)). `contact` and `registrationNumber` are private. */
export type ProposalItem = {
  pk: string;
  sk: string;
  type: 'PROPOSAL';
  id: string;
  consultationId: string;
  kind: ProposalInput['kind'];
  commitmentId?: string;
  sectionId?: string;
  /** The public part of the organisation. */
  organisation: { name: string; type: ProposalInput['organisation']['type']; municipality: string };
  registrationNumber?: string;
  contact: { name: string; email: string; phone?: string };
  title: string;
  problem: string;
  causes: string;
  objective: string;
  milestones: ProposalInput['milestones'];
  indicators: string[];
  leadInstitution: string;
  supportingActors: string[];
  ogpValues: ProposalInput['ogpValues'];
  expectedResults: string;
  attachments: StoredAttachment[];
  attachmentsPublic: boolean;
  createdAt: string;
  status: ProposalStatus;
  visibility: ProposalVisibility;
  /** The drafters' reasoned response (keys.response(id)), once given (issue 6). */
  responseId?: string;
  version: number;
  /** gsi1: `CONSULTATION#<id>#PROPOSALS#<visibility>` / id: the moderation queue and the public list. */
  gsi1pk: string;
  gsi1sk: string;
};

/** The attributes a public view needs; the public reader loads only these (never contact or registration number). */
export const PUBLIC_PROPOSAL_ATTRIBUTES = [
  'id',
  'consultationId',
  'kind',
  'commitmentId',
  'sectionId',
  'organisation',
  'title',
  'problem',
  'causes',
  'objective',
  'milestones',
  'indicators',
  'leadInstitution',
  'supportingActors',
  'ogpValues',
  'expectedResults',
  'attachments',
  'attachmentsPublic',
  'createdAt',
  'status',
  'visibility',
] as const;
export type PublicProposalItem = Pick<ProposalItem, (typeof PUBLIC_PROPOSAL_ATTRIBUTES)[number]>;

export function newProposalItem(
  id: string,
  input: ProposalInput,
  attachments: StoredAttachment[],
  createdAt: string,
): ProposalItem {
  const { registrationNumber, ...organisation } = input.organisation;
  return {
    ...keys.proposal(id),
    type: 'PROPOSAL',
    id,
    consultationId: input.consultationId,
    kind: input.kind,
    ...(input.commitmentId !== undefined ? { commitmentId: input.commitmentId } : {}),
    ...(input.sectionId !== undefined ? { sectionId: input.sectionId } : {}),
    organisation,
    ...(registrationNumber !== undefined ? { registrationNumber } : {}),
    contact: {
      name: input.contact.name,
      email: input.contact.email,
      ...(input.contact.phone !== undefined ? { phone: input.contact.phone } : {}),
    },
    title: input.title,
    problem: input.problem,
    causes: input.causes,
    objective: input.objective,
    milestones: input.milestones,
    indicators: input.indicators,
    leadInstitution: input.leadInstitution,
    supportingActors: input.supportingActors,
    ogpValues: input.ogpValues,
    expectedResults: input.expectedResults,
    attachments,
    attachmentsPublic: input.attachmentsPublic,
    createdAt,
    status: 'received',
    visibility: 'pending',
    version: 1,
    ...visibilityIndexKeys(input.consultationId, id, 'pending'),
  };
}

/** Every proposal sits in exactly one gsi1 list of its consultation: pending (the queue), approved (public), hidden. */
export function visibilityIndexKeys(consultationId: string, id: string, visibility: ProposalVisibility) {
  return { gsi1pk: indexKeys.proposalsByStatus(consultationId, visibility), gsi1sk: id };
}

const attachmentInfo = ({ id, fileName, bytes }: StoredAttachment): AttachmentInfo => ({ id, fileName, bytes });

function content(item: PublicProposalItem) {
  return {
    id: item.id,
    consultationId: item.consultationId,
    kind: item.kind,
    ...(item.commitmentId !== undefined ? { commitmentId: item.commitmentId } : {}),
    ...(item.sectionId !== undefined ? { sectionId: item.sectionId } : {}),
    title: item.title,
    problem: item.problem,
    causes: item.causes,
    objective: item.objective,
    milestones: item.milestones.map(({ description, start, end, responsible }) => ({
      description,
      start,
      end,
      responsible,
    })),
    indicators: item.indicators,
    leadInstitution: item.leadInstitution,
    supportingActors: item.supportingActors ?? [],
    ogpValues: item.ogpValues,
    expectedResults: item.expectedResults,
    submittedAt: item.createdAt,
  };
}

/** Public: approved by a moderator. */
export function isPubliclyListed(item: Pick<ProposalItem, 'visibility'>): boolean {
  return item.visibility === 'approved';
}

/** What anyone may see of an approved proposal: field by field, so a new private attribute never leaks. */
export function toPublicProposal(item: PublicProposalItem): PublicProposal {
  return {
    ...content(item),
    organisation: {
      name: item.organisation.name,
      type: item.organisation.type,
      municipality: item.organisation.municipality,
    },
    status: item.status,
    ...(item.attachmentsPublic ? { attachments: (item.attachments ?? []).map(attachmentInfo) } : {}),
  };
}

/**
 * Where a moderation action takes a proposal, or a ConflictError when it does not apply in its current state:
 * approve pending → approved (listed publicly); hide pending or approved → hidden; restore hidden → approved.
 */
export function proposalModerationTarget(from: ProposalVisibility, action: ModerationAction): ProposalVisibility {
  if (action === 'approve' && from === 'pending') return 'approved';
  if (action === 'hide' && (from === 'pending' || from === 'approved')) return 'hidden';
  if (action === 'restore' && from === 'hidden') return 'approved';
  throw new ConflictError(`cannot ${action} a ${from} proposal`);
}

/**
 * What staff see of a proposal, field by field: the content, the whole organisation, every attachment (to download
 * through the staff route), its moderation state; the contact person only with `withContact` (drafters and admins).
 */
export function toStaffProposal(item: ProposalItem, { withContact }: { withContact: boolean }): StaffProposal {
  return {
    ...content(item),
    organisation: {
      name: item.organisation.name,
      type: item.organisation.type,
      municipality: item.organisation.municipality,
      ...(item.registrationNumber !== undefined ? { registrationNumber: item.registrationNumber } : {}),
    },
    status: item.status,
    attachments: (item.attachments ?? []).map(attachmentInfo),
    attachmentsPublic: item.attachmentsPublic,
    visibility: item.visibility,
    version: item.version,
    ...(item.responseId !== undefined ? { responseId: item.responseId } : {}),
    ...(withContact
      ? {
          contact: {
            name: item.contact.name,
            email: item.contact.email,
            ...(item.contact.phone !== undefined ? { phone: item.contact.phone } : {}),
          },
        }
      : {}),
  };
}

export type ResponseView = {
  disposition: (typeof DISPOSITIONS)[number];
  justification: { sq: string; en?: string };
  updatedAt: string;
};

/** What the holder of the receipt sees: everything the organisation sent, its progress and the answer. */
export function toReceipt(item: ProposalItem, response: ResponseView | undefined): ProposalReceipt {
  return {
    proposal: {
      ...content(item),
      organisation: {
        ...item.organisation,
        ...(item.registrationNumber !== undefined ? { registrationNumber: item.registrationNumber } : {}),
      },
      contact: item.contact,
      attachments: item.attachments.map(attachmentInfo),
      attachmentsPublic: item.attachmentsPublic,
    },
    status: item.status,
    visibility: item.visibility,
    ...(response
      ? {
          response: {
            disposition: response.disposition,
            justification: response.justification,
            respondedAt: response.updatedAt,
          },
        }
      : {}),
  };
}

/**
 * The rule a submission passes against the content: the consultation exists and is open now; an amendment names a
 * commitment of that consultation and, optionally, one of its sections.
 */
export function assertProposalTarget(catalog: Catalog, input: ProposalInput, now: Date): void {
  const consultation = catalog.consultation(input.consultationId);
  const phase = consultationPhase(consultation, now);
  if (phase !== 'open') throw new ConsultationClosedError(phase);
  if (input.commitmentId === undefined) return;
  const commitment = catalog.commitmentsOf(consultation.id).find((c) => c.id === input.commitmentId);
  const issue = (field: string, sq: string, en: string): FieldIssue => ({ field, message: { sq, en } });
  if (!commitment) {
    throw new ValidationError([
      issue(
        'commitmentId',
        'Ky angazhim nuk është pjesë e këtij konsultimi.',
        'This commitment is not part of this consultation.',
      ),
    ]);
  }
  if (input.sectionId !== undefined && !commitment.sectionIds.includes(input.sectionId)) {
    throw new ValidationError([
      issue(
        'sectionId',
        'Ky seksion nuk ekziston në këtë angazhim.',
        'This section does not exist in this commitment.',
      ),
    ]);
  }
}

/* ---- Completeness messages: each invalid field named in words, in both languages ---- */

const FIELD_LABELS: Record<string, Bilingual> = {
  consultationId: { sq: 'Konsultimi', en: 'Consultation' },
  kind: { sq: 'Lloji i propozimit', en: 'Kind of proposal' },
  commitmentId: { sq: 'Angazhimi që ndryshohet', en: 'Commitment amended' },
  sectionId: { sq: 'Seksioni', en: 'Section' },
  organisation: { sq: 'Organizata', en: 'Organisation' },
  'organisation.name': { sq: 'Emri i organizatës', en: 'Name of the organisation' },
  'organisation.type': { sq: 'Lloji i organizatës', en: 'Type of organisation' },
  'organisation.municipality': { sq: 'Bashkia', en: 'Municipality' },
  'organisation.registrationNumber': { sq: 'Numri i regjistrimit', en: 'Registration number' },
  contact: { sq: 'Kontakti', en: 'Contact' },
  'contact.name': { sq: 'Personi i kontaktit', en: 'Contact person' },
  'contact.email': { sq: 'Email-i i kontaktit', en: 'Contact email' },
  'contact.phone': { sq: 'Telefoni i kontaktit', en: 'Contact phone' },
  title: { sq: 'Titulli', en: 'Title' },
  problem: { sq: 'Problemi', en: 'Problem' },
  causes: { sq: 'Shkaqet', en: 'Causes' },
  objective: { sq: 'Zgjidhja e propozuar', en: 'Proposed solution' },
  milestones: { sq: 'Piketat', en: 'Milestones' },
  'milestones.*': { sq: 'Piketa {n}', en: 'Milestone {n}' },
  'milestones.*.description': { sq: 'Piketa {n}, përshkrimi', en: 'Milestone {n}, description' },
  'milestones.*.start': { sq: 'Piketa {n}, data e fillimit', en: 'Milestone {n}, start date' },
  'milestones.*.end': { sq: 'Piketa {n}, data e përfundimit', en: 'Milestone {n}, end date' },
  'milestones.*.responsible': {
    sq: 'Piketa {n}, institucioni përgjegjës',
    en: 'Milestone {n}, responsible institution',
  },
  indicators: { sq: 'Treguesit', en: 'Indicators' },
  'indicators.*': { sq: 'Treguesi {n}', en: 'Indicator {n}' },
  leadInstitution: { sq: 'Institucioni drejtues', en: 'Lead institution' },
  supportingActors: { sq: 'Aktorët mbështetës', en: 'Supporting actors' },
  'supportingActors.*': { sq: 'Aktori mbështetës {n}', en: 'Supporting actor {n}' },
  ogpValues: { sq: 'Vlerat e OGP', en: 'OGP values' },
  'ogpValues.*': { sq: 'Vlera e OGP {n}', en: 'OGP value {n}' },
  expectedResults: { sq: 'Rezultatet e pritshme', en: 'Expected results' },
  attachmentIds: { sq: 'Dokumentet PDF', en: 'PDF documents' },
  'attachmentIds.*': { sq: 'Dokumenti PDF {n}', en: 'PDF document {n}' },
  attachmentsPublic: { sq: 'Publikimi i dokumenteve', en: 'Publishing the documents' },
  website: { sq: 'Faqja e internetit', en: 'Website' },
  fileName: { sq: 'Emri i skedarit', en: 'File name' },
  contentType: { sq: 'Lloji i skedarit', en: 'File type' },
  bytes: { sq: 'Madhësia e skedarit', en: 'File size' },
};

/** Wording that says more than the generic one for this field and kind of issue. */
const SPECIFIC_MESSAGES: Record<string, Partial<Record<string, Bilingual>>> = {
  attachmentIds: { too_big: tooManyFiles() },
  bytes: { too_big: fileTooLarge(), too_small: emptyFile() },
  contentType: {
    invalid_value: {
      sq: 'Lejohen vetëm skedarë PDF (application/pdf).',
      en: 'Only PDF files (application/pdf) are allowed.',
    },
  },
  'contact.email': {
    invalid_format: { sq: 'Shkruani një adresë email-i të vlefshme.', en: 'Enter a valid email address.' },
  },
  'contact.phone': {
    invalid_format: {
      sq: 'Shkruani një numër telefoni, p.sh. +355 69 123 4567.',
      en: 'Enter a phone number, e.g. +355 69 123 4567.',
    },
  },
};

export function tooManyFiles(): Bilingual {
  return {
    sq: `Një propozim mund të ketë më së shumti ${MAX_ATTACHMENTS} skedarë PDF.`,
    en: `A proposal can have at most ${MAX_ATTACHMENTS} PDF files.`,
  };
}

export function fileTooLarge(): Bilingual {
  const mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
  return { sq: `Skedari është më i madh se ${mb} MB.`, en: `The file is larger than ${mb} MB.` };
}

function emptyFile(): Bilingual {
  return { sq: 'Skedari është bosh.', en: 'The file is empty.' };
}

function labelOf(path: readonly PropertyKey[]): Bilingual | undefined {
  const exact = FIELD_LABELS[path.map(String).join('.')];
  if (exact) return exact;
  const index = path.findIndex((segment) => typeof segment === 'number');
  if (index < 0) return undefined;
  const pattern = path.map((segment, i) => (i === index ? '*' : String(segment))).join('.');
  const label = FIELD_LABELS[pattern];
  if (!label) return undefined;
  const n = String(Number(path[index]) + 1);
  return { sq: label.sq.replace('{n}', n), en: label.en.replace('{n}', n) };
}

type ZodIssueLike = { code: string; path: PropertyKey[] } & Parameters<typeof describeIssue>[0];

/** A zod issue of a proposal form as a field issue whose message names the field: "Titulli: Duhen …". */
export function proposalFieldIssue(issue: ZodIssueLike): FieldIssue {
  const field = issue.path.map(String).join('.') || '(body)';
  const message = SPECIFIC_MESSAGES[field]?.[issue.code] ?? describeIssue(issue);
  const label = labelOf(issue.path);
  return {
    field,
    message: label ? { sq: `${label.sq}: ${message.sq}`, en: `${label.en}: ${message.en}` } : message,
  };
}

/* ---- Attachments: checked in quarantine before a proposal may keep them ---- */

/** Objects uploaded by browsers land here and expire after a day unless a proposal keeps them. */
export const QUARANTINE_PREFIX = 'quarantine/';
/** Checked files kept by a proposal: served to staff only, as a download. */
export const ACCEPTED_PREFIX = 'attachments/';
/** The signature every PDF file starts with. */
export const PDF_MAGIC = '%PDF-';
/** A presigned upload form stays valid this long. */
export const UPLOAD_FORM_SECONDS = 15 * 60;
/** An upload not attached to a proposal is forgotten after a day (table TTL, bucket lifecycle). */
export const UNATTACHED_UPLOAD_SECONDS = 24 * 3600;
/** Upload forms per participant and hour: room for a few proposals, not for filling the bucket. */
export const UPLOAD_FORMS_PER_HOUR = 25;

export const quarantineKey = (attachmentId: string) => `${QUARANTINE_PREFIX}${attachmentId}`;
export const acceptedKey = (attachmentId: string) => `${ACCEPTED_PREFIX}${attachmentId}.pdf`;

/** An upload waiting to be attached (pk/sk = keys.attachment(id)); expires unless a proposal keeps it. */
export type AttachmentItem = {
  pk: string;
  sk: string;
  type: 'ATTACHMENT';
  id: string;
  /** Only the participant who asked for the upload form may attach the file; removed once attached. */
  participantId?: string;
  fileName: string;
  declaredBytes: number;
  createdAt: string;
  /** The end of the upload form's validity (ISO). */
  uploadExpiresAt: string;
  status: 'awaiting' | 'attached';
  proposalId?: string;
  expiresAt?: number;
};

/** What the store found in quarantine: the size, the first bytes and a version tag to copy exactly that object. */
export type InspectedUpload = { bytes: number; head: Uint8Array; etag: string };

/** Why an uploaded file cannot be kept, or undefined when it is a PDF of an allowed size. */
export function uploadIssue(upload: InspectedUpload | undefined, fileName: string): Bilingual | undefined {
  if (!upload) {
    return {
      sq: `Skedari “${fileName}” nuk u ngarkua ose ngarkimi skadoi. Ngarkojeni përsëri.`,
      en: `The file “${fileName}” was not uploaded, or the upload expired. Upload it again.`,
    };
  }
  if (upload.bytes === 0) return emptyFile();
  if (upload.bytes > MAX_ATTACHMENT_BYTES) return fileTooLarge();
  if (!isPdf(upload.head)) {
    return {
      sq: `Skedari “${fileName}” nuk është dokument PDF, edhe pse emri ose lloji e paraqet si të tillë.`,
      en: `The file “${fileName}” is not a PDF document, even if its name or type says so.`,
    };
  }
  return undefined;
}

/** Magic bytes: a PDF file starts with `%PDF-`. The name and the declared type prove nothing. */
export function isPdf(head: Uint8Array): boolean {
  if (head.length < PDF_MAGIC.length) return false;
  for (let i = 0; i < PDF_MAGIC.length; i++) if (head[i] !== PDF_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Served to staff as a download, never rendered in the browser: `attachment` with an ASCII and a UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_') || 'document.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export type UploadTarget = { method: 'POST' | 'PUT'; url: string; fields: Record<string, string> };

/**
 * The file storage of attachments. In AWS a private S3 bucket (presigned POST into quarantine/, then a conditional
 * copy to attachments/); locally a directory under .data/ and an upload route of the local runtime. The proposal
 * code is the same for both.
 */
export interface AttachmentStore {
  /** Where the browser sends the file for this quarantine key: valid `expiresInSeconds`, at most MAX_ATTACHMENT_BYTES. */
  uploadTarget(attachmentId: string, key: string, expiresInSeconds: number): Promise<UploadTarget>;
  /** The uploaded object's size and first bytes, or undefined when nothing was uploaded under the key. */
  inspect(key: string): Promise<InspectedUpload | undefined>;
  /** Copies exactly the inspected object (`etag`) to its permanent key, as a PDF download named `fileName`. */
  accept(from: string, to: string, options: { etag: string; fileName: string }): Promise<void>;
  /** Removes an object (the quarantined copy once accepted). Missing objects are fine. */
  discard(key: string): Promise<void>;
  /** Local runtime only: stores the bytes the browser sent to the local upload route. */
  receive?(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * A link that downloads the accepted object `key` for `expiresInSeconds` (at most DOWNLOAD_LINK_SECONDS), served
   * as `Content-Disposition: attachment` named `fileName` and `Content-Type: application/pdf`. In AWS a presigned
   * S3 GET; locally a signed link to the local download route.
   */
  downloadUrl(key: string, options: { fileName: string; expiresInSeconds: number; now: Date }): Promise<string>;
  /**
   * Local runtime only: the file behind a link of `downloadUrl` when its signature is valid and it has not expired
   * at `now`; undefined otherwise (the route answers 404, whatever went wrong).
   */
  download?(
    attachmentId: string,
    query: Record<string, string | undefined>,
    now: Date,
  ): Promise<{ fileName: string; bytes: Uint8Array } | undefined>;
}

/** How long a staff download link is valid: short, as it works for whoever holds it. */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;
