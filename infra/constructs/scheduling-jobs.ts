/**
 * The scheduling jobs (issue #7), in a nested stack of their own (the main stack is near
 * CloudFormation's 500-resource limit): slot generation for the rolling horizon every hour and the
 * release of protected warm-handoff slots every five minutes, each an EventBridge Scheduler
 * schedule invoking a house function. Both jobs are idempotent, so a retried or overlapping run
 * changes nothing; what still fails after the retries lands in a dead-letter queue with an alarm.
 */
import path from 'node:path';
import { Duration, NestedStack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge, nagArnRef } from '../acknowledge';
import { projectRoot } from '../paths';
import type { LogLevel } from '../settings';
import { HouseFunction } from './house-function';
import type { Monitoring } from './monitoring';

export interface SchedulingJobsProps {
  readonly table: Table;
  readonly monitoring: Monitoring;
  readonly logLevel: LogLevel;
}

const SERVICE_NAME = 'bh-consult-scheduling';
const jobEntry = (name: string) =>
  path.join(projectRoot, 'functions', 'handlers', 'jobs', `${name}.ts`);

/** [construct id, handler file, rate, what it does]. */
const JOBS = [
  ['GenerateSlots', 'generate-slots', Duration.hours(1), 'Generate slots for the rolling horizon'],
  [
    'ReleaseSlots',
    'release-slots',
    Duration.minutes(5),
    'Open protected warm-handoff slots N hours before they start',
  ],
] as const;

export class SchedulingJobs extends NestedStack {
  readonly functions: HouseFunction[] = [];

  constructor(scope: Construct, id: string, props: SchedulingJobsProps) {
    super(scope, id, { description: 'BH consult scheduling: slot generation and release jobs' });

    const dlq = new Queue(this, 'JobsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new Alarm(this, 'JobsDeadLettersAlarm', {
      alarmDescription: 'Scheduling jobs dead-lettered events (slots not generated or released)',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.monitoring.alarmTopic));

    for (const [name, file, rate, description] of JOBS) {
      const fn = new HouseFunction(this, name, {
        entry: jobEntry(file),
        description,
        monitoring: props.monitoring,
        serviceName: SERVICE_NAME,
        logLevel: props.logLevel,
        // One run at a time is all a job needs; more could only race itself.
        reservedConcurrency: 1,
        timeout: Duration.minutes(5),
        memorySize: 1024,
        deadLetterQueue: dlq,
        environment: { TABLE_NAME: props.table.tableName },
      });
      fn.grantTable(props.table, 'readWrite');
      // In this nested stack, not the main one (which is at its resource limit).
      for (const [metric, what] of [
        [fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 'errors'],
        [
          fn.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
          'throttles',
        ],
      ] as const) {
        new Alarm(this, `${name}${what === 'errors' ? 'Errors' : 'Throttles'}`, {
          alarmDescription: `Scheduling ${file} job ${what}`,
          metric,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(new SnsAction(props.monitoring.alarmTopic));
      }
      this.functions.push(fn);

      const role = new Role(this, `${name}SchedulerRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
        description: `EventBridge Scheduler invoking the ${file} job`,
      });
      new Schedule(this, `${name}Schedule`, {
        description,
        schedule: ScheduleExpression.rate(rate),
        // The next run covers a missed one: retry briefly, then dead-letter for on-call.
        target: new LambdaInvoke(fn.function, {
          role,
          deadLetterQueue: dlq,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
        }),
      });
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${nagArnRef(fn.function)}:*]`,
        `aws-cdk-lib's LambdaInvoke target grants lambda:InvokeFunction on the ${file} function ` +
          'and its versions (<arn>:*); it can invoke nothing else.',
      );
      acknowledge(
        role,
        'HIPAA.Security-IAMNoInlinePolicy',
        'The inline policy is the CDK-generated default policy of this single-purpose scheduler ' +
          'role (invoke one job, send to its dead-letter queue); it lives and dies with the role.',
      );
    }
  }
}
