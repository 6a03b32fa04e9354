/**
 * Operations plumbing every other construct uses: the KMS key that encrypts all CloudWatch log
 * groups, a log-group factory with one retention policy, the encrypted SNS alarm topic, and
 * alarm helpers (Lambda errors/throttles, API 5xx, DynamoDB throttles/system errors).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  readonly alarmEmail?: string | undefined;
}

const PERIOD = Duration.minutes(5);

/** Operations DynamoDB reports SystemErrors for that the handlers use. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_GET_ITEMS,
  Operation.TRANSACT_WRITE_ITEMS,
];

export class Monitoring extends Construct {
  /** Encrypts every log group: logs may hold request metadata that must not sit in plain text. */
  readonly logsKey: Key;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id);
    const { region, account, partition } = Stack.of(this);

    this.logsKey = new Key(this, 'LogsKey', {
      description: 'Encrypts the CloudWatch log groups of the BH consult stack',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );

    const alertsKey = new Key(this, 'AlertsKey', {
      description: 'Encrypts the BH consult alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the encrypted topic only if the key lets them.
    alertsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'BH consult alarms',
      masterKey: alertsKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
  }

  /** A log group encrypted with the logs key; one year covers incident look-back and audits. */
  logGroup(scope: Construct, id: string, logGroupName?: string): LogGroup {
    return new LogGroup(scope, id, {
      logGroupName,
      encryptionKey: this.logsKey,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** `scope` places the alarms beside the function (in its nested stack, off the main stack's count). */
  alarmOnFunction(id: string, fn: IFunction, scope: Construct = this): void {
    const errors = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
    this.alarm(`${id}Errors`, errors, 'errors', scope);
    const throttles = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
    this.alarm(`${id}Throttles`, throttles, 'throttles', scope);
  }

  alarmOnApi(id: string, api: HttpApi): void {
    this.alarm(
      `${id}ServerErrors`,
      api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      '5xx',
    );
  }

  alarmOnTable(id: string, table: Table): void {
    const throttles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
        writes: table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
      },
      period: PERIOD,
    });
    this.alarm(`${id}Throttles`, throttles, 'throttled requests');
    const systemErrors = table.metricSystemErrorsForOperations({
      operations: TABLE_OPERATIONS,
      period: PERIOD,
    });
    this.alarm(`${id}SystemErrors`, systemErrors, 'system errors');
  }

  /** Any occurrence alarms: at clinic scale a single failed request is worth a look. */
  private alarm(id: string, metric: IMetric, what: string, scope: Construct = this): void {
    const alarm = new Alarm(scope, id, {
      metric,
      alarmDescription: `${id}: ${what} in the last 5 minutes`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
  }
}
