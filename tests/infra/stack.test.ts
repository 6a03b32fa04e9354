/**
 * Template assertions for BhConsultStack in its default configuration (us-east-1, default
 * CloudFront domain, no web build). Built once; bundling is skipped (nag.test.ts bundles).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, tableSchema } from '../../functions/adapters/dynamodb/table-schema';
import { routes, type RouteSpec } from '../../functions/contracts/api';
import { USER_GROUPS } from '../../infra/constructs/auth';
import { CHIME_CONNECT_SRC } from '../../infra/constructs/realtime';
import {
  KEY_READ_ACTIONS,
  KEY_WRITE_ACTIONS,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from '../../infra/constructs/house-function';
import {
  allowedActions,
  onlyResource,
  refId,
  resourcesOf,
  routeFunctionIn,
  synthApiTemplates,
  TEST_CONTEXT,
  type CfnResource,
} from './support';

let template: Template;
/** The nested stacks' templates holding the route functions (see Api: one per product area). */
let routeTemplates: Template[];
beforeAll(() => {
  ({ main: template, routes: routeTemplates } = synthApiTemplates());
});

const routeList = Object.values(routes);

/** The HTTP API's resource of a type (the paging WebSocket API is tested in realtime.test.ts). */
const httpApiResource = (type: string): [string, CfnResource] => {
  const socketApis = resourcesOf(template, 'AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties.ProtocolType === 'WEBSOCKET')
    .map(([id]) => id);
  const http = resourcesOf(template, type).filter(
    ([id, r]) => !socketApis.includes(id) && !socketApis.includes(refId(r.Properties.ApiId) ?? ''),
  );
  if (http.length !== 1) throw new Error(`Expected one HTTP API ${type}, found ${http.length}.`);
  return http[0] as [string, CfnResource];
};
const json = (value: unknown): string => JSON.stringify(value);

/** The house function serving a route (its description is "<METHOD> <path>"). */
const routeFunction = (method: string, path: string): [string, CfnResource] => {
  const { id, fn } = routeFunctionIn(routeTemplates, method, path);
  return [id, fn];
};
const routeFunctions = () =>
  routeTemplates.flatMap((t) =>
    resourcesOf(t, 'AWS::Lambda::Function').map(([id, fn]) => ({ template: t, id, fn })),
  );
/** A nested stack output's value, by output name, from whichever route stack declares it. */
const nestedOutput = (name: string): unknown =>
  routeTemplates
    .map((t) => (t.toJSON() as { Outputs?: Record<string, { Value: unknown }> }).Outputs?.[name])
    .find((output) => output !== undefined)?.Value;

describe('data', () => {
  it('builds the one table with the keys and indexes of table-schema.ts', () => {
    const [, table] = onlyResource(template, 'AWS::DynamoDB::Table');
    const local = createTableInput('unused');
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
      a.AttributeName.localeCompare(b.AttributeName);
    const attributes = table.Properties.AttributeDefinitions as { AttributeName: string }[];
    expect([...attributes].sort(byName)).toEqual([...local.AttributeDefinitions].sort(byName));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(local.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(
      tableSchema.globalSecondaryIndexes.map((i) => i.indexName),
    );
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: tableSchema.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('protects the table: PITR, deletion protection, retain, customer-managed rotating key', () => {
    const [, table] = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    const sse = table.Properties.SSESpecification as Record<string, unknown>;
    expect(sse).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    const keyId = refId(sse.KMSMasterKeyId);
    const key = template.toJSON().Resources[keyId ?? ''] as CfnResource;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it('backs the table up with AWS Backup into a vault that blocks deletion', () => {
    const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
    const [, selection] = onlyResource(template, 'AWS::Backup::BackupSelection');
    expect(json(selection.Properties.BackupSelection)).toContain(tableId);
    const [, vault] = onlyResource(template, 'AWS::Backup::BackupVault');
    expect(json(vault.Properties.AccessPolicy)).toContain('backup:DeleteRecoveryPoint');
  });
});

describe('auth', () => {
  it('requires MFA (TOTP) pool-wide with a strong password policy and no self sign-up', () => {
    const [, pool] = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.Policies).toMatchObject({
      PasswordPolicy: {
        MinimumLength: 14,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
    expect(pool.Properties.UserPoolTier).toBe('PLUS');
    expect(pool.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('has exactly the six role groups', () => {
    const names = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(
      ([, group]) => group.Properties.GroupName,
    );
    expect(names.sort()).toEqual(Object.keys(USER_GROUPS).sort());
    expect(names).toEqual(
      expect.arrayContaining(['pcp', 'ma', 'bcm', 'psychiatrist', 'admin', 'tablet']),
    );
  });

  it('gives the web a public authorization-code client and a hosted UI domain', () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(json(client.Properties.CallbackURLs)).toContain('/auth/callback');
    const [, domain] = onlyResource(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toBe(TEST_CONTEXT.authDomainPrefix);
  });
});

describe('api', () => {
  it('has one route per route-table entry, each behind the Cognito JWT authorizer', () => {
    const [authorizerId, authorizer] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
    const [clientId] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    const [poolId] = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    const jwt = authorizer.Properties.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience.map(refId)).toEqual([clientId]);
    expect(json(jwt.Issuer)).toContain('https://cognito-idp.us-east-1.amazonaws.com/');
    expect(json(jwt.Issuer)).toContain(poolId);

    const apiRoutes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      routeList.map((r) => `${r.method} ${r.path}`).sort(),
    );
    for (const [, route] of apiRoutes) {
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(refId(route.Properties.AuthorizerId)).toBe(authorizerId);
    }
  });

  it('integrates each route with its own function', () => {
    const integrations = new Map(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'));
    const targets = new Set<string>();
    for (const route of routeList) {
      const [fnId] = routeFunction(route.method, route.path);
      const [, apiRoute] = resourcesOf(template, 'AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`,
      ) as [string, CfnResource];
      const integrationId = json(apiRoute.Properties.Target).match(/"Ref":"(\w+)"/)?.[1] ?? '';
      // The integration (main stack) points at the nested stack's output of the function's ARN.
      const uri = integrations.get(integrationId)?.Properties.IntegrationUri as {
        'Fn::GetAtt': [string, string];
      };
      const outputName = uri['Fn::GetAtt'][1].replace(/^Outputs\./, '');
      expect(refId(nestedOutput(outputName))).toBe(fnId);
      targets.add(fnId);
    }
    expect(targets.size).toBe(routeList.length);
    expect(routeFunctions()).toHaveLength(routeList.length);
    expect(resourcesOf(template, 'AWS::Lambda::Function').map(([, fn]) => fn)).not.toContainEqual(
      expect.objectContaining({ Properties: expect.objectContaining({ Runtime: 'nodejs22.x' }) }),
    );
  });

  it('builds every function the house way', () => {
    expect(routeFunctions()).toHaveLength(routeList.length);
    for (const { template: home, fn } of routeFunctions()) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        ReservedConcurrentExecutions: 10,
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' },
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: 'bh-consult-api',
            LOG_LEVEL: 'INFO',
            NODE_OPTIONS: '--enable-source-maps',
          }) as unknown,
        },
      });
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      // The table's name arrives as the nested stack's parameter for the main stack's table.
      expect(refId(env.TABLE_NAME)).toMatch(/^referenceto.*DataTable.*Ref$/);
      const logGroupId = refId((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
      const logGroup = home.toJSON().Resources[logGroupId ?? ''] as CfnResource;
      expect(logGroup.Properties.RetentionInDays).toBe(365);
      expect(logGroup.Properties.KmsKeyId).toBeDefined();
      const roleId = refId(fn.Properties.Role) ?? '';
      const role = home.toJSON().Resources[roleId] as CfnResource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants a writes:false route read-only table access and a writes:true route read/write', () => {
    const readOnly = routeList.find((r) => !r.writes);
    const readWrite = routeList.find((r) => r.writes);
    if (!readOnly || !readWrite) throw new Error('The route table lost its read-only route.');
    const actionsOf = (route: RouteSpec) => {
      const { template: home, fn } = routeFunctionIn(routeTemplates, route.method, route.path);
      return allowedActions(home, refId(fn.Properties.Role) ?? '');
    };
    const reader = actionsOf(readOnly);
    const writer = actionsOf(readWrite);
    for (const action of [...TABLE_READ_ACTIONS, ...KEY_READ_ACTIONS]) {
      expect(reader).toContain(action);
      expect(writer).toContain(action);
    }
    for (const action of [...TABLE_WRITE_ACTIONS, ...KEY_WRITE_ACTIONS]) {
      expect(reader).not.toContain(action);
      expect(writer).toContain(action);
    }
    for (const actions of [reader, writer]) {
      expect(actions).not.toContain('dynamodb:Scan');
      expect([...actions].filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
    }
  });

  it('throttles, logs access as JSON without raw paths, and limits CORS', () => {
    const [, stage] = httpApiResource('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const logs = stage.Properties.AccessLogSettings as { Format: string; DestinationArn: unknown };
    const format = JSON.parse(logs.Format) as Record<string, string>;
    expect(format.routeKey).toBe('$context.routeKey');
    expect(logs.Format).not.toMatch(/\$context\.(path|resourcePath)|querystring/i);
    const logGroup = template.toJSON().Resources[refId(logs.DestinationArn) ?? ''] as CfnResource;
    expect(logGroup.Properties.KmsKeyId).toBeDefined();

    const [, api] = httpApiResource('AWS::ApiGatewayV2::Api');
    // Default domain: see docs/deploy.md (settings.test.ts checks the exact-origin case).
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://*'],
      AllowCredentials: false,
      AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    });
  });
});

describe('web', () => {
  it('keeps the bucket private, encrypted, versioned, TLS-only and access-logged', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    const [, web] = buckets.find(([, b]) => b.Properties.LoggingConfiguration) as [
      string,
      CfnResource,
    ];
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(json(bucket.Properties.BucketEncryption)).toContain('AES256');
    }
    expect(web.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3-web/' });
    for (const [, policy] of resourcesOf(template, 'AWS::S3::BucketPolicy')) {
      expect(json(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('serves through CloudFront with OAC, HTTPS, index.html, SPA fallback, logs, geo and WAF', () => {
    const [, distribution] = onlyResource(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.DefaultRootObject).toBe('index.html');
    const origin = (config.Origins as Record<string, unknown>[])[0] ?? {};
    expect(origin.OriginAccessControlId).toBeDefined();
    onlyResource(template, 'AWS::CloudFront::OriginAccessControl');
    const behavior = config.DefaultCacheBehavior as Record<string, unknown>;
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(json(behavior.FunctionAssociations)).toContain('viewer-request');
    const [, fallback] = onlyResource(template, 'AWS::CloudFront::Function');
    expect(fallback.Properties.FunctionCode).toContain("request.uri = '/index.html'");
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    expect(json(config.Restrictions)).toContain('"RestrictionType":"whitelist"');
    const [aclId, acl] = onlyResource(template, 'AWS::WAFv2::WebACL');
    expect(refId(config.WebACLId)).toBe(aclId);
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
  });

  it('sends strict security headers', () => {
    const [, policy] = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = policy.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    const headers = config.SecurityHeadersConfig;
    const csp = json(headers.ContentSecurityPolicy?.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    const [apiId] = httpApiResource('AWS::ApiGatewayV2::Api');
    // The exact API origin, not a wildcard: connect-src is what stops an XSS exfiltrating PHI.
    expect(csp).toContain(`connect-src 'self' ",{"Fn::GetAtt":["${apiId}","ApiEndpoint"]}`);
    // Chime's own endpoints are the only wildcards (its media hosts are per meeting).
    expect(CHIME_CONNECT_SRC.reduce((rest, src) => rest.replace(src, ''), csp)).not.toContain('*');
    expect(csp).toContain(
      `https://${TEST_CONTEXT.authDomainPrefix}.auth.us-east-1.amazoncognito.com`,
    );
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
  });

  it('runs the WAF managed rule groups and a rate limit, logging to an encrypted group', () => {
    const [aclId, acl] = onlyResource(template, 'AWS::WAFv2::WebACL');
    const rules = acl.Properties.Rules as { Name: string; Statement: Record<string, unknown> }[];
    expect(rules.map((r) => r.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
      'RateLimitPerIp',
    ]);
    expect(rules[3]?.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP' });
    const [, logging] = onlyResource(template, 'AWS::WAFv2::LoggingConfiguration');
    expect(refId(logging.Properties.ResourceArn)).toBe(aclId);
    expect(json(logging.Properties.RedactedFields)).toContain('QueryString');
  });

  it('does not deploy a web build when there is none', () => {
    expect(resourcesOf(template, 'Custom::CDKBucketDeployment')).toEqual([]);
  });
});

describe('monitoring', () => {
  it('alarms on function errors and throttles, API 5xx and table throttles/system errors', () => {
    const [topicId, topic] = onlyResource(template, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const [, alarm] of resourcesOf(template, 'AWS::CloudWatch::Alarm')) {
      expect((alarm.Properties.AlarmActions as unknown[]).map(refId)).toEqual([topicId]);
    }
    // In the route stacks the topic arrives as the nested stack's parameter.
    const routeAlarms = routeTemplates.flatMap((t) => resourcesOf(t, 'AWS::CloudWatch::Alarm'));
    for (const [, alarm] of routeAlarms) {
      expect((alarm.Properties.AlarmActions as unknown[]).map(refId)).toEqual([
        expect.stringMatching(/^referenceto.*AlarmTopic.*Ref$/),
      ]);
    }
    const alarms = [...resourcesOf(template, 'AWS::CloudWatch::Alarm'), ...routeAlarms];
    const metricNames = alarms.map(([, a]) => json(a.Properties));
    const count = (pattern: RegExp) => metricNames.filter((m) => pattern.test(m)).length;
    expect(count(/"MetricName":"Errors"/)).toBe(routeList.length);
    expect(count(/"MetricName":"Throttles"/)).toBe(routeList.length);
    expect(count(/"MetricName":"5xx"/)).toBe(1);
    expect(count(/ThrottleEvents/)).toBe(1);
    expect(count(/SystemErrors/)).toBe(1);
  });

  it('encrypts every log group with a customer-managed key and sets a retention', () => {
    for (const [, logGroup] of [template, ...routeTemplates].flatMap((t) =>
      resourcesOf(t, 'AWS::Logs::LogGroup'),
    )) {
      expect(logGroup.Properties.KmsKeyId).toBeDefined();
      expect(logGroup.Properties.RetentionInDays).toBe(365);
    }
  });
});
