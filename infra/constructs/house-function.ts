/**
 * The house Lambda: every function in the stack is built here so runtime, architecture, bundling,
 * tracing, logging and IAM baseline are decided once. Each function gets its own role (no AWS
 * managed policies: log writes are granted on its own log group only) and its own encrypted log
 * group, so one function's permissions and logs never leak into another's.
 */
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LogLevel } from '../settings';
import { acknowledge, nagRef } from '../acknowledge';
import { projectRoot } from '../paths';
import type { Monitoring } from './monitoring';

export interface HouseFunctionProps {
  /** Absolute path of the TypeScript entry file. */
  readonly entry: string;
  readonly description: string;
  readonly monitoring: Monitoring;
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  readonly reservedConcurrency: number;
  /** Non-secret, non-PHI configuration only: Lambda environment is visible to operators. */
  readonly environment?: Record<string, string>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** For asynchronously invoked functions (scheduled jobs, event rules): where failed events go. */
  readonly deadLetterQueue?: IQueue;
}

export type TableAccess = 'read' | 'readWrite';

/** TransactGetItems is authorized as GetItem; TransactWriteItems as its Put/Update/Delete/Check. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/** The same key actions aws-cdk-lib's own table read/write grants use. */
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/** ESM bundles still meet CommonJS dependencies that call require(); give them one. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; " +
  'const require = __houseCreateRequire(import.meta.url);';

export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup = props.monitoring.logGroup(this, 'Logs');
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // HTTP API gives up after 30 s; fail well before so the client gets a clean error.
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency,
      role: this.role,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Stack traces need file/line only; embedding sources would double the bundle.
        sourcesContent: false,
        // The Node 22 runtime ships AWS SDK v3; bundling it would only add cold-start weight.
        externalModules: ['@aws-sdk/*'],
      },
    });

    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support ' +
        'resource-level permissions, so CDK grants them on "*"; they only write trace data.',
    );
    acknowledge(
      this.role,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The only inline policy is the CDK-generated default policy of this single-purpose role ' +
        '(X-Ray, its own log group, the table and key grants); it is created, reviewed and ' +
        'deleted with the role, so a separate managed policy would add no control.',
    );
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaInsideVPC',
      'The function reaches only AWS service APIs (DynamoDB, X-Ray, CloudWatch Logs) over TLS ' +
        'with SigV4; there is no private network resource to reach, and a VPC would add NAT or ' +
        'endpoint cost and cold-start latency without narrowing access, which IAM already scopes.',
    );
    if (!props.deadLetterQueue) {
      acknowledge(
        this.function,
        'HIPAA.Security-LambdaDLQ',
        'Invoked synchronously by API Gateway: the caller receives the error response and ' +
          'Lambda never retries, so an asynchronous dead-letter queue would never receive a message.',
      );
    }
    this.acknowledgeRuntime();
  }

  private acknowledgeRuntime(): void {
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x deliberately: it is the runtime the design specifies and the esbuild ' +
        'target of the bundles, and it is in AWS standard support. Moving to a newer runtime is ' +
        'a reviewed, tested change, not a side effect of upgrading aws-cdk-lib.',
    );
  }

  /**
   * Least privilege on the PHI table: item-level data-plane actions only (no Scan, which no
   * request path may use; no DescribeTable or streams), plus the key operations DynamoDB needs
   * from the caller for a customer-managed key, granted through the table.
   */
  grantTable(table: Table, access: TableAccess): void {
    const write = access === 'readWrite';
    table.grant(this.role, ...TABLE_READ_ACTIONS, ...(write ? TABLE_WRITE_ACTIONS : []));
    table.grantOnKey(this.role, ...KEY_READ_ACTIONS, ...(write ? KEY_WRITE_ACTIONS : []));

    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::${nagRef(this.role, table, 'Arn')}/index/*]`,
      'The table grant names <table ARN>/index/*: only the GSIs of this one PHI table ' +
        '(every index of table-schema.ts, gsi1-gsi4 today), so queries on any index added to the ' +
        'schema keep working; it cannot reach any other table.',
    );
    if (write) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(
          this.role,
          `AwsSolutions-IAM5[Action::${action}]`,
          `${action} is one of the key actions aws-cdk-lib grants for writing a table encrypted ` +
            "with a customer-managed key; Resource limits it to this table's single key.",
        );
      }
    }
  }
}
