/**
 * BhConsultStack: the whole platform in one stack, wired from one construct per concern.
 * Realtime (WebSocket paging, Chime) and jobs (EventBridge Scheduler) join in later issues.
 */
import { existsSync } from 'node:fs';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Data } from './constructs/data';
import { Monitoring } from './constructs/monitoring';
import { SchedulingJobs } from './constructs/scheduling-jobs';
import { Realtime } from './constructs/realtime';
import { Web } from './constructs/web';
import { WebDeployment } from './constructs/web-deployment';
import type { Settings } from './settings';

export interface BhConsultStackProps extends StackProps {
  readonly settings: Settings;
  /** Built SPA to upload; skipped when absent so synth and tests never need a web build. */
  readonly webDist?: string | undefined;
}

export class BhConsultStack extends Stack {
  readonly monitoring: Monitoring;
  readonly data: Data;
  readonly auth: Auth;
  readonly api: Api;
  readonly realtime: Realtime;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: BhConsultStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: settings.alarmEmail });
    this.data = new Data(this, 'Data');
    this.monitoring.alarmOnTable('Table', this.data.table);

    // The web origin is the distribution's own domain unless a custom one is configured; the
    // distribution is created last, so the Cognito callback URLs read it lazily.
    const webOrigin = settings.webDomain
      ? `https://${settings.webDomain.name}`
      : Lazy.string({ produce: () => this.web.origin });
    this.auth = new Auth(this, 'Auth', { domainPrefix: settings.authDomainPrefix, webOrigin });

    this.api = new Api(this, 'Api', {
      table: this.data.table,
      auth: this.auth,
      monitoring: this.monitoring,
      // Exact origin when it is known before deploy. The *.cloudfront.net name is not: naming it
      // here would form a cycle with the CSP, which names the API. See docs/deploy.md.
      corsOrigins: [settings.webDomain ? webOrigin : 'https://*'],
      logLevel: settings.logLevel,
      reservedConcurrency: settings.functionReservedConcurrency,
    });

    // @stack:realtime (WebSocket API, reconciler, handoff sweep)
    this.realtime = new Realtime(this, 'Realtime', {
      table: this.data.table,
      auth: this.auth,
      api: this.api,
      monitoring: this.monitoring,
      logLevel: settings.logLevel,
      reservedConcurrency: settings.functionReservedConcurrency,
    });
    // @stack:scheduling (slot generation and release schedules)
    new SchedulingJobs(this, 'SchedulingJobs', {
      table: this.data.table,
      monitoring: this.monitoring,
      logLevel: settings.logLevel,
    });
    this.web = new Web(this, 'Web', {
      monitoring: this.monitoring,
      apiUrl: this.api.url,
      authUrl: this.auth.hostedUiUrl,
      extraConnectSrc: this.realtime.connectSrc,
      webDomain: settings.webDomain,
      webAclArn: settings.webAclArn,
      geoAllowlist: settings.geoAllowlist,
    });
    if (props.webDist !== undefined && existsSync(props.webDist)) {
      new WebDeployment(this, 'WebDeployment', {
        bucket: this.web.bucket,
        distDir: props.webDist,
        monitoring: this.monitoring,
        config: {
          apiUrl: this.api.url,
          wsUrl: this.realtime.wsUrl,
          auth: {
            mode: 'cognito',
            domain: this.auth.hostedUiUrl,
            clientId: this.auth.webClient.userPoolClientId,
            region: this.region,
            redirectUri: this.auth.redirectUri,
          },
        },
      });
    }

    this.outputs();
  }

  private outputs(): void {
    const out = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    out('WebUrl', this.web.origin, 'Open the app here');
    out('ApiUrl', this.api.url, 'HTTP API base URL');
    out('UserPoolId', this.auth.userPool.userPoolId, 'Create staff and tablet users here');
    out('WebClientId', this.auth.webClient.userPoolClientId, 'Cognito app client of the web');
    out('AuthDomain', this.auth.hostedUiUrl, 'Cognito hosted UI');
    out('TableName', this.data.table.tableName, 'The PHI table');
    out('AlarmTopicArn', this.monitoring.alarmTopic.topicArn, 'Subscribe on-call here');
    out('DistributionId', this.web.distribution.distributionId, 'For cache invalidations');
    out(
      'DistributionDomainName',
      this.web.distribution.distributionDomainName,
      'Point a custom domain (alias/CNAME) here',
    );
  }
}
