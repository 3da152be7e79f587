import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { KonsultoWebAcl } from '../constructs/web-acl.ts';

/** CloudFront only accepts web ACLs of scope CLOUDFRONT, and those exist only in us-east-1. */
export const EDGE_REGION = 'us-east-1';

export type EdgeStackProps = StackProps & { config: StageConfig };

/**
 * The WAF web ACL of the distribution, in us-east-1. The stateless stack (any region) reads its ARN through a weak
 * cross-region reference (`Fn::GetStackOutput`, cdk.json `defaultCrossStackReferences: weak`): no custom resource,
 * no SSM parameter, but both stacks need a concrete region (infra/build-app.ts, docs/deploy.md).
 */
export class EdgeStack extends Stack {
  readonly webAcl: KonsultoWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.webAcl = new KonsultoWebAcl(this, 'Waf', {
      metricPrefix: `konsulto-${props.config.stage}`,
      apiWritesPer5Minutes: props.config.wafApiWritesPer5Minutes,
    });
  }
}
