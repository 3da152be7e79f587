/**
 * AWS list prices used by P8 (bench/p8-cost.ts), in one place. On-demand, before free tiers, in USD.
 *
 * Source: the AWS pricing pages as recorded in the first cost estimate of docs/deploy.md (prices of 2025 as last known
 * to its author), moved here on 2026-12-03; this file is now the only place that holds them. They are list prices from documentation, NOT verified against the live
 * pricing pages (this machine has no access to them): check https://aws.amazon.com/dynamodb/pricing/on-demand/,
 * /lambda/pricing/, /api-gateway/pricing/, /cloudfront/pricing/, /waf/pricing/, /cloudwatch/pricing/ before quoting.
 */
export const PRICES_TAKEN = '2026-12-03 (2025 list prices as last known, unverified)';

export type RegionPrices = {
  region: string;
  /** DynamoDB on-demand, per write / read request unit. */
  dynamoWru: number;
  dynamoRru: number;
  /** DynamoDB storage and point-in-time recovery, per GB-month. */
  dynamoStorageGbMonth: number;
  dynamoPitrGbMonth: number;
  lambdaRequest: number;
  /** Lambda duration on arm64, per GB-second. */
  lambdaGbSecond: number;
  /** API Gateway HTTP API, per request (first 300 M a month). */
  httpApiRequest: number;
  /** CloudFront HTTPS requests (Europe edges) and data out (first 10 TB), priced by edge, not by region. */
  cloudFrontRequest: number;
  cloudFrontGbOut: number;
  /** WAF, per request inspected (web ACL and rule fees are monthly, not per consultation). */
  wafRequest: number;
  cloudWatchLogsGb: number;
};

const PER_MILLION = 1 / 1_000_000;

export const PRICES: readonly RegionPrices[] = [
  {
    region: 'us-east-1',
    dynamoWru: 0.625 * PER_MILLION,
    dynamoRru: 0.125 * PER_MILLION,
    dynamoStorageGbMonth: 0.25,
    dynamoPitrGbMonth: 0.2,
    lambdaRequest: 0.2 * PER_MILLION,
    lambdaGbSecond: 0.0000133334,
    httpApiRequest: 1.0 * PER_MILLION,
    cloudFrontRequest: 0.012 / 10_000,
    cloudFrontGbOut: 0.085,
    wafRequest: 0.6 * PER_MILLION,
    cloudWatchLogsGb: 0.5,
  },
  {
    region: 'eu-central-1',
    dynamoWru: 0.7625 * PER_MILLION,
    dynamoRru: 0.1525 * PER_MILLION,
    dynamoStorageGbMonth: 0.306,
    dynamoPitrGbMonth: 0.2448,
    lambdaRequest: 0.2 * PER_MILLION,
    lambdaGbSecond: 0.0000133334,
    httpApiRequest: 1.2 * PER_MILLION,
    cloudFrontRequest: 0.012 / 10_000,
    cloudFrontGbOut: 0.085,
    wafRequest: 0.6 * PER_MILLION,
    cloudWatchLogsGb: 0.63,
  },
];
