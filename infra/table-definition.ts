import {
  AttributeType,
  type GlobalSecondaryIndexProps,
  ProjectionType,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { TABLE } from '#shared/table.ts';

/** The shared table definition's shape (keys, indexes, TTL), as declared in shared/table.ts. */
export type TableDefinition = {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  indexes: readonly { name: string; partitionKey: string; sortKey: string }[];
};

export type CdkTableDefinition = {
  keys: Required<Pick<TableProps, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute'>>;
  globalSecondaryIndexes: GlobalSecondaryIndexProps[];
};

/**
 * Maps the shared table definition to CDK props: every key attribute is a string and every index projects ALL,
 * so the repositories can read whole items from any index. The only place CDK learns the table's shape.
 */
export function cdkTableDefinition(definition: TableDefinition = TABLE): CdkTableDefinition {
  const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
  return {
    keys: {
      partitionKey: stringKey(definition.partitionKey),
      sortKey: stringKey(definition.sortKey),
      timeToLiveAttribute: definition.ttlAttribute,
    },
    globalSecondaryIndexes: definition.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: stringKey(index.partitionKey),
      sortKey: stringKey(index.sortKey),
      projectionType: ProjectionType.ALL,
    })),
  };
}
