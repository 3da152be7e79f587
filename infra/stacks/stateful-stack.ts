import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { cdkTableDefinition } from '../table-definition.ts';

export type StatefulStackProps = StackProps & { config: StageConfig };

/**
 * Everything that holds data and must outlive a redeploy: the single DynamoDB table and the cookie secret. Stateless resources live in
 * StatelessStack and receive the table through typed props, so that stack can be destroyed and recreated freely.
 */
export class StatefulStack extends Stack {
  readonly table: ITable;
  /** Signs participant cookies and keys IP hashes; losing it would give every participant a new identity. */
  readonly cookieSecret: ISecret;

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

    this.cookieSecret = new Secret(this, 'CookieSecret', {
      description: 'Konsulto: signs participant cookies and keys IP hashes',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.cookieSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the cookie-signing secret would silently give every participant a new identity (their votes could no longer be changed); it is rotated by hand only if it leaks.',
    });
  }
}
