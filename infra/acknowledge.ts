/**
 * The one way infra records a cdk-nag acknowledgment (cdk-nag 3: CDK's Validations API). Keeping
 * it in one helper lets tests and reviewers grep every acknowledgment, and refuses reasons too
 * short to mean anything to a security reviewer.
 */
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const MIN_REASON_LENGTH = 40;

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`Acknowledgment ${id} on ${scope.node.path} needs a real reason.`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * How cdk-nag writes `Fn::GetAtt <resource>.Arn` inside an IAM5 finding id
 * (e.g. `<DataTableFDBAD0F2.Arn>`), for acknowledging one specific wildcard resource.
 */
export function nagArnRef(resource: IConstruct): string {
  const cfn = resource.node.defaultChild;
  if (!(cfn instanceof CfnElement)) throw new Error(`${resource.node.path} has no L1 resource.`);
  return `<${String(Stack.of(cfn).resolve(cfn.logicalId))}.Arn>`;
}
