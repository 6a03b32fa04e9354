/**
 * The CLOUDFRONT-scoped WebACL in front of the web app: AWS managed common, known-bad-inputs and
 * IP-reputation rule groups plus a per-IP rate limit, with logs to an encrypted log group.
 * A CLOUDFRONT-scoped WebACL only exists in us-east-1, so this construct may only be used by a
 * stack deployed there (see docs/deploy.md for the other-region path).
 */
import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLOUDFRONT_REGION } from '../settings';
import type { Monitoring } from './monitoring';

/**
 * Requests per source IP per 5 minutes. A clinic's staff and tablets share one NAT address and a
 * page load is ~30 requests, so this allows dozens of page loads a minute per clinic.
 */
export const WEB_RATE_LIMIT = 2000;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedGroup = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: visibility(name),
});

export class WebFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { readonly monitoring: Monitoring }) {
    super(scope, id);
    const { region } = Stack.of(this);
    if (Token.isUnresolved(region) || region !== CLOUDFRONT_REGION) {
      throw new Error(
        `A CLOUDFRONT-scoped WebACL can only be created in ${CLOUDFRONT_REGION}; ` +
          `deploy there or pass -c webAclArn=<existing us-east-1 WebACL ARN>.`,
      );
    }

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('bh-consult-web'),
      rules: [
        managedGroup('AWSManagedRulesCommonRuleSet', 0),
        managedGroup('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managedGroup('AWSManagedRulesAmazonIpReputationList', 2),
        {
          name: 'RateLimitPerIp',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WEB_RATE_LIMIT, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });

    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    const stack = Stack.of(this);
    const logs = props.monitoring.logGroup(this, 'Logs', `aws-waf-logs-${stack.stackName}`);
    // WAF wants the bare log-group ARN, not the ":*" form CloudFormation's Arn attribute returns.
    const logsArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logs.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logsArn],
      // The OAuth callback carries the authorization code in the query string.
      redactedFields: [
        { queryString: {} },
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'cookie' } },
      ],
    });
  }
}
