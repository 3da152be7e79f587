import { CfnOutput, type Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FUNCTION_ENTRIES, ROUTES, type RouteFunction } from '#functions/routes.ts';
import { type CustomDomain, FUNCTION_DEFAULTS, type StageConfig } from '../config.ts';
import { ApiFunction, type TableAccess } from '../constructs/api-function.ts';
import { KonsultoHttpApi } from '../constructs/http-api.ts';
import { SiteDistribution } from '../constructs/site-distribution.ts';

/** Per-function settings; a Record so a new function group in functions/routes.ts fails to compile until set. */
export const FUNCTION_SETTINGS: Record<
  RouteFunction,
  { description: string; tableAccess: TableAccess; memorySize: number; timeout: Duration; participants?: true }
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
};

export type StatelessStackProps = StackProps & {
  config: StageConfig;
  table: ITable;
  cookieSecret: ISecret;
  /** Directory of the built site uploaded to the bucket. */
  siteAssetPath: string;
  customDomain?: CustomDomain;
};

/** Lambda functions, the HTTP API and the CloudFront site: everything that can be recreated from code. */
export class StatelessStack extends Stack {
  readonly functions: Record<RouteFunction, ApiFunction>;
  readonly httpApi: KonsultoHttpApi;
  readonly site: SiteDistribution;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    this.functions = mapValues(FUNCTION_ENTRIES, (entry, name) => {
      const { participants, ...settings } = FUNCTION_SETTINGS[name];
      return new ApiFunction(this, `${pascalCase(name)}Function`, {
        entry,
        table,
        ...settings,
        ...(participants ? { cookieSecret: props.cookieSecret } : {}),
        logRetention: config.logRetention,
        logRemovalPolicy: config.logRemovalPolicy,
      });
    });

    this.httpApi = new KonsultoHttpApi(this, 'HttpApi', {
      routes: ROUTES,
      functions: mapValues(this.functions, (fn) => fn.function),
      throttle: config.apiThrottle,
      logRetention: config.logRetention,
      logRemovalPolicy: config.logRemovalPolicy,
    });

    this.site = new SiteDistribution(this, 'Site', {
      httpApi: this.httpApi.api,
      siteAssetPath: props.siteAssetPath,
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: `https://${this.site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.api.apiEndpoint });
  }
}

function pascalCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function mapValues<K extends string, V, W>(record: Record<K, V>, map: (value: V, key: K) => W): Record<K, W> {
  return Object.fromEntries(Object.entries<V>(record).map(([key, value]) => [key, map(value, key as K)])) as Record<
    K,
    W
  >;
}
