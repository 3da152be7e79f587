import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type AlarmThresholds, pascalCase } from '../config.ts';

const PERIOD = Duration.minutes(5);

/** The operations the functions send to the table (docs/data-model.md), watched for throttling and system errors. */
export const WATCHED_TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
] as const;

export type OperationsProps = {
  stage: string;
  /** Per stage (infra/config.ts). */
  thresholds: AlarmThresholds;
  httpApi: IHttpApi;
  functions: Record<string, IFunction>;
  table: ITable;
  /** Queues that hold failed asynchronous invocations (the summary job's): a message waiting there is an alarm. */
  failureQueues?: Record<string, IQueue>;
  /** Context `alarmEmail`: subscribed to the alarm topic (the address must confirm the subscription). */
  alarmEmail?: string;
  removalPolicy: RemovalPolicy;
};

/** The alarm topic, the alarms of issue 8 and one dashboard of the API, the functions and the table. */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);

    // SNS encryption with the AWS-managed key would silently drop alarms: CloudWatch needs a key policy of our own.
    this.key = new Key(this, 'AlarmTopicKey', {
      description: `Konsulto ${props.stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Konsulto ${props.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string, datapoints = 1) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: datapoints === 1 ? 1 : 3,
        datapointsToAlarm: datapoints,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `Konsulto ${props.stage}: ${description}`,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    const requests = props.httpApi.metricCount({ period: PERIOD, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const t = props.thresholds;
    const api5xxRate = new MathExpression({
      expression: `IF(requests >= ${t.apiMinimumRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: PERIOD,
      label: 'API 5xx (% of requests)',
    });
    alarm('Api5xxRate', api5xxRate, t.api5xxPercent, `HTTP API 5xx above ${t.api5xxPercent}% of requests`, 2);

    const functionEntries = Object.entries(props.functions);
    for (const [name, fn] of functionEntries) {
      alarm(
        `${pascalCase(name)}Errors`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        t.lambdaErrors,
        `function ${name}: unhandled errors or timeouts`,
      );
      alarm(
        `${pascalCase(name)}Throttles`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        t.lambdaThrottles,
        `function ${name}: invocations throttled`,
      );
    }

    for (const [name, queue] of Object.entries(props.failureQueues ?? {})) {
      alarm(
        `${pascalCase(name)}FailuresWaiting`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        1,
        `${name}: failed invocations waiting in the failure queue`,
      );
    }

    const operations = [...WATCHED_TABLE_OPERATIONS];
    const tableThrottles = props.table.metricThrottledRequestsForOperations({ operations, period: PERIOD });
    const tableSystemErrors = props.table.metricSystemErrorsForOperations({ operations, period: PERIOD });
    alarm('TableThrottledRequests', tableThrottles, t.tableThrottledRequests, 'DynamoDB throttled requests');
    alarm('TableSystemErrors', tableSystemErrors, t.tableSystemErrors, 'DynamoDB system errors');

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `Konsulto-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    const fnMetrics = (metric: (fn: IFunction) => IMetric) => functionEntries.map(([, fn]) => metric(fn));
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Konsulto ${props.stage}\nAlarms go to the SNS topic of this stack; logs are in CloudWatch Logs (docs/deploy.md).`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
      new GraphWidget({
        title: 'HTTP API: requests and 4xx/5xx',
        left: [requests, props.httpApi.metricClientError({ period: PERIOD, statistic: 'Sum' }), serverErrors],
        right: [api5xxRate],
        width: 12,
      }),
      new GraphWidget({
        title: 'HTTP API: latency p99 (ms)',
        left: [
          props.httpApi.metricLatency({ period: PERIOD, statistic: 'p99' }),
          props.httpApi.metricIntegrationLatency({ period: PERIOD, statistic: 'p99' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Functions: errors',
        left: fnMetrics((fn) => fn.metricErrors({ period: PERIOD, statistic: 'Sum' })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Functions: throttles',
        left: fnMetrics((fn) => fn.metricThrottles({ period: PERIOD, statistic: 'Sum' })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Functions: duration p99 (ms)',
        left: fnMetrics((fn) => fn.metricDuration({ period: PERIOD, statistic: 'p99' })),
        width: 8,
      }),
      new GraphWidget({
        title: 'DynamoDB: consumed capacity',
        left: [
          props.table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: 'Sum' }),
          props.table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: 'Sum' }),
        ],
        width: 12,
      }),
      // Both expressions name their metrics by operation: one graph each.
      new GraphWidget({ title: 'DynamoDB: throttled requests', left: [tableThrottles], width: 6 }),
      new GraphWidget({ title: 'DynamoDB: system errors', left: [tableSystemErrors], width: 6 }),
    );
  }
}
