/**
 * The CDK app (`cdk.json`: `node infra/app.ts`). Stage from context: `npx cdk synth -c stage=prod`.
 * Optional context `domainName` + `certificateArn` (ACM, us-east-1) put the site on a custom domain.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';

buildApp(new App());
