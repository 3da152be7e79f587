import path from 'node:path';
import { type Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
// cdk-nag's own naming of a policy resource in IAM5 finding ids (not re-exported from the package root).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';
import { ACCEPTED_PREFIX, QUARANTINE_PREFIX } from '#shared/proposals.ts';
import { EXPORTS_PREFIX } from '#shared/schemas/summary-job.ts';
import { TABLE } from '#shared/table.ts';
import { BUNDLE_ALIAS_ARGS, ESM_REQUIRE_BANNER, LAMBDA_TARGET } from '../../scripts/bundle-settings.ts';
import { REPO_ROOT } from '../paths.ts';

/**
 * What a function may do on the table. Transactions need no action of their own: TransactWriteItems is authorised
 * by the PutItem/UpdateItem/DeleteItem/ConditionCheckItem of its parts, TransactGetItems by GetItem.
 * - `health`: one GetItem on a fixed key of the base table (no index access).
 * - `read`: point reads and queries on the table and its indexes. Never Scan.
 * - `read-write`: `read` plus single-item writes and condition checks on the base table.
 * - `staff`: `read-write` without DeleteItem: staff actions change and append (the audit log) but never delete.
 * - `summary-job`: reads the whole table (Scan, the item count by DescribeTable, GetItem of its job) and updates only
 *   summary-job items (UpdateItem conditioned on partition keys `SUMMARY_JOB#…`, statement `OwnJobItems`).
 */
export type TableAccess = 'health' | 'read' | 'read-write' | 'staff' | 'summary-job';

/** The partition keys the summary job may update (shared/keys.ts, keys.summaryJob). */
export const SUMMARY_JOB_KEYS = 'SUMMARY_JOB#*';

const TABLE_ACTIONS: Record<TableAccess, { table: string[]; indexes: string[] }> = {
  health: { table: ['dynamodb:GetItem'], indexes: [] },
  read: {
    table: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
    indexes: ['dynamodb:Query'],
  },
  'read-write': {
    table: [
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ],
    indexes: ['dynamodb:Query'],
  },
  staff: {
    table: [
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ],
    indexes: ['dynamodb:Query'],
  },
  'summary-job': { table: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Scan'], indexes: [] },
};

/** The table actions each access level grants (exported for tests and docs). */
export function tableActions(access: TableAccess): { table: readonly string[]; indexes: readonly string[] } {
  return TABLE_ACTIONS[access];
}

/**
 * NodejsFunction's view of scripts/bundle-settings.ts (`npm run build:functions`), so what the benchmarks measure
 * is what is deployed; tests/infra checks that the two agree. Bundled by the local esbuild, never in Docker.
 */
export const API_FUNCTION_BUNDLING = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: LAMBDA_TARGET,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Nothing external: the AWS SDK v3 is bundled (and tree-shaken) rather than taken from the runtime.
  externalModules: [],
  esbuildArgs: { '--legal-comments': 'none', '--alias': [...BUNDLE_ALIAS_ARGS] },
} as const satisfies BundlingOptions;

export type ApiFunctionProps = {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  table: ITable;
  tableAccess: TableAccess;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** The cookie secret, for functions that identify participants: read access and its ARN in the environment. */
  cookieSecret?: ISecret;
  /**
   * The proposals' uploads bucket: its name in the environment and exactly the object access UPLOADS_ACTIONS gives
   * `access` (`submit`: the proposals function; `download`: the staff function's download links).
   */
  uploads?: { bucket: IBucket; access: UploadsAccess };
  /**
   * The summary exports bucket: its name in the environment and exactly EXPORTS_ACTIONS[access] on exports/ (`write`:
   * the summary job; `download`: the staff function's download links).
   */
  exports?: { bucket: IBucket; access: ExportsAccess };
  /** A function this one invokes asynchronously (the staff function starts the summary job): InvokeFunction on it. */
  invokes?: IFunction;
  /** Further environment variables (e.g. the staff sign-in settings of the staff function). */
  environment?: Record<string, string>;
  /**
   * The secret CloudFront sends on every API request (functions/commons/origin-secret.ts): read access and its ARN in
   * the environment. Every API function refuses requests without it.
   */
  originSecret?: ISecret;
  /** Reserved concurrency (a cap and a guarantee); none when undefined. */
  reservedConcurrentExecutions?: number;
};

export type ExportsAccess = 'write' | 'download';

/** What a function may do in the exports bucket: one statement on exports/*, never list, never delete. */
export const EXPORTS_ACTIONS: Record<ExportsAccess, { sid: string; actions: readonly string[]; reason: string }> = {
  write: {
    sid: 'ExportsWrite',
    actions: ['s3:PutObject'],
    reason:
      'The summary job writes exports/<job ULID>/<file>, keys decided per job: PutObject on the exports prefix only (no read, no delete, no list).',
  },
  download: {
    sid: 'ExportsDownload',
    actions: ['s3:GetObject'],
    reason:
      'Staff download links are presigned GETs of exports/<job ULID>/<file>, decided at request time: GetObject on the exports prefix only (no write, no delete, no list).',
  },
};

export type UploadsAccess = 'submit' | 'download';

/**
 * What a function may do in the uploads bucket, by key prefix (each prefix one statement, with its Sid).
 * - `submit` (the proposals function): browsers upload into quarantine/ with a presigned POST signed by this role
 *   (PutObject); the function reads the first bytes there (GetObject), copies the checked file to attachments/
 *   (GetObject on the source, PutObject on the copy) and removes the quarantined object (DeleteObject). It can
 *   neither list the bucket nor read, change or delete a kept file.
 * - `download` (the staff function): signs short-lived GETs of kept files (a presigned URL acts with the signer's
 *   permissions), so GetObject on attachments/ and nothing else: no quarantine, no write, no delete, no list.
 */
export const UPLOADS_ACTIONS: Record<
  UploadsAccess,
  readonly { sid: string; prefix: string; actions: readonly string[] }[]
> = {
  submit: [
    {
      sid: 'UploadsQuarantine',
      prefix: QUARANTINE_PREFIX,
      actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
    },
    { sid: 'UploadsAccepted', prefix: ACCEPTED_PREFIX, actions: ['s3:PutObject'] },
  ],
  download: [{ sid: 'UploadsDownload', prefix: ACCEPTED_PREFIX, actions: ['s3:GetObject'] }],
};

/** Why each prefix grant is a wildcard (cdk-nag AwsSolutions-IAM5), by access and prefix. */
const UPLOADS_WILDCARD_REASONS: Record<UploadsAccess, Record<string, string>> = {
  submit: {
    [QUARANTINE_PREFIX]:
      'Object keys are generated per upload (quarantine/<ULID>), so the grant is the quarantine prefix: the narrowest resource that admits them.',
    [ACCEPTED_PREFIX]:
      'Checked files are copied to attachments/<ULID>.pdf, one key per file: PutObject on that prefix only (no read, no delete).',
  },
  download: {
    [ACCEPTED_PREFIX]:
      'Staff download links are presigned GETs of attachments/<ULID>.pdf, one key per file decided at request time: GetObject on that prefix only (no write, no delete, no quarantine).',
  },
};

/**
 * The one way to create an API Lambda: Node.js 24 on arm64, an ESM bundle built by the local esbuild with the same
 * settings as `npm run build:functions` (AWS SDK v3 bundled, minified, source maps), its own log group, and a role
 * holding only what this function needs: writing to its log group and `tableAccess` on the table.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    const actions = TABLE_ACTIONS[props.tableAccess];
    const statements = [
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
      new PolicyStatement({
        sid: 'Table',
        effect: Effect.ALLOW,
        actions: actions.table,
        resources: [props.table.tableArn],
      }),
    ];
    if (actions.indexes.length > 0) {
      statements.push(
        new PolicyStatement({
          sid: 'TableIndexes',
          effect: Effect.ALLOW,
          actions: actions.indexes,
          // Named indexes rather than `index/*`: no wildcard, and a new index needs a deliberate grant.
          resources: TABLE.indexes.map((index) => `${props.table.tableArn}/index/${index.name}`),
        }),
      );
    }

    if (props.tableAccess === 'summary-job') {
      statements.push(
        new PolicyStatement({
          sid: 'OwnJobItems',
          effect: Effect.ALLOW,
          actions: ['dynamodb:UpdateItem'],
          resources: [props.table.tableArn],
          // Only the job items: progress, done, failed. Every other item of the table is read-only to the job.
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [SUMMARY_JOB_KEYS] } },
        }),
      );
    }

    if (props.cookieSecret) {
      statements.push(
        new PolicyStatement({
          sid: 'CookieSecret',
          effect: Effect.ALLOW,
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.cookieSecret.secretArn],
        }),
      );
    }

    if (props.originSecret) {
      statements.push(
        new PolicyStatement({
          sid: 'OriginSecret',
          effect: Effect.ALLOW,
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.originSecret.secretArn],
        }),
      );
    }

    const uploads = props.uploads;
    if (uploads) {
      for (const { sid, prefix, actions: s3Actions } of UPLOADS_ACTIONS[uploads.access]) {
        statements.push(
          new PolicyStatement({
            sid,
            effect: Effect.ALLOW,
            actions: [...s3Actions],
            resources: [uploads.bucket.arnForObjects(`${prefix}*`)],
          }),
        );
      }
    }

    const exportsGrant = props.exports;
    if (exportsGrant) {
      const { sid, actions: s3Actions } = EXPORTS_ACTIONS[exportsGrant.access];
      statements.push(
        new PolicyStatement({
          sid,
          effect: Effect.ALLOW,
          actions: [...s3Actions],
          resources: [exportsGrant.bucket.arnForObjects(`${EXPORTS_PREFIX}*`)],
        }),
      );
    }

    if (props.invokes) {
      statements.push(
        new PolicyStatement({
          sid: 'InvokeSummaryJob',
          effect: Effect.ALLOW,
          actions: ['lambda:InvokeFunction'],
          resources: [props.invokes.functionArn],
        }),
      );
    }

    // A role of our own instead of the default one, which would attach the AWS-managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group of the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (${props.tableAccess} access to the table)`,
      inlinePolicies: { Access: new PolicyDocument({ statements }) },
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        TABLE_NAME: props.table.tableName,
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.cookieSecret ? { KONSULTO_COOKIE_SECRET_ARN: props.cookieSecret.secretArn } : {}),
        ...(uploads ? { KONSULTO_UPLOADS_BUCKET: uploads.bucket.bucketName } : {}),
        ...(props.originSecret ? { KONSULTO_ORIGIN_SECRET_ARN: props.originSecret.secretArn } : {}),
        ...(exportsGrant ? { KONSULTO_EXPORTS_BUCKET: exportsGrant.bucket.bucketName } : {}),
        ...(props.invokes ? { KONSULTO_SUMMARY_JOB_FUNCTION: props.invokes.functionName } : {}),
        ...props.environment,
      },
      bundling: { ...API_FUNCTION_BUNDLING, mainFields: [...API_FUNCTION_BUNDLING.mainFields], externalModules: [] },
    });

    // Findings are named the way cdk-nag names them, from the resolved ARNs, so they hold in every environment.
    const finding = (arn: string) => flattenCfnReference(Stack.of(this).resolve(arn));
    if (exportsGrant) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${finding(exportsGrant.bucket.arnForObjects(`${EXPORTS_PREFIX}*`))}]`,
        reason: EXPORTS_ACTIONS[exportsGrant.access].reason,
      });
    }
    if (uploads) {
      for (const { prefix } of UPLOADS_ACTIONS[uploads.access]) {
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${finding(uploads.bucket.arnForObjects(`${prefix}*`))}]`,
          reason: UPLOADS_WILDCARD_REASONS[uploads.access][prefix] as string,
        });
      }
    }
  }
}
