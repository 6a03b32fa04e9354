/**
 * The one way infra records a cdk-nag acknowledgment (cdk-nag 3: CDK's Validations API). Keeping
 * it in one helper lets tests and reviewers grep every acknowledgment, and refuses reasons too
 * short to mean anything to a security reviewer.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const MIN_REASON_LENGTH = 40;

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`Acknowledgment ${id} on ${scope.node.path} needs a real reason.`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}
