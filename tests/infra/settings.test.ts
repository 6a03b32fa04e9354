/**
 * Deploy-time settings (context and CLI environment) and the non-default configuration: a custom
 * web domain, and a region other than us-east-1 with an existing CloudFront WebACL.
 */
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings';
import { buildTestApp, onlyResource, resourcesOf, synthTemplate } from './support';

const settingsFrom = (context: Record<string, unknown>, env: Record<string, string> = {}) =>
  readSettings(new App({ context }).node, env);

describe('readSettings', () => {
  it('defaults to us-east-1, no custom domain and an account-agnostic stack', () => {
    const settings = settingsFrom({});
    expect(settings).toMatchObject({
      account: undefined,
      region: 'us-east-1',
      webDomain: undefined,
      webAclArn: undefined,
      functionReservedConcurrency: 10,
      logLevel: 'INFO',
    });
    expect(settings.geoAllowlist).toContain('US');
  });

  it('takes account and region from the CLI environment, context first', () => {
    const env = { CDK_DEFAULT_ACCOUNT: '111122223333', CDK_DEFAULT_REGION: 'us-west-2' };
    expect(settingsFrom({}, env)).toMatchObject({ account: '111122223333', region: 'us-west-2' });
    expect(settingsFrom({ region: 'us-east-2', account: '444455556666' }, env)).toMatchObject({
      account: '444455556666',
      region: 'us-east-2',
    });
  });

  it('parses CLI strings', () => {
    const settings = settingsFrom({
      geoAllowlist: 'us, ca',
      functionReservedConcurrency: '25',
      logLevel: 'debug',
    });
    expect(settings.geoAllowlist).toEqual(['US', 'CA']);
    expect(settings.functionReservedConcurrency).toBe(25);
    expect(settings.logLevel).toBe('DEBUG');
  });

  it('rejects half or invalid configuration', () => {
    expect(() => settingsFrom({ webDomainName: 'app.example.org' })).toThrow(/together/);
    expect(() => settingsFrom({ authDomainPrefix: 'Not_Valid' })).toThrow(/prefix/);
    expect(() => settingsFrom({ functionReservedConcurrency: '0' })).toThrow(/positive/);
    expect(() => settingsFrom({ logLevel: 'LOUD' })).toThrow(/logLevel/);
    expect(() =>
      settingsFrom({
        webDomainName: 'app.example.org',
        webCertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc',
      }),
    ).toThrow(/us-east-1/);
    expect(() =>
      settingsFrom({ webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/x/1' }),
    ).toThrow(/CLOUDFRONT/);
  });
});

describe('outside us-east-1', () => {
  it('refuses to create a CLOUDFRONT WebACL and says what to do', () => {
    expect(() => buildTestApp({ context: { region: 'eu-west-1' } })).toThrow(/webAclArn/);
  });
});

describe('custom domain, eu-west-1, existing WebACL', () => {
  const domain = 'consult.example.org';
  const certificateArn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
  const webAclArn = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/bh/1234';
  let template: Template;
  beforeAll(() => {
    template = synthTemplate({
      context: {
        region: 'eu-west-1',
        webDomainName: domain,
        webCertificateArn: certificateArn,
        webAclArn,
      },
    });
  });

  it('serves the custom domain with its certificate and TLS 1.2 minimum', () => {
    const [, distribution] = onlyResource(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual([domain]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(config.WebACLId).toBe(webAclArn);
    expect(resourcesOf(template, 'AWS::WAFv2::WebACL')).toEqual([]);
  });

  it('allows CORS and Cognito redirects for exactly that origin', () => {
    const httpApis = resourcesOf(template, 'AWS::ApiGatewayV2::Api').filter(
      ([, resource]) => resource.Properties.ProtocolType === 'HTTP',
    );
    expect(httpApis).toHaveLength(1);
    const cors = httpApis.map(([, api]) => api.Properties.CorsConfiguration);
    expect(cors[0]).toMatchObject({ AllowOrigins: [`https://${domain}`] });
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.CallbackURLs).toEqual([`https://${domain}/auth/callback`]);
    expect(client.Properties.LogoutURLs).toEqual([`https://${domain}/sign-in`]);
  });
});
