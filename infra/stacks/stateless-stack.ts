import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { IUserPool, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { FUNCTION_ENTRIES, JOB_ENTRIES, ROUTES, type RouteFunction } from '#functions/routes.ts';
import {
  type CustomDomain,
  exportsBucketName,
  FUNCTION_DEFAULTS,
  pascalCase,
  type StageConfig,
  uploadsBucketName,
} from '../config.ts';
import { ApiFunction, type TableAccess, type UploadsAccess } from '../constructs/api-function.ts';
import { KonsultoHttpApi } from '../constructs/http-api.ts';
import { Operations } from '../constructs/operations.ts';
import { SiteDistribution } from '../constructs/site-distribution.ts';
import { ConsoleClient } from '../constructs/staff-identity.ts';

/** Per-function settings; a Record so a new function group in functions/routes.ts fails to compile until set. */
export const FUNCTION_SETTINGS: Record<
  RouteFunction,
  {
    description: string;
    tableAccess: TableAccess;
    memorySize: number;
    timeout: Duration;
    participants?: true;
    /** Access to the proposals' uploads bucket (infra/constructs/api-function.ts, UPLOADS_ACTIONS). */
    uploads?: UploadsAccess;
  }
> = {
  health: {
    description: 'GET /api/health: one GetItem on a fixed key',
    tableAccess: 'health',
    memorySize: 256,
    timeout: FUNCTION_DEFAULTS.timeout,
  },
  'public-read': {
    description: 'Public reads: consultations, commitments, tallies',
    tableAccess: 'read',
    memorySize: FUNCTION_DEFAULTS.memorySize,
    timeout: FUNCTION_DEFAULTS.timeout,
  },
  participation: {
    description: 'Citizen writes (comments, votes, reactions, reports) and the participant own data',
    tableAccess: 'read-write',
    memorySize: FUNCTION_DEFAULTS.memorySize,
    timeout: FUNCTION_DEFAULTS.timeout,
    participants: true,
  },
  proposals: {
    description: 'NGO proposals: submission with checked PDF files, private receipts, the public list of approved ones',
    tableAccess: 'read-write',
    memorySize: FUNCTION_DEFAULTS.memorySize,
    // Up to five server-side copies of 10 MB files on submission.
    timeout: Duration.seconds(20),
    participants: true,
    uploads: 'submit',
  },
  staff: {
    description:
      'Staff console API: moderation, proposals and their files, reasoned responses, meetings, the audit log, summary jobs',
    // Changes and appends only (no DeleteItem): the audit log is append-only.
    tableAccess: 'staff',
    memorySize: FUNCTION_DEFAULTS.memorySize,
    // A bulk moderation is up to 50 transactions in a row.
    timeout: Duration.seconds(20),
    // Reads (never sets) the participant cookie: a moderator cannot moderate what this browser wrote.
    participants: true,
    // Presigned GETs of the proposals' checked files (attachments/ only): staff download links.
    uploads: 'download',
  },
};

/**
 * The summary job (functions/summary-job/, docs/summaries.md): invoked asynchronously by the staff function. A full
 * vCPU (1,769 MB) and Lambda's longest timeout: a national-scale summary reads about a gigabyte in a few minutes
 * (P6: the function alone needs under 400 MB for 1M votes). No retry: a job runs once (a retried event would find it
 * no longer queued); a failed invocation goes to the encrypted dead-letter queue.
 */
export const SUMMARY_JOB_SETTINGS = {
  description: 'Summary job: streams a consultation through the summary, stores the files in the exports bucket',
  tableAccess: 'summary-job',
  memorySize: 1769,
  timeout: Duration.minutes(15),
  retryAttempts: 0,
  maxEventAge: Duration.hours(1),
} as const;

export type StatelessStackProps = StackProps & {
  config: StageConfig;
  table: ITable;
  cookieSecret: ISecret;
  /** Directory of the built site uploaded to the bucket. */
  siteAssetPath: string;
  customDomain?: CustomDomain;
  /** The staff user pool and its hosted login domain (stateful stack). */
  staffUserPool: IUserPool;
  staffAuthDomain: UserPoolDomain;
  /** The WAF web ACL of the distribution (edge stack, us-east-1). */
  webAclArn?: string;
  /** Subscribed to the alarm topic (context `alarmEmail`). */
  alarmEmail?: string;
  /** The origin secret version CloudFront sends (context `originSecretVersion`, docs/deploy.md). */
  originSecretVersion?: string;
};

/** Lambda functions, the HTTP API and the CloudFront site: everything that can be recreated from code. */
export class StatelessStack extends Stack {
  readonly functions: Record<RouteFunction, ApiFunction>;
  /** The summary job and the queue of its failed invocations. */
  readonly summaryJob: ApiFunction;
  readonly summaryJobFailures: Queue;
  readonly httpApi: KonsultoHttpApi;
  readonly site: SiteDistribution;
  readonly console: ConsoleClient;
  readonly operations: Operations;
  /** CloudFront sends it to the API; the functions refuse requests without it (functions/commons/origin-secret.ts). */
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    // The stateful stack's uploads bucket, by its derived name (see uploadsBucketName).
    const uploadsBucket = Bucket.fromBucketName(this, 'UploadsBucket', uploadsBucketName(config.stage, this));

    // The console's app client and the JWT authorizer of the staff routes; the client's redirect address is the site,
    // read once the distribution below exists.
    this.console = new ConsoleClient(this, 'StaffConsole', {
      userPool: props.staffUserPool,
      siteOrigin: () => `https://${props.customDomain?.domainName ?? this.site.distribution.distributionDomainName}`,
    });
    const staffEnvironment = {
      KONSULTO_AUTH_DOMAIN_URL: props.staffAuthDomain.baseUrl(),
      KONSULTO_AUTH_CLIENT_ID: this.console.client.userPoolClientId,
    };

    this.originSecret = new Secret(this, 'OriginSecret', {
      description: `Konsulto ${config.stage}: CloudFront sends it to the HTTP API, which refuses requests without it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      // Stateless: a recreated stack makes a new secret and a new distribution that sends it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value only when the distribution is deployed, so automatic rotation would lock CloudFront out of the API; it is a shared value between two services (no person signs in with it) and is changed by hand with a redeploy (docs/deploy.md).',
    });

    // The stateful stack's exports bucket, by its derived name like the uploads bucket.
    const exportsBucket = Bucket.fromBucketName(this, 'ExportsBucket', exportsBucketName(config.stage, this));
    const { retryAttempts, maxEventAge, ...jobSettings } = SUMMARY_JOB_SETTINGS;
    this.summaryJob = new ApiFunction(this, 'SummaryJobFunction', {
      entry: JOB_ENTRIES['summary-job'],
      table,
      ...jobSettings,
      exports: { bucket: exportsBucket, access: 'write' },
      logRetention: config.logRetention,
      logRemovalPolicy: config.logRemovalPolicy,
    });
    this.summaryJobFailures = new Queue(this, 'SummaryJobFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.summaryJobFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the summary job (on-failure destination of its asynchronous invocations); it has no consumer to fail, so no queue of its own behind it.',
    });
    this.summaryJob.function.configureAsyncInvoke({
      retryAttempts,
      maxEventAge,
      onFailure: new SqsDestination(this.summaryJobFailures),
    });

    this.functions = mapValues(FUNCTION_ENTRIES, (entry, name) => {
      const { participants, uploads, ...settings } = FUNCTION_SETTINGS[name];
      const reserved = config.reservedConcurrency[name];
      return new ApiFunction(this, `${pascalCase(name)}Function`, {
        entry,
        table,
        ...settings,
        originSecret: this.originSecret,
        ...(reserved === undefined ? {} : { reservedConcurrentExecutions: reserved }),
        ...(participants ? { cookieSecret: props.cookieSecret } : {}),
        ...(uploads ? { uploads: { bucket: uploadsBucket, access: uploads } } : {}),
        ...(name === 'staff'
          ? {
              environment: staffEnvironment,
              // Summary jobs: starts the job function, signs download links of its files.
              exports: { bucket: exportsBucket, access: 'download' as const },
              invokes: this.summaryJob.function,
            }
          : {}),
        logRetention: config.logRetention,
        logRemovalPolicy: config.logRemovalPolicy,
      });
    });

    this.httpApi = new KonsultoHttpApi(this, 'HttpApi', {
      routes: ROUTES,
      functions: mapValues(this.functions, (fn) => fn.function),
      staffAuthorizer: this.console.authorizer,
      throttle: config.apiThrottle,
      routeThrottles: config.routeThrottles,
      logRetention: config.logRetention,
      logRemovalPolicy: config.logRemovalPolicy,
    });

    this.site = new SiteDistribution(this, 'Site', {
      httpApi: this.httpApi.api,
      siteAssetPath: props.siteAssetPath,
      originSecret: this.originSecret,
      ...(props.originSecretVersion ? { originSecretVersion: props.originSecretVersion } : {}),
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });

    this.operations = new Operations(this, 'Operations', {
      stage: config.stage,
      thresholds: config.alarmThresholds,
      httpApi: this.httpApi.api,
      // The summary job too: a failed job is an error of its function (it rethrows after marking the job failed).
      functions: { ...mapValues(this.functions, (fn) => fn.function), 'summary-job': this.summaryJob.function },
      failureQueues: { 'summary-job': this.summaryJobFailures },
      table,
      removalPolicy: config.logRemovalPolicy,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: `https://${this.site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.api.apiEndpoint });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
  }
}

function mapValues<K extends string, V, W>(record: Record<K, V>, map: (value: V, key: K) => W): Record<K, W> {
  return Object.fromEntries(Object.entries<V>(record).map(([key, value]) => [key, map(value, key as K)])) as Record<
    K,
    W
  >;
}
