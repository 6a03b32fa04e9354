/**
 * The push and meeting grants, and the exact cdk-nag finding ids they raise, for a role in the
 * main stack or in the realtime nested stack (where the main stack's resources arrive as
 * CDK-generated parameters, which cdk-nag names instead of the logical id).
 */
import { Stack, Token } from 'aws-cdk-lib';
import type { IWebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { acknowledge, nagRef } from '../acknowledge';
import type { HouseFunction } from './house-function';

export const SOCKET_STAGE = 'live';
export const CHIME_MEETING_ACTIONS = [
  'chime:CreateMeetingWithAttendees',
  'chime:CreateAttendee',
  'chime:GetAttendee',
  'chime:GetMeeting',
  'chime:DeleteMeeting',
];

const nagArn = (stack: Stack, service: string, resource: string): string => {
  const part = (value: string, pseudo: string) => (Token.isUnresolved(value) ? pseudo : value);
  return [
    'arn',
    part(stack.partition, '<AWS::Partition>'),
    service,
    part(stack.region, '<AWS::Region>'),
    part(stack.account, '<AWS::AccountId>'),
    resource,
  ].join(':');
};

/** PostToConnection on the socket's one stage; connection ids exist only once consoles connect. */
export const grantPush = (
  fn: HouseFunction,
  socketApi: IWebSocketApi,
  managementEndpoint: string,
): void => {
  const stack = Stack.of(fn);
  fn.function.addEnvironment('WS_MANAGEMENT_ENDPOINT', managementEndpoint);
  const resourceName = `${SOCKET_STAGE}/POST/@connections/*`;
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['execute-api:ManageConnections'],
      resources: [
        stack.formatArn({ service: 'execute-api', resource: socketApi.apiId, resourceName }),
      ],
    }),
  );
  const api = nagRef(fn, socketApi, 'Ref');
  acknowledge(
    fn.role,
    `AwsSolutions-IAM5[Resource::${nagArn(stack, 'execute-api', `${api}/${resourceName}`)}]`,
    'Push to the paging socket: execute-api:ManageConnections (POST only) on the one stage of ' +
      'this WebSocket API; the wildcard is the connection id, which exists only once a console ' +
      'connects.',
  );
};

/** Chime SDK meetings of this account, managed from this region (the control plane that made them). */
export const grantMeetings = (fn: HouseFunction): void => {
  const stack = Stack.of(fn);
  fn.function.addEnvironment('MEETINGS_PROVIDER', 'chime');
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: CHIME_MEETING_ACTIONS,
      resources: [stack.formatArn({ service: 'chime', resource: 'meeting', resourceName: '*' })],
    }),
  );
  acknowledge(
    fn.role,
    `AwsSolutions-IAM5[Resource::${nagArn(stack, 'chime', 'meeting/*')}]`,
    'Chime SDK meetings of this account and region only, with the five meeting and attendee ' +
      'actions a handoff call needs; a meeting id exists only after CreateMeetingWithAttendees.',
  );
};
