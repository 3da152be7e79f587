import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RouteFunction } from '#functions/routes.ts';

/** The deployment stages. Each is its own pair of stacks; `stage` comes from CDK context (`-c stage=prod`). */
export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export function parseStage(value: unknown): Stage {
  const stage = value ?? 'dev';
  if (typeof stage === 'string' && (STAGES as readonly string[]).includes(stage)) return stage as Stage;
  throw new Error(`context "stage" must be one of ${STAGES.join(', ')}; got ${JSON.stringify(value)}`);
}

/** An optional custom domain for the distribution; the ACM certificate must be in us-east-1. */
export type CustomDomain = { domainName: string; certificateArn: string };

/** Requests per second and burst bucket size of an HTTP API stage or route. */
export type Throttle = { rateLimit: number; burstLimit: number };

/** Alarm thresholds (one 5-minute period unless said; infra/constructs/operations.ts). */
export type AlarmThresholds = {
  /** Percent of API requests answered 5xx, over 2 of 3 periods, once there are `apiMinimumRequests` in a period. */
  api5xxPercent: number;
  apiMinimumRequests: number;
  /** Unhandled errors or timeouts of one function (the handlers turn expected faults into 4xx/503 responses). */
  lambdaErrors: number;
  /** Throttles of one function: it hit its reserved or the account concurrency. */
  lambdaThrottles: number;
  /** Throttled table requests: the SDK retries a few, a sustained number means a hot key or an account limit. */
  tableThrottledRequests: number;
  /** DynamoDB 5xx. */
  tableSystemErrors: number;
};

export type StageConfig = {
  stage: Stage;
  /** Retention of function logs and the API access log. */
  logRetention: RetentionDays;
  /** What happens to log groups (and the alarm topic's key) when the stateless stack is deleted. */
  logRemovalPolicy: RemovalPolicy;
  /** Default-stage throttling of the HTTP API. */
  apiThrottle: Throttle;
  /**
   * Tighter throttling of every route of a function group (HTTP API route settings). Proposals carry files and staff
   * actions are few: neither should ever approach the stage limit.
   */
  routeThrottles: Partial<Record<RouteFunction, Throttle>>;
  /**
   * Reserved concurrency per function (none in dev: a new account has too little concurrency to reserve any). The
   * participation function is capped so a voting burst cannot take the whole account's concurrency; the staff and
   * proposals functions keep a share that a burst of votes cannot take from them.
   */
  reservedConcurrency: Partial<Record<RouteFunction, number>>;
  /** WAF: API writes per client IP per 5 minutes before 429 (infra/constructs/web-acl.ts). */
  wafApiWritesPer5Minutes: number;
  alarmThresholds: AlarmThresholds;
  /** Stateful stacks of production cannot be deleted by accident. */
  terminationProtection: boolean;
};

const CONFIG: Record<Stage, Omit<StageConfig, 'stage'>> = {
  dev: {
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    routeThrottles: {
      health: { rateLimit: 5, burstLimit: 10 },
      proposals: { rateLimit: 5, burstLimit: 10 },
      staff: { rateLimit: 10, burstLimit: 20 },
    },
    reservedConcurrency: {},
    wafApiWritesPer5Minutes: 500,
    // Looser than prod: a dev stage sees test traffic and deliberate faults.
    alarmThresholds: {
      api5xxPercent: 5,
      apiMinimumRequests: 20,
      lambdaErrors: 10,
      lambdaThrottles: 5,
      tableThrottledRequests: 50,
      tableSystemErrors: 5,
    },
    terminationProtection: false,
  },
  prod: {
    logRetention: RetentionDays.SIX_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    // Sized for a TV-driven burst of 1,000+ votes/s, below the account default of 10,000 rps / 5,000 burst.
    apiThrottle: { rateLimit: 2000, burstLimit: 4000 },
    routeThrottles: {
      health: { rateLimit: 10, burstLimit: 20 },
      proposals: { rateLimit: 50, burstLimit: 100 },
      staff: { rateLimit: 100, burstLimit: 200 },
    },
    // Of the account default of 1,000 (at least 100 must stay unreserved). A vote takes ~20 ms, so 400 concurrent
    // participation invocations carry far more than 2,000 votes/s.
    reservedConcurrency: { participation: 400, proposals: 50, staff: 20 },
    // 2,000 writes in 5 minutes (≈ 7/s) is far beyond one person, yet leaves room for the carrier-grade NAT of
    // Albanian mobile networks, where many citizens share one address during a TV burst.
    wafApiWritesPer5Minutes: 2000,
    alarmThresholds: {
      api5xxPercent: 1,
      apiMinimumRequests: 20,
      lambdaErrors: 5,
      lambdaThrottles: 1,
      tableThrottledRequests: 10,
      tableSystemErrors: 1,
    },
    terminationProtection: true,
  },
};

export function stageConfig(stage: Stage): StageConfig {
  return { stage, ...CONFIG[stage] };
}

/** Lambda settings that do not vary by stage. */
export const FUNCTION_DEFAULTS = {
  memorySize: 512,
  timeout: Duration.seconds(10),
} as const;

/**
 * The proposals' uploads bucket has a name of our own, derived from the stage, account and region: the stateless
 * stack addresses it by that name instead of a cross-stack reference (so the function's grant and its reviewed
 * cdk-nag acknowledgement read the same in every environment), and a redeployed stateful stack finds the retained
 * bucket and its files instead of silently starting an empty one.
 */
export function uploadsBucketName(stage: Stage, stack: Stack): string {
  return `konsulto-${stage}-uploads-${stack.account}-${stack.region}`;
}

/** The summary exports bucket (the console's summary jobs), named like the uploads bucket and for the same reasons. */
export function exportsBucketName(stage: Stage, stack: Stack): string {
  return `konsulto-${stage}-exports-${stack.account}-${stack.region}`;
}

/** A function or queue name as a construct id: `public-read` → `PublicRead`. */
export function pascalCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}
