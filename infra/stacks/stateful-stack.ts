import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { QUARANTINE_PREFIX, UNATTACHED_UPLOAD_SECONDS } from '#shared/proposals.ts';
import { EXPORTS_PREFIX, SUMMARY_JOB_RETENTION_DAYS } from '#shared/schemas/summary-job.ts';
import { exportsBucketName, type StageConfig, uploadsBucketName } from '../config.ts';
import { StaffUserPool } from '../constructs/staff-identity.ts';
import { cdkTableDefinition } from '../table-definition.ts';

export type StatefulStackProps = StackProps & {
  config: StageConfig;
  /** Prefix of the staff hosted-login domain; defaults to konsulto-<stage>-<account>. */
  authDomainPrefix?: string;
};

/**
 * Everything that holds data and must outlive a redeploy: the single DynamoDB table, the cookie secret and the bucket
 * of the files NGOs attach to their proposals. Stateless resources live in
 * StatelessStack and receive the table through typed props, so that stack can be destroyed and recreated freely.
 */
export class StatefulStack extends Stack {
  readonly table: ITable;
  /** Signs participant cookies and keys IP hashes; losing it would give every participant a new identity. */
  readonly cookieSecret: ISecret;
  /** Proposal attachments: quarantine/ (browser uploads, expire after a day) and attachments/ (checked PDF files). */
  readonly uploadsBucket: IBucket;
  /** The summary jobs' files (exports/<jobId>/…), downloaded by staff through presigned GETs; expire in a few days. */
  readonly exportsBucket: IBucket;
  /** The staff directory (moderators, drafters, admins) and its hosted login domain. */
  readonly staff: StaffUserPool;

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

    const uploads = new Bucket(this, 'UploadsBucket', {
      bucketName: uploadsBucketName(props.config.stage, this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-quarantine',
          prefix: QUARANTINE_PREFIX,
          // An upload a proposal did not keep within a day is removed, checked or not.
          expiration: Duration.seconds(UNATTACHED_UPLOAD_SECONDS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Browsers POST the file straight to S3 (presigned POST). The signed policy is the authorisation; CORS only
      // lets the page read the answer, so any origin may, and only POST is allowed.
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: ['*'], maxAge: 3600 }],
    });
    Validations.of(uploads).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would record the IP address of every organisation uploading a file, which PRODUCT.md forbids logging; the bucket is private: only the proposals function can sign uploads, and only it and the staff function (short-lived download links of checked files) can read objects.',
    });
    this.uploadsBucket = uploads;

    const exportsBucket = new Bucket(this, 'ExportsBucket', {
      bucketName: exportsBucketName(props.config.stage, this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-exports',
          prefix: EXPORTS_PREFIX,
          // Summary files are regenerated on demand: kept as long as their job item (its TTL), then removed.
          expiration: Duration.days(SUMMARY_JOB_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(exportsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would record the IP address of every staff download; the bucket is private: only the summary job writes exports/, and only the staff function signs short-lived GETs of them.',
    });
    this.exportsBucket = exportsBucket;

    this.staff = new StaffUserPool(this, 'Staff', {
      domainPrefix: props.authDomainPrefix ?? `konsulto-${props.config.stage}-${this.account}`,
    });
  }
}
