import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { createDynamoHealthProbe } from '../repositories/health-probe.ts';
import { createHealthHandler } from './health.ts';

/** Lambda entry of the health function: production wiring only; the behaviour is in health.ts. */
export const handler = createHealthHandler({
  probe: createDynamoHealthProbe(createDocumentClient(), requiredEnv('TABLE_NAME')),
});
