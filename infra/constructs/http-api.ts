import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route, RouteFunction } from '#functions/routes.ts';
import type { Throttle } from '../config.ts';

/**
 * One JSON line per request, with ids, route template, status and timings only: no IP, user agent, path
 * parameters, query string or body (PRODUCT.md: IPs are never logged).
 */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTimeEpoch: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  responseLength: '$context.responseLength',
} as const;

export type KonsultoHttpApiProps = {
  routes: readonly Route[];
  functions: Record<RouteFunction, IFunction>;
  /** The Cognito JWT authorizer (issuer and audience) that every staff route (one with `groups`) must use. */
  staffAuthorizer?: IHttpRouteAuthorizer;
  throttle: Throttle;
  /** Tighter throttling of every route of these function groups (stage route settings). */
  routeThrottles?: Partial<Record<RouteFunction, Throttle>>;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
};

/** The HTTP API: one route per entry of ROUTES (local-only ones excepted), a throttled `$default` stage, access logs in CloudWatch. */
export class KonsultoHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  readonly routes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: KonsultoHttpApiProps) {
    super(scope, id);

    // The stage is created explicitly: the implicit default stage cannot take throttling or access-log settings.
    this.api = new HttpApi(this, 'Api', {
      description: 'Konsulto public API, served to browsers through CloudFront under /api/*',
      createDefaultStage: false,
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const integrations = new Map<RouteFunction, HttpLambdaIntegration>();
    for (const route of props.routes) {
      // The local runtime's stand-ins (e.g. the upload route that plays S3) are never deployed.
      if (route.localOnly) continue;
      const staff = Boolean(route.groups?.length);
      if (staff !== route.path.startsWith('/api/admin/')) {
        throw new Error(
          `route ${route.method} ${route.path}: staff routes (with groups) are exactly those under /api/admin/`,
        );
      }
      if (staff && !props.staffAuthorizer) {
        // Never expose a staff route without the Cognito JWT authorizer.
        throw new Error(`route ${route.method} ${route.path} requires groups but no authorizer is configured`);
      }
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.function}-integration`, props.functions[route.function]);
        integrations.set(route.function, integration);
      }
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        // Staff routes: API Gateway checks the token's signature, issuer, audience and expiry before the function
        // runs; the function then requires an access token and one of the route's groups.
        ...(staff ? { authorizer: props.staffAuthorizer } : {}),
      });
      if (!httpRoute) throw new Error(`no route created for ${route.method} ${route.path}`);
      if (!staff) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is open to anonymous citizens by design (no staff groups); staff routes use the Cognito JWT authorizer.`,
        });
      }
      this.routes.push(httpRoute);
      const routeThrottle = props.routeThrottles?.[route.function];
      if (routeThrottle) {
        routeSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: routeThrottle.rateLimit,
          ThrottlingBurstLimit: routeThrottle.burstLimit,
        };
        // Route settings name routes by key: the stage can only take them once the routes exist.
        this.stage.node.addDependency(httpRoute);
      }
    }
    if (Object.keys(routeSettings).length > 0) {
      (this.stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);
    }
  }
}
