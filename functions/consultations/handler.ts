import { createDocumentClient, requiredEnv } from '../commons/aws.ts';
import { catalog } from '../commons/catalog.ts';
import { createDynamoTallyReader } from '../repositories/tally-reader.ts';
import { createPublicReadHandler } from './public-read.ts';

/** Lambda entry of the public-read function: production wiring only; the behaviour is in public-read.ts. */
export const handler = createPublicReadHandler({
  catalog,
  tallies: createDynamoTallyReader(createDocumentClient(), requiredEnv('TABLE_NAME')),
  clock: () => new Date(),
});
