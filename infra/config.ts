import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

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

export type StageConfig = {
  stage: Stage;
  /** Retention of function logs and the API access log. */
  logRetention: RetentionDays;
  /** What happens to log groups when the stateless stack is deleted. */
  logRemovalPolicy: RemovalPolicy;
  /** Default-stage throttling of the HTTP API (requests per second, burst bucket size). */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Stateful stacks of production cannot be deleted by accident. */
  terminationProtection: boolean;
};

const CONFIG: Record<Stage, Omit<StageConfig, 'stage'>> = {
  dev: {
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    terminationProtection: false,
  },
  prod: {
    logRetention: RetentionDays.SIX_MONTHS,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    // Sized for a TV-driven burst of 1,000+ votes/s, below the account default of 10,000 rps / 5,000 burst.
    apiThrottle: { rateLimit: 2000, burstLimit: 4000 },
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
