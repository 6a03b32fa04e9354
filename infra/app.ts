/**
 * CDK entry point (`cdk.json` runs it with tsx) and the factory tests use. cdk-nag's AWS Solutions
 * and HIPAA Security packs run as validation plugins on every synth: an open finding fails the
 * synth, and the report lands in <outdir>/validation-report.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { defaultWebDist, projectRoot } from './paths';
import { readSettings } from './settings';
import { BhConsultStack } from './stack';

export const STACK_NAME = 'BhConsultStack';

export interface BuildAppOptions {
  /** Cloud assembly directory; the CLI's own when omitted. */
  readonly outdir?: string;
  /** Context on top of cdk.json's (same keys as `-c key=value`). */
  readonly context?: Record<string, unknown>;
  /** SPA build to deploy; defaults to web/dist when it exists, `false` to never deploy one. */
  readonly webDist?: string | false;
  /** Environment standing in for the CLI's (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface BuiltApp {
  readonly app: App;
  readonly stack: BhConsultStack;
}

/** cdk.json's context, so an app built in a test sees the same feature flags as `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({
    outdir: options.outdir,
    context: { ...cdkJsonContext(), ...options.context },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));

  const settings = readSettings(app.node, options.env);
  const stack = new BhConsultStack(app, STACK_NAME, {
    description: 'Telehealth behavioral-health consult platform (PHI)',
    env: { account: settings.account, region: settings.region },
    terminationProtection: true,
    settings,
    webDist: options.webDist === false ? undefined : (options.webDist ?? defaultWebDist),
  });
  Tags.of(stack).add('project', 'bh-consult');
  Tags.of(stack).add('data-classification', 'phi');
  return { app, stack };
}

const invokedDirectly = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (invokedDirectly) {
  buildApp().app.synth();
}
