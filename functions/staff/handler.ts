import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { cookieSecret } from '../commons/secrets.ts';
import { downloadStoreFromEnv } from '../storage/download-store-from-env.ts';
import { exportLinksFromEnv } from '../storage/export-links-from-env.ts';
import { jobLauncherFromEnv } from '../summary-job/launcher-from-env.ts';
import { createStaffFunction } from './actions.ts';
import { authSettingsFromEnv } from './auth-config.ts';

/** Lambda entry of the staff function (moderation, proposals, responses, meetings, audit, summary jobs): wiring only. */
export const handler = createStaffFunction({
  catalog,
  client: createDocumentClient(),
  tableName: requiredEnv('TABLE_NAME'),
  clock: () => new Date(),
  cookieSecret,
  auth: authSettingsFromEnv(),
  attachments: downloadStoreFromEnv(),
  summaries: { exports: exportLinksFromEnv(), launch: jobLauncherFromEnv() },
});
