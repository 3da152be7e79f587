import { existsSync } from 'node:fs';
import { Aws, Duration, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
// cdk-nag's own naming of a policy resource in IAM5 finding ids (not re-exported from the package root).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../functions/commons/origin-secret.ts';
import type { CustomDomain } from '../config.ts';

export type SiteDistributionProps = {
  httpApi: IHttpApi;
  /** Directory with the built site; nothing is uploaded when it does not exist (e.g. before `npm run build:site`). */
  siteAssetPath: string;
  customDomain?: CustomDomain;
  /** ARN of the WAF web ACL (scope CLOUDFRONT, us-east-1); absent only in a region-agnostic synthesis. */
  webAclArn?: string;
  /**
   * Sent to the API origin as the ORIGIN_SECRET_HEADER on every request (the functions refuse requests without it).
   * The template holds a CloudFormation dynamic reference to the secret, never its value.
   */
  originSecret: ISecret;
  /**
   * The secret version CloudFront sends (context `originSecretVersion`); default the current one at deploy time. After
   * a new value is put, deploying with its version id makes CloudFormation resolve the reference again.
   */
  originSecretVersion?: string;
};

/**
 * The Content-Security-Policy response header. Every page carries Astro's meta policy (docs/site.md: default-src
 * 'none', script and style hashes computed at build time); browsers enforce every policy they receive, so this header
 * only adds what a meta policy cannot carry. Repeating the full policy here would have to repeat the build's hashes
 * on every deploy and break the site whenever they drift.
 */
export const CSP_HEADER = "frame-ancestors 'none'";

/** Two years, the HSTS preload list's expectation. */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * Astro builds `/a/b/` as `/a/b/index.html`; an S3 REST origin has no index documents, so the viewer request is
 * rewritten before the cache lookup. Runs only on the site behaviour, never on /api/*.
 */
export const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri + '/index.html';
  }
  return request;
}`;

/**
 * API Gateway receives the execute-api host, not the one the browser addressed; the participation API compares the
 * request's Origin with this header to refuse cross-site writes (CSRF).
 */
export const FORWARD_VIEWER_HOST = `function handler(event) {
  var request = event.request;
  request.headers['x-forwarded-host'] = { value: request.headers.host ? request.headers.host.value : '' };
  return request;
}`;

/**
 * The public entry point: one CloudFront distribution serving the static site from a private S3 bucket (Origin
 * Access Control) and `/api/*` from the HTTP API, so the browser sees a single origin (no CORS).
 * The WAF web ACL (us-east-1, infra/stacks/edge-stack.ts) attaches through `webAclId`.
 */
export class SiteDistribution extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the destination of the server access logs; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only CloudFront (OAC) and the deployment read or write here, so these logs hold no citizen IP addresses.
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
    });

    const indexRewrite = new CloudFrontFunction(this, 'IndexRewrite', {
      comment: 'Serve /path/ and /path as /path/index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(INDEX_REWRITE),
    });

    const forwardViewerHost = new CloudFrontFunction(this, 'ForwardViewerHost', {
      comment: 'Pass the viewer Host to the API as x-forwarded-host (same-origin check of writes)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(FORWARD_VIEWER_HOST),
    });

    // Public reads say `s-maxage` themselves; writes and private reads say `no-store`. Cookies and headers stay out of
    // the cache key (they are still forwarded by the origin request policy), so a burst of readers shares one copy.
    const apiCachePolicy = new CachePolicy(this, 'ApiCachePolicy', {
      comment: 'Konsulto API: honour the origin Cache-Control (s-maxage), query strings in the key',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(300),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // Replaces any header of that name a viewer sends. Resolved by CloudFormation at deploy time
      // ({{resolve:secretsmanager:…}}), so the value is in neither the template nor the cloud assembly.
      customHeaders: {
        [ORIGIN_SECRET_HEADER]: (props.originSecretVersion
          ? SecretValue.secretsManager(props.originSecret.secretArn, { versionId: props.originSecretVersion })
          : props.originSecret.secretValue
        ).unsafeUnwrap(),
      },
    });

    // Replaces the managed SECURITY_HEADERS policy: HSTS for two years with preload, and frame-ancestors 'none'.
    // No X-XSS-Protection: the legacy filter is gone from current browsers and its `mode=block` could leak data.
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Konsulto: HSTS, nosniff, referrer policy, frame DENY, CSP frame-ancestors (the rest is in each page)',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: CSP_HEADER, override: true },
      },
    });

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Konsulto site and /api/*',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: Albania and most of its diaspora.
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          // A redirect would turn a POST into a GET; API clients get a 403 on plain HTTP instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCachePolicy,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          // JSON answers get the same headers (nosniff and HSTS matter there too).
          responseHeadersPolicy: this.responseHeadersPolicy,
          functionAssociations: [{ function: forwardViewerHost, eventType: FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
    });
    this.acknowledgeDistributionFindings(domain, Boolean(props.webAclArn));

    if (existsSync(props.siteAssetPath)) this.deployment = this.deploySite(props.siteAssetPath);
  }

  /**
   * Uploads the built site and invalidates the cache. The upload runs in aws-cdk-lib's deployment Lambda (deploy
   * time only); it gets a role of our own so it does not carry the AWS-managed AWSLambdaBasicExecutionRole.
   */
  private deploySite(siteAssetPath: string): BucketDeployment {
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads the built site to the site bucket and invalidates CloudFront (deploy time only)',
    });
    logGroup.grantWrite(role);

    // The asset is created here (not by Source.asset) so its bucket ARN can name the acknowledged finding below.
    const siteZip = new Asset(this, 'SiteAsset', { path: siteAssetPath });
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.bucket(siteZip.bucket, siteZip.s3ObjectKey)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      role,
      logGroup,
    });

    // Findings are named the way cdk-nag names them, from the resolved ARNs, so they hold in every environment.
    const stack = Stack.of(this);
    const finding = (arn: string) => flattenCfnReference(stack.resolve(arn));
    const grants =
      'Granted by aws-cdk-lib BucketDeployment (grantRead on the CDK asset bucket, grantReadWrite on the site bucket)';
    const acknowledgements = [
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${grants}; the sync reads the site zip and lists/compares existing objects.`,
      })),
      ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${grants}; the sync aborts failed multipart uploads and prunes deleted pages, in the site bucket only.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::${finding(siteZip.bucket.arnForObjects('*'))}]`,
        reason:
          'BucketDeployment grants read on every object of the CDK bootstrap asset bucket; its handler only reads this site zip.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${finding(this.bucket.arnForObjects('*'))}]`,
        reason: 'Every object of the site bucket: the deployment replaces the whole built site.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'BucketDeployment grants cloudfront:CreateInvalidation/GetInvalidation on *; its handler only invalidates this distribution.',
      },
    ];
    for (const acknowledgement of acknowledgements) Validations.of(role).acknowledge(acknowledgement);

    // The deployment Lambda is a singleton at stack level, outside this construct.
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-L1',
          reason:
            "BucketDeployment's Python runtime is chosen by aws-cdk-lib and moves with its upgrades; it runs only during deploys.",
        });
      }
    }
    return deployment;
  }

  private acknowledgeDistributionFindings(domain: CustomDomain | undefined, hasWebAcl: boolean) {
    const validations = Validations.of(this.distribution);
    validations.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A national consultation is open to the diaspora in every country; geo restriction would exclude them.',
    });
    if (!hasWebAcl) {
      validations.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'Region-agnostic synthesis only (an App without CDK_DEFAULT_REGION, as in unit tests): the us-east-1 web ACL needs a concrete region to be referenced. The cdk CLI always sets a region (profile, AWS_REGION, else us-east-1), so every synth and deploy attaches it.',
      });
    }
    validations.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'Legacy standard logs (the Logging setting this rule checks) record every viewer IP address, which PRODUCT.md forbids logging. The distribution logs through standard logging v2 instead, with fields chosen to hold no IP, agent, cookie or path (EdgeLogs stack in us-east-1, built whenever the synthesis has a region).',
    });
    if (!domain) {
      validations.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain in this stage: the default *.cloudfront.net certificate cannot set a minimum TLS version. With a domain, TLSv1.2_2021 is set.',
      });
    }
  }
}
