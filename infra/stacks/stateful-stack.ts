import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { cdkTableDefinition } from '../table-definition.ts';

export type StatefulStackProps = StackProps & { config: StageConfig };

/**
 * Everything that holds data and must outlive a redeploy: the single DynamoDB table. Stateless resources live in
 * StatelessStack and receive the table through typed props, so that stack can be destroyed and recreated freely.
 */
export class StatefulStack extends Stack {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const definition = cdkTableDefinition();

    const table = new Table(this, 'Table', {
      ...definition.keys,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.globalSecondaryIndexes) table.addGlobalSecondaryIndex(index);
    this.table = table;
  }
}
