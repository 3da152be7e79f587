import type { Catalog } from '#shared/catalog.ts';
import { auditQuerySchema } from '#shared/schemas/staff.ts';
import { parseInput } from '#shared/validation.ts';
import { pathParameter } from '../commons/http.ts';
import type { AuditLog } from '../repositories/audit-log.ts';
import { consultationFrom } from './moderation.ts';
import type { StaffAction } from './pipeline.ts';

/** The audit log of a consultation, newest first: admins only (it names which staff member did what). */
export function auditActions({ catalog, audit }: { catalog: Catalog; audit: AuditLog }): Record<string, StaffAction> {
  return {
    'GET /api/admin/consultations/{consultationId}/audit': async (event) => {
      const consultationId = consultationFrom(catalog, pathParameter(event, 'consultationId'));
      const { limit, cursor } = parseInput(auditQuerySchema, event.queryStringParameters ?? {});
      return { body: await audit.page(consultationId, { limit, ...(cursor !== undefined ? { cursor } : {}) }) };
    },
  };
}
