import * as z from 'zod';
import {
  commentPageSchema,
  commitmentTallySchema,
  consultationDetailSchema,
  consultationListSchema,
  healthSchema,
  meSchema,
  pendingCommentSchema,
  problemSchema,
  publicCommentSchema,
  reactionResultSchema,
  reportResultSchema,
  threadQuerySchema,
  voteResultSchema,
} from '#shared/schemas/api.ts';
import { slugSchema, ulidSchema } from '#shared/schemas/common.ts';
import { participantProfileSchema } from '#shared/schemas/participant.ts';
import {
  commentInputSchema,
  commentReactionInputSchema,
  commitmentVoteInputSchema,
  reportInputSchema,
} from '#shared/schemas/participation.ts';
import {
  attachmentUploadInputSchema,
  PDF_CONTENT_TYPE,
  proposalCreatedSchema,
  proposalInputSchema,
  proposalPageQuerySchema,
  proposalPageSchema,
  proposalReceiptSchema,
  uploadFormSchema,
  uploadReceivedSchema,
} from '#shared/schemas/proposal.ts';
import { responseInputSchema } from '#shared/schemas/response.ts';
import {
  attachmentDownloadSchema,
  auditPageSchema,
  auditQuerySchema,
  authConfigSchema,
  bulkModerationInputSchema,
  bulkModerationResultSchema,
  meetingInputSchema,
  meetingListSchema,
  meetingRecordSchema,
  moderationInputSchema,
  moderationQueuePageSchema,
  moderationQueueQuerySchema,
  moderationResultSchema,
  progressSchema,
  proposalModerationInputSchema,
  proposalModerationResultSchema,
  publishResultSchema,
  responseListQuerySchema,
  responseListSchema,
  responseReportQuerySchema,
  responseReportSchema,
  staffMeSchema,
  staffProposalPageSchema,
  staffProposalQuerySchema,
  staffResponseSchema,
  unansweredPageSchema,
  unansweredQuerySchema,
} from '#shared/schemas/staff.ts';
import {
  exportFileNameSchema,
  exportLinkSchema,
  summaryJobInputSchema,
  summaryJobListSchema,
  summaryJobSchema,
} from '#shared/schemas/summary-job.ts';
import { summarySchema } from '#shared/summary/schema.ts';
import { ROUTES } from './routes.ts';

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the handlers use.
 * Every route in ROUTES has exactly one operation here (checked by tests/unit/openapi.test.ts).
 */
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'public' | 'participation' | 'proposals' | 'operations' | 'staff';
  pathParameters?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  requestBody?: z.ZodType;
  /** A raw (non-JSON) request body of this media type, e.g. a file upload. */
  binaryBody?: string;
  /** Writes authenticated by the participant cookie: same-origin, JSON, rate-limited. */
  participantWrite?: true;
  /** Staff routes: a Cognito access token (Bearer) of one of the route's groups. */
  staff?: true;
  /** `binary`: a raw (non-JSON) response body of this media type, e.g. a file download. */
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: true; binary?: string }>;
};

const COMMITMENT_ID = { commitmentId: slugSchema };
const RECEIPT_NOT_FOUND = {
  description: 'No proposal has this receipt token (malformed, unknown or wrong: always the same answer)',
  problem: true,
} as const;
const COMMENT_ID = { commentId: ulidSchema };
const NOT_FOUND = { description: 'Unknown commitment or comment', problem: true } as const;
const INVALID = {
  description: 'Invalid input: each invalid field named, in Albanian and English',
  problem: true,
} as const;
const WRITE_ERRORS = {
  400: INVALID,
  403: { description: 'Cross-origin write refused (Origin header missing or foreign)', problem: true },
  404: NOT_FOUND,
  409: { description: 'The consultation is not open (not yet, or closed)', problem: true },
  413: { description: 'Body too large', problem: true },
  415: { description: 'Body is not application/json', problem: true },
  429: { description: 'Too many writes; see Retry-After', problem: true },
} as const;

const STAFF_ERRORS = {
  401: {
    description: 'No valid staff access token (missing, expired, forged, another audience, an ID token)',
    problem: true,
  },
  403: { description: 'The staff member is in none of the groups this route requires', problem: true },
} as const;

export const OPERATIONS: Record<string, Operation> = {
  'GET /api/health': {
    operationId: 'getHealth',
    summary: 'Whether the API and its table answer',
    tag: 'operations',
    responses: {
      200: { description: 'Healthy', schema: healthSchema },
      503: { description: 'The table does not answer', schema: healthSchema },
    },
  },
  'GET /api/openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tag: 'operations',
    responses: { 308: { description: 'Redirects to /openapi.json, this document as a static file of the site' } },
  },
  'GET /api/consultations': {
    operationId: 'listConsultations',
    summary: 'Published consultations, open ones first',
    tag: 'public',
    responses: { 200: { description: 'The consultations', schema: consultationListSchema } },
  },
  'GET /api/commitments/{commitmentId}/tally': {
    operationId: 'getCommitmentTally',
    summary: "A commitment's live vote and comment counts",
    tag: 'public',
    pathParameters: COMMITMENT_ID,
    responses: { 200: { description: 'The tally', schema: commitmentTallySchema }, 404: NOT_FOUND },
  },
  'GET /api/commitments/{commitmentId}/comments': {
    operationId: 'listComments',
    summary: 'Top-level published comments, newest or most agreed first, optionally one section; cursor pagination',
    tag: 'public',
    pathParameters: COMMITMENT_ID,
    query: threadQuerySchema,
    responses: {
      200: { description: 'One page of comments', schema: commentPageSchema },
      400: INVALID,
      404: NOT_FOUND,
    },
  },
  'GET /api/comments/{commentId}/replies': {
    operationId: 'listReplies',
    summary: 'Published replies of a comment, oldest first; cursor pagination',
    tag: 'public',
    pathParameters: COMMENT_ID,
    query: threadQuerySchema.pick({ cursor: true, limit: true }),
    responses: { 200: { description: 'One page of replies', schema: commentPageSchema }, 400: INVALID, 404: NOT_FOUND },
  },
  'POST /api/commitments/{commitmentId}/comments': {
    operationId: 'createComment',
    summary: 'Comment on a commitment, optionally on one section, or reply to a comment (parentId)',
    description:
      'Send an Idempotency-Key header to make retries safe: a retried request has one effect and the same answer.',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    requestBody: commentInputSchema,
    participantWrite: true,
    responses: {
      201: { description: 'Published (post-moderation)', schema: publicCommentSchema },
      202: { description: 'Accepted, awaiting pre-moderation', schema: pendingCommentSchema },
      ...WRITE_ERRORS,
    },
  },
  'DELETE /api/comments/{commentId}': {
    operationId: 'deleteOwnComment',
    summary: 'Delete your own comment: its text is removed, its replies stay',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    participantWrite: true,
    responses: { 200: { description: 'Deleted', schema: publicCommentSchema }, ...WRITE_ERRORS },
  },
  'PUT /api/commitments/{commitmentId}/vote': {
    operationId: 'castVote',
    summary: 'Vote support, oppose or neutral; one vote per participant, changeable',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    requestBody: commitmentVoteInputSchema,
    participantWrite: true,
    responses: { 200: { description: 'The stored vote', schema: voteResultSchema }, ...WRITE_ERRORS },
  },
  'DELETE /api/commitments/{commitmentId}/vote': {
    operationId: 'withdrawVote',
    summary: 'Withdraw your vote',
    tag: 'participation',
    pathParameters: COMMITMENT_ID,
    participantWrite: true,
    responses: { 200: { description: 'Withdrawn (choice is null)', schema: voteResultSchema }, ...WRITE_ERRORS },
  },
  'PUT /api/comments/{commentId}/reaction': {
    operationId: 'reactToComment',
    summary: 'Agree, disagree or pass on a comment; one reaction per participant, changeable',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    requestBody: commentReactionInputSchema,
    participantWrite: true,
    responses: {
      200: { description: 'The reaction and the fresh counts', schema: reactionResultSchema },
      ...WRITE_ERRORS,
    },
  },
  'POST /api/comments/{commentId}/reports': {
    operationId: 'reportComment',
    summary: 'Report a comment; after 3 distinct reporters it is hidden pending review',
    tag: 'participation',
    pathParameters: COMMENT_ID,
    requestBody: reportInputSchema,
    participantWrite: true,
    responses: { 202: { description: 'Report received', schema: reportResultSchema }, ...WRITE_ERRORS },
  },
  'GET /api/me': {
    operationId: 'getMe',
    summary: 'Your profile, votes and reactions (from the participant cookie)',
    tag: 'participation',
    responses: { 200: { description: 'Your data (empty for a new participant)', schema: meSchema } },
  },
  'PUT /api/me/profile': {
    operationId: 'setProfile',
    summary: 'Set or clear your optional profile (display name, stakeholder type, municipality, age band)',
    tag: 'participation',
    requestBody: participantProfileSchema,
    participantWrite: true,
    responses: { 200: { description: 'The stored profile', schema: participantProfileSchema }, ...WRITE_ERRORS },
  },
  'DELETE /api/me': {
    operationId: 'eraseMe',
    summary: 'Erase yourself: profile removed, contributions pseudonymised, votes kept only as anonymous counts',
    tag: 'participation',
    participantWrite: true,
    responses: {
      200: { description: 'Erased; the cookie is cleared' },
      403: WRITE_ERRORS[403],
      429: WRITE_ERRORS[429],
    },
  },
  'POST /api/proposals': {
    operationId: 'submitProposal',
    summary: 'Submit an NGO proposal (new commitment or amendment) on the OGP commitment template, with its PDF files',
    description:
      "Answers with the id and a private receipt link, the only way to follow the proposal: keep it. The link is the site's receipt page with the token after `#` (`/deftese/#<token>`, or `/en/receipt/#<token>` with `?lang=en` or an English Accept-Language); the page reads it through GET /api/proposals/receipt/{token}. The contact, the registration number and (unless attachmentsPublic) the files are never public. Files are uploaded first (POST /api/proposals/attachments) and checked here: PDF by content, at most 10 MB each, at most 5. New proposals wait for a moderator before they are listed. Send an Idempotency-Key header to make retries safe.",
    tag: 'proposals',
    requestBody: proposalInputSchema,
    participantWrite: true,
    responses: {
      201: { description: 'Received: the id and the private receipt link', schema: proposalCreatedSchema },
      ...WRITE_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
      409: { description: 'The consultation is not open, or a file changed while it was checked', problem: true },
    },
  },
  'GET /api/proposals/receipt/{token}': {
    operationId: 'getProposalReceipt',
    summary: 'The private receipt: the proposal as submitted, its status and, once given, the drafters’ response',
    tag: 'proposals',
    pathParameters: { token: z.string().max(100) },
    responses: {
      200: { description: 'The receipt (never cached)', schema: proposalReceiptSchema },
      404: RECEIPT_NOT_FOUND,
    },
  },
  'POST /api/proposals/attachments': {
    operationId: 'requestAttachmentUpload',
    summary: 'Ask where to upload one PDF file (at most 10 MB) for a proposal',
    description:
      'In AWS the answer is a presigned S3 POST (upload.method POST: send upload.fields, then the file as `file`, as multipart/form-data, to upload.url) into quarantine; locally a PUT of the raw file to the local upload route. Either way the file is checked when the proposal is submitted with its attachmentId.',
    tag: 'proposals',
    requestBody: attachmentUploadInputSchema,
    participantWrite: true,
    responses: {
      201: { description: 'The upload form, valid for 15 minutes', schema: uploadFormSchema },
      400: INVALID,
      403: WRITE_ERRORS[403],
      413: WRITE_ERRORS[413],
      415: WRITE_ERRORS[415],
      429: WRITE_ERRORS[429],
    },
  },
  'PUT /api/proposals/attachments/{attachmentId}': {
    operationId: 'uploadAttachmentLocally',
    summary: 'Local runtime only (not deployed): receives the file an upload form points to, as S3 would',
    tag: 'proposals',
    pathParameters: { attachmentId: ulidSchema },
    binaryBody: PDF_CONTENT_TYPE,
    participantWrite: true,
    responses: {
      200: { description: 'Stored in quarantine until the proposal is submitted', schema: uploadReceivedSchema },
      400: { description: 'Empty file, or the upload form expired', problem: true },
      403: WRITE_ERRORS[403],
      404: { description: 'No upload form of yours has this id', problem: true },
      413: { description: 'The file is larger than 10 MB', problem: true },
      429: WRITE_ERRORS[429],
    },
  },
  'GET /api/consultations/{consultationId}/proposals': {
    operationId: 'listProposals',
    summary: 'Approved proposals of a consultation, newest first, public fields only; cursor pagination',
    tag: 'public',
    pathParameters: { consultationId: slugSchema },
    query: proposalPageQuerySchema,
    responses: {
      200: { description: 'One page of proposals', schema: proposalPageSchema },
      400: INVALID,
      404: { description: 'No published consultation has this id', problem: true },
    },
  },
  'GET /api/consultations/{consultationId}/response-report': {
    operationId: 'getResponseReport',
    summary:
      'The published response report: each answered contribution (text, never author data) with its disposition and justification, grouped by commitment',
    description:
      'Law 146/2014 and OGP Standard 4. Available once drafters published it after the consultation closed (404 before). Contributions that are not public (hidden or deleted comments, proposals not approved for listing) appear without their text. Input gathered at in-person meetings has origin `meeting`.',
    tag: 'public',
    pathParameters: { consultationId: slugSchema },
    query: responseReportQuerySchema,
    responses: {
      200: { description: 'One page of the report', schema: responseReportSchema },
      400: INVALID,
      404: { description: 'Unknown consultation, or its report is not published yet', problem: true },
    },
  },
  'GET /api/auth/config': {
    operationId: 'getStaffSignInConfig',
    summary:
      'Where the staff console signs in: Cognito hosted login (authorization code with PKCE), or the local sign-in of `npm start`',
    tag: 'staff',
    responses: {
      200: { description: 'The sign-in settings', schema: authConfigSchema },
      503: { description: 'No staff sign-in is configured', problem: true },
    },
  },
  'GET /api/admin/me': {
    operationId: 'getStaffMe',
    summary: 'The signed-in staff member: username and groups',
    tag: 'staff',
    staff: true,
    responses: { 200: { description: 'Who you are', schema: staffMeSchema }, ...STAFF_ERRORS },
  },
  'GET /api/admin/consultations/{consultationId}/moderation': {
    operationId: 'getModerationQueue',
    summary:
      'The moderation queue (pending, reported or hidden), oldest first: text, context and report reasons, never the author or reporters',
    description:
      'Filtering by commitment or report reason may give pages with fewer items than `limit`; follow `nextCursor`.',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    query: moderationQueueQuerySchema,
    responses: {
      200: { description: 'One page of the queue', schema: moderationQueuePageSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'POST /api/admin/comments/{commentId}/moderation': {
    operationId: 'moderateComment',
    summary: 'Approve, hide (with a reason from the list) or restore a comment; recorded in the audit log',
    description:
      'One transaction: the comment (conditioned on its version), its public index entries, the commitment comment count, the parent reply count and the audit entry. A request carrying the participant cookie of the comment author is refused (403).',
    tag: 'staff',
    staff: true,
    pathParameters: COMMENT_ID,
    requestBody: moderationInputSchema,
    responses: {
      200: { description: 'The new state and the audit entry id', schema: moderationResultSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown comment', problem: true },
      409: { description: 'The action does not apply to the comment in its current state', problem: true },
    },
  },
  'POST /api/admin/moderation/bulk': {
    operationId: 'moderateComments',
    summary: 'The same action on up to 50 comments, each in its own transaction with its own audit entry',
    tag: 'staff',
    staff: true,
    requestBody: bulkModerationInputSchema,
    responses: {
      200: { description: 'One outcome per comment', schema: bulkModerationResultSchema },
      400: INVALID,
      ...STAFF_ERRORS,
    },
  },
  'GET /api/admin/consultations/{consultationId}/proposals': {
    operationId: 'listStaffProposals',
    summary:
      'Proposals of a consultation by visibility (pending: the moderation queue; approved; hidden), newest first, for staff',
    description:
      'Everything the organisation sent, every attachment (download with getProposalAttachment) and the version. The contact person (name, email, phone) is included for drafters and admins only, never for moderators.',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    query: staffProposalQuerySchema,
    responses: {
      200: { description: 'One page of proposals', schema: staffProposalPageSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'POST /api/admin/proposals/{proposalId}/moderation': {
    operationId: 'moderateProposal',
    summary:
      'Approve (listed publicly), hide (with a reason from the list) or restore a proposal; recorded in the audit log',
    description:
      'approve: pending → approved; hide: pending or approved → hidden; restore: hidden → approved. One transaction: the proposal (conditioned on its version, moved to its new list) and the audit entry.',
    tag: 'staff',
    staff: true,
    pathParameters: { proposalId: ulidSchema },
    requestBody: proposalModerationInputSchema,
    responses: {
      200: { description: 'The new visibility and the audit entry id', schema: proposalModerationResultSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown proposal', problem: true },
      409: { description: 'The action does not apply to the proposal in its current state', problem: true },
    },
  },
  'GET /api/admin/proposals/{proposalId}/attachments/{attachmentId}': {
    operationId: 'getProposalAttachment',
    summary: 'A download link to one attachment of a proposal, valid 5 minutes (staff only)',
    description:
      'In AWS a presigned S3 GET of the checked file, served as `Content-Disposition: attachment` and `application/pdf`; locally a signed link to the local download route. The link works for whoever holds it until `expiresAt`: do not share it.',
    tag: 'staff',
    staff: true,
    pathParameters: { proposalId: ulidSchema, attachmentId: ulidSchema },
    responses: {
      200: { description: 'The link and when it expires', schema: attachmentDownloadSchema },
      ...STAFF_ERRORS,
      404: { description: 'No such proposal, or the file is not one of its attachments', problem: true },
    },
  },
  'GET /api/local/attachments/{attachmentId}': {
    operationId: 'downloadAttachmentLocally',
    summary: 'Local runtime only (not deployed): the file behind a download link, as a presigned S3 GET would serve it',
    tag: 'staff',
    pathParameters: { attachmentId: ulidSchema },
    query: z.strictObject({ name: z.string(), expires: z.string(), signature: z.string() }),
    responses: {
      200: { description: 'The PDF file, as a download (Content-Disposition: attachment)', binary: PDF_CONTENT_TYPE },
      404: { description: 'Invalid or expired link, or no such file', problem: true },
    },
  },
  'GET /api/admin/consultations/{consultationId}/unanswered': {
    operationId: 'listUnanswered',
    summary:
      'Contributions still without a reasoned response, by kind (comments paged; proposals and meeting input in one page)',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    query: unansweredQuerySchema,
    responses: {
      200: { description: 'Unanswered contributions', schema: unansweredPageSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'GET /api/admin/consultations/{consultationId}/responses': {
    operationId: 'listResponses',
    summary: 'Reasoned responses of a consultation, newest first',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    query: responseListQuerySchema,
    responses: {
      200: { description: 'One page of responses', schema: responseListSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'GET /api/admin/responses/{responseId}': {
    operationId: 'getResponse',
    summary: 'One reasoned response with its version (for editing)',
    tag: 'staff',
    staff: true,
    pathParameters: { responseId: ulidSchema },
    responses: {
      200: { description: 'The response', schema: staffResponseSchema },
      ...STAFF_ERRORS,
      404: { description: 'Unknown response', problem: true },
    },
  },
  'PUT /api/admin/responses/{responseId}': {
    operationId: 'saveResponse',
    summary:
      'Create (no expectedVersion; the client picks a ULID) or edit (expectedVersion) a reasoned response covering up to 45 contributions',
    description:
      'Disposition, Albanian justification (English optional), mergedInto for merged. Each covered comment or proposal keeps the response id (proposals become answered, their NGO sees the answer on the receipt page). A stale expectedVersion is 409, never a silent overwrite.',
    tag: 'staff',
    staff: true,
    pathParameters: { responseId: ulidSchema },
    requestBody: responseInputSchema,
    responses: {
      200: { description: 'Edited', schema: staffResponseSchema },
      201: { description: 'Created', schema: staffResponseSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Editing a response that does not exist', problem: true },
      409: {
        description: 'The response exists already (create) or changed since expectedVersion (edit)',
        problem: true,
      },
    },
  },
  'GET /api/admin/consultations/{consultationId}/progress': {
    operationId: 'getResponseProgress',
    summary: 'Per commitment: answered contributions by disposition, unanswered ones by kind',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'The progress', schema: progressSchema },
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'POST /api/admin/consultations/{consultationId}/response-report': {
    operationId: 'publishResponseReport',
    summary: 'Publish the response report (after the consultation closed); publishing again keeps the first date',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'Published', schema: publishResultSchema },
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
      409: { description: 'The consultation has not closed yet', problem: true },
    },
  },
  'GET /api/admin/consultations/{consultationId}/meetings': {
    operationId: 'listMeetings',
    summary: 'In-person meetings recorded in the console (the content-file meetings, like Elbasan, are not included)',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'The meetings', schema: meetingListSchema },
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'PUT /api/admin/meetings/{meetingId}': {
    operationId: 'saveMeeting',
    summary:
      'Create (no expectedVersion) or edit (expectedVersion) a meeting record and its contributions, each linked to a commitment',
    tag: 'staff',
    staff: true,
    pathParameters: { meetingId: slugSchema },
    requestBody: meetingInputSchema,
    responses: {
      200: { description: 'Edited', schema: meetingRecordSchema },
      201: { description: 'Created', schema: meetingRecordSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Editing a meeting that does not exist, or an unknown consultation', problem: true },
      409: {
        description: 'The meeting exists already (create) or changed since expectedVersion (edit)',
        problem: true,
      },
    },
  },
  'GET /api/admin/consultations/{consultationId}/audit': {
    operationId: 'getAuditLog',
    summary: 'The audit log (admins only): who did what, when and why, newest first',
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    query: auditQuerySchema,
    responses: {
      200: { description: 'One page of entries', schema: auditPageSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'POST /api/admin/consultations/{consultationId}/summary-jobs': {
    operationId: 'startSummaryJob',
    summary:
      'Start a summary job (drafters and admins): the summary files of the consultation, or the Polis export of one commitment',
    description:
      "Answers 202 at once with the queued job; the job runs in the background (an asynchronous Lambda in AWS, a background task of `npm start`). `summary`: CSV files, summary.json (schema `#/components/schemas/Summary`), the HTML report in Albanian and English and README.txt, for the `public` (open data) or `staff` audience, the staff files with the proposals' contact fields if `includeContacts`. `polis`: comments.csv and votes.csv in Polis's format. See docs/summaries.md.",
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    requestBody: summaryJobInputSchema,
    responses: {
      202: { description: 'The job, queued', schema: summaryJobSchema },
      400: INVALID,
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation, or a commitment of another consultation', problem: true },
      415: { description: 'Body is not application/json', problem: true },
    },
  },
  'GET /api/admin/consultations/{consultationId}/summary-jobs': {
    operationId: 'listSummaryJobs',
    summary: "The consultation's latest 10 summary jobs, newest first (drafters and admins)",
    tag: 'staff',
    staff: true,
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'The jobs (kept 3 days)', schema: summaryJobListSchema },
      ...STAFF_ERRORS,
      404: { description: 'Unknown consultation', problem: true },
    },
  },
  'GET /api/admin/summary-jobs/{jobId}': {
    operationId: 'getSummaryJob',
    summary: 'A summary job: status, progress (items read / total) and, once done, its files',
    description:
      "`itemsTotal` is the table's item count when the job started (an estimate in AWS while `totalIsEstimate`), exact once done. A job that has not moved for 16 minutes is reported failed.",
    tag: 'staff',
    staff: true,
    pathParameters: { jobId: ulidSchema },
    responses: {
      200: { description: 'The job', schema: summaryJobSchema },
      ...STAFF_ERRORS,
      404: { description: 'No such job (jobs are kept 3 days)', problem: true },
    },
  },
  'GET /api/admin/summary-jobs/{jobId}/files/{fileName}': {
    operationId: 'getSummaryFileLink',
    summary: 'A download link to one file of a finished job, valid 10 minutes (drafters and admins)',
    description:
      'In AWS a presigned S3 GET of the exports bucket, served as `Content-Disposition: attachment`; locally a signed link to the local download route. The link works for whoever holds it until `expiresAt`: do not share it.',
    tag: 'staff',
    staff: true,
    pathParameters: { jobId: ulidSchema, fileName: exportFileNameSchema },
    responses: {
      200: { description: 'The link and when it expires', schema: exportLinkSchema },
      ...STAFF_ERRORS,
      404: { description: 'No such job, the job is not done, or it wrote no such file', problem: true },
    },
  },
  'GET /api/local/exports/{jobId}/{fileName}': {
    operationId: 'downloadExportLocally',
    summary: 'Local runtime only (not deployed): the file behind an export link, as a presigned S3 GET would serve it',
    tag: 'staff',
    pathParameters: { jobId: ulidSchema, fileName: exportFileNameSchema },
    query: z.strictObject({ expires: z.string(), signature: z.string() }),
    responses: {
      200: {
        description: 'The file as a download (text/csv, application/json, text/html or text/plain; UTF-8)',
        binary: 'application/octet-stream',
      },
      404: { description: 'Forged, altered or expired link, or no such file', problem: true },
    },
  },
  'GET /api/consultations/{consultationId}': {
    operationId: 'getConsultation',
    summary: 'One consultation with its commitments and their live tallies',
    tag: 'public',
    pathParameters: { consultationId: slugSchema },
    responses: {
      200: { description: 'The consultation', schema: consultationDetailSchema },
      404: { description: 'No published consultation has this id', problem: true },
    },
  },
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output') {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const operation = OPERATIONS[`${route.method} ${route.path}`];
    if (!operation) throw new Error(`no OpenAPI operation for ${route.method} ${route.path}`);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const schema = response.problem
        ? PROBLEM_REF
        : response.schema
          ? jsonSchema(response.schema)
          : response.binary
            ? { type: 'string', contentMediaType: response.binary }
            : undefined;
      const mediaType = response.problem ? 'application/problem+json' : (response.binary ?? 'application/json');
      responses[status] = {
        description: response.description,
        ...(schema ? { content: { [mediaType]: { schema } } } : {}),
      };
    }
    responses['5XX'] = {
      description: 'Service unavailable (retry after the Retry-After header)',
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      parameters: [
        ...Object.entries(operation.pathParameters ?? {}).map(([name, schema]) => ({
          name,
          in: 'path',
          required: true,
          schema: jsonSchema(schema),
        })),
        ...Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        })),
        ...(operation.participantWrite
          ? [
              {
                name: 'Origin',
                in: 'header',
                required: true,
                description: "The site's own origin (CSRF defence)",
                schema: { type: 'string' },
              },
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description: 'Makes a retried write have one effect and the same answer',
                schema: { type: 'string', maxLength: 64 },
              },
            ]
          : []),
        {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'sq (default) or en: the language of problem details',
          schema: { type: 'string' },
        },
      ],
      ...(operation.requestBody
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(operation.requestBody, 'input') } },
            },
          }
        : {}),
      ...(operation.binaryBody
        ? {
            requestBody: {
              required: true,
              content: {
                [operation.binaryBody]: { schema: { type: 'string', contentMediaType: operation.binaryBody } },
              },
            },
          }
        : {}),
      ...(operation.participantWrite ? { security: [{ participantCookie: [] }, {}] } : {}),
      ...(operation.staff ? { security: [{ staffBearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Konsulto API',
      version: '0.1.0',
      description:
        'Public consultation API for the OGP National Action Plan of Albania. Errors are RFC 9457 problem documents with messages in Albanian and English.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'public', description: 'Public reads, cacheable for a few seconds' },
      {
        name: 'participation',
        description:
          'Citizen writes and own data. No account: a signed, HttpOnly participant cookie is set by the first write.',
      },
      {
        name: 'proposals',
        description:
          'Structured proposals of civil-society organisations, with PDF files and a private receipt link. Writes are participation writes (same origin, JSON, rate-limited).',
      },
      {
        name: 'staff',
        description:
          'The staff console API under /api/admin/: moderators, drafters and admins with a Cognito access token (Bearer). Each route names its groups; the audit log is for admins only.',
      },
      { name: 'operations', description: 'Health and contract' },
    ],
    paths,
    components: {
      schemas: {
        Problem: jsonSchema(problemSchema),
        // summary.json of a summary job (shared/summary/schema.ts; docs/summaries.md).
        Summary: jsonSchema(summarySchema),
      },
      securitySchemes: {
        participantCookie: { type: 'apiKey', in: 'cookie', name: 'konsulto_participant' },
        staffBearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito access token (token_use access) of the staff user pool, from the hosted login (authorization code with PKCE); locally from POST /local-auth/token.',
        },
      },
    },
  };
}
