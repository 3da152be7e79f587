/**
 * The single DynamoDB table, declared once. CDK (infra/), the repositories (functions/) and the local/test table
 * creator (local/) all build the table from this object; tests/infra checks that they agree.
 * The access patterns behind each index are in docs/data-model.md.
 */
export const TABLE = {
  /** Logical name; the deployed name comes from CDK, the local one from KONSULTO_TABLE. */
  baseName: 'konsulto',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items (rate-limit windows, idempotency records). */
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Every key attribute of the table and its indexes; all are strings. */
export function keyAttributeNames(): string[] {
  return [TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
}
