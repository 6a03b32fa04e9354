/**
 * The one way infra records a cdk-nag acknowledgment (cdk-nag 3: CDK's Validations API). Keeping
 * it in one helper lets tests and reviewers grep every acknowledgment, and refuses reasons too
 * short to mean anything to a security reviewer.
 */
import { CfnElement, Names, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const MIN_REASON_LENGTH = 40;

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`Acknowledgment ${id} on ${scope.node.path} needs a real reason.`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * How cdk-nag writes a reference to `target` inside a finding id, seen from `from`'s stack:
 * `<DataTableFDBAD0F2.Arn>` / `<Id>` in the same stack, and the CDK-generated parameter
 * (`<referenceto…Arn|Ref>`) in a nested stack, for acknowledging one specific wildcard resource.
 */
export function nagRef(from: IConstruct, target: IConstruct, attribute: 'Ref' | 'Arn'): string {
  const cfn = target.node.defaultChild;
  if (!(cfn instanceof CfnElement)) throw new Error(`${target.node.path} has no L1 resource.`);
  if (Stack.of(from) === Stack.of(cfn)) {
    const id = String(Stack.of(cfn).resolve(cfn.logicalId));
    return attribute === 'Ref' ? `<${id}>` : `<${id}.Arn>`;
  }
  return `<referenceto${Names.uniqueId(cfn)}${attribute}>`;
}

/** nagRef for `Fn::GetAtt <resource>.Arn` seen from the resource's own stack. */
export const nagArnRef = (resource: IConstruct): string => nagRef(resource, resource, 'Arn');
