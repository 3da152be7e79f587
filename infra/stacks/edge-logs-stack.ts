import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource, LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';

/**
 * The fields of each CloudFront access log record (standard logging v2). What a request did and how long it took,
 * never who made it: no client IP, port, country, X-Forwarded-For, user agent, referrer or cookie (PRODUCT.md), and
 * no path or query string either, since a path can carry a private proposal receipt token
 * (`/api/proposals/receipt/{token}`); the cache behaviour (`*` or `/api/*`) tells site from API requests, and the
 * HTTP API access log names the API route.
 */
export const CLOUDFRONT_LOG_FIELDS = [
  'date',
  'time',
  'DistributionId',
  'x-edge-location',
  'x-edge-request-id',
  'cs-method',
  'cs-protocol',
  'cs-protocol-version',
  'ssl-protocol',
  'cache-behavior-path-pattern',
  'sc-status',
  'sc-content-type',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  'time-to-first-byte',
  'origin-fbl',
  'origin-lbl',
  'x-edge-result-type',
  'x-edge-response-result-type',
  'x-edge-detailed-result-type',
] as const;

export type EdgeLogsStackProps = StackProps & { config: StageConfig; distribution: IDistribution };

/**
 * CloudFront access logs (standard logging v2, delivered by CloudWatch Logs) into a log group of this stack. A
 * CloudFront delivery source can only be created in us-east-1, after the distribution exists: hence a stack of its
 * own there, deployed after the stateless stack, reading the distribution id through a weak cross-region reference.
 */
export class EdgeLogsStack extends Stack {
  readonly logGroup: LogGroup;
  readonly delivery: CfnDelivery;

  constructor(scope: Construct, id: string, props: EdgeLogsStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.logGroup = new LogGroup(this, 'CloudFrontAccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.logRemovalPolicy,
    });
    const source = new CfnDeliverySource(this, 'DeliverySource', {
      name: `konsulto-${config.stage}-cloudfront`,
      logType: 'ACCESS_LOGS',
      resourceArn: props.distribution.distributionArn,
    });
    const destination = new CfnDeliveryDestination(this, 'DeliveryDestination', {
      name: `konsulto-${config.stage}-cloudfront-logs`,
      destinationResourceArn: this.logGroup.logGroupArn,
      outputFormat: 'json',
    });
    this.delivery = new CfnDelivery(this, 'Delivery', {
      // Ref of a delivery source is its name: the delivery waits for the source.
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...CLOUDFRONT_LOG_FIELDS],
    });
  }
}
