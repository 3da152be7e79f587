/**
 * P1/P2 reference: every zod schema of shared/schemas (zod classic), without the AWS SDK: what the schemas cost in
 * bytes and in module init (building the schema objects at import).
 */
import * as api from '#shared/schemas/api.ts';
import * as catalog from '#shared/schemas/catalog.ts';
import * as commitment from '#shared/schemas/commitment.ts';
import * as common from '#shared/schemas/common.ts';
import * as consultation from '#shared/schemas/consultation.ts';
import * as meeting from '#shared/schemas/meeting.ts';
import * as participant from '#shared/schemas/participant.ts';
import * as participation from '#shared/schemas/participation.ts';
import * as proposal from '#shared/schemas/proposal.ts';
import * as response from '#shared/schemas/response.ts';
import * as staff from '#shared/schemas/staff.ts';

const modules = [
  api,
  catalog,
  commitment,
  common,
  consultation,
  meeting,
  participant,
  participation,
  proposal,
  response,
  staff,
];

export const handler = async () => ({
  statusCode: 200,
  body: JSON.stringify(modules.map((m) => Object.keys(m).length)),
});
