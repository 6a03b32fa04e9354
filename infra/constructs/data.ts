/**
 * The single PHI table, built from functions/adapters/dynamodb/table-schema.ts so the deployed
 * keys and indexes can never drift from what the adapters and DynamoDB Local use; plus its
 * customer-managed key and an AWS Backup plan that keeps copies outside the table's own lifecycle.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Schedule } from 'aws-cdk-lib/aws-events';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableSchema } from '../../functions/adapters/dynamodb/table-schema';
import { acknowledge } from '../acknowledge';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

export class Data extends Construct {
  /** Customer-managed so key use is auditable in CloudTrail and access can be revoked. */
  readonly key: Key;
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'TableKey', {
      description: 'Encrypts the BH consult PHI table and its backups',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    this.addBackups();
  }

  /**
   * PITR covers 35 days of operator error; the vault adds longer-lived copies that survive even a
   * deleted table, and refuses deletion of recovery points.
   */
  private addBackups(): void {
    const vault = new BackupVault(this, 'BackupVault', {
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
    });
    const plan = new BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '5', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '5', minute: '0' }),
          deleteAfter: Duration.days(366),
        }),
      ],
    });
    const selection = plan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(this.table)],
    });
    acknowledge(
      selection,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The AWS Backup service role uses the AWS-maintained AWSBackupServiceRolePolicyForBackup, ' +
        'which AWS keeps in step with the backup APIs of every supported service; it is assumable ' +
        'only by backup.amazonaws.com and grants no data-plane read of the table.',
    );
  }
}
