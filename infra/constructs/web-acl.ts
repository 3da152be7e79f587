import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * The rate-based rule counts, per client IP and per 5 minutes, writes to /api/ (every method but GET and HEAD). Reads
 * are served from the CloudFront cache and cost almost nothing, so they are not counted; writes reach Lambda and
 * DynamoDB. The limit is per stage (infra/config.ts, `wafApiWritesPer5Minutes`); the API's own per-participant limits
 * answer 429 much earlier (R5).
 */
export const RATE_WINDOW_SECONDS = 300;

/**
 * Rules of the common rule set that only count (never block), each with its reason: long proposal texts and
 * comments are JSON bodies above the rule's 8 KB, and the API validates every body's size and shape itself.
 */
export const COMMON_RULES_COUNT_ONLY = ['SizeRestrictions_BODY'] as const;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  // Sampled requests hold the viewer's IP address, which PRODUCT.md forbids keeping; metrics carry counts only.
  sampledRequestsEnabled: false,
});

const methodIs = (method: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * The distribution's WAF web ACL (scope CLOUDFRONT, so it must live in us-east-1: see infra/stacks/edge-stack.ts).
 * Default allow; a rate-based rule on /api/ writes answers 429 with Retry-After, then the AWS managed common rule set
 * and known bad inputs. No WAF logging: its records carry viewer IP addresses.
 */
export class KonsultoWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { metricPrefix: string; apiWritesPer5Minutes: number }) {
    super(scope, id);
    const metric = (name: string) => `${props.metricPrefix}-${name}`;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Konsulto: rate limit of API writes per IP, AWS common rule set and known bad inputs',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(metric('web-acl')),
      customResponseBodies: {
        'rate-limited': {
          contentType: 'APPLICATION_JSON',
          content:
            '{"error":"rate_limited","message":"Too many requests from this network; try again in a few minutes."}',
        },
      },
      rules: [
        {
          name: 'api-write-rate-per-ip',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rate-limited',
                responseHeaders: [{ name: 'retry-after', value: String(RATE_WINDOW_SECONDS) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.apiWritesPer5Minutes,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        positionalConstraint: 'STARTS_WITH',
                        searchString: '/api/',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    {
                      notStatement: {
                        statement: { orStatement: { statements: [methodIs('GET'), methodIs('HEAD')] } },
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility(metric('api-write-rate')),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, metric('common'), COMMON_RULES_COUNT_ONLY),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2, metric('known-bad-inputs')),
      ],
    });
  }
}

function managedRuleGroup(
  name: string,
  priority: number,
  metricName: string,
  countOnly: readonly string[] = [],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length
          ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(metricName),
  };
}
