/** Shared helpers for the infra tests: build the app cheaply and read the template typed. */
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildAppOptions, type BuiltApp } from '../../infra/app';

/** Skips esbuild: template assertions need the resources, not the bundles (nag.test.ts bundles). */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** Context every test build uses, so assertions can name concrete values. */
export const TEST_CONTEXT = { authDomainPrefix: 'bh-consult-test' };

/** An app built without the CLI's environment or a web build. */
export const buildTestApp = (options: BuildAppOptions = {}): BuiltApp =>
  buildApp({
    webDist: false,
    env: {},
    ...options,
    context: { ...NO_BUNDLING, ...TEST_CONTEXT, ...options.context },
  });

export const synthTemplate = (options: BuildAppOptions = {}): Template =>
  Template.fromStack(buildTestApp(options).stack);

/** The main stack's template and those of the nested stacks holding the HTTP route functions. */
export interface ApiTemplates {
  main: Template;
  routes: Template[];
}
export const synthApiTemplates = (options: BuildAppOptions = {}): ApiTemplates => {
  const { stack } = buildTestApp(options);
  return {
    main: Template.fromStack(stack),
    routes: [...stack.api.routeStacks.values()].map((nested) => Template.fromStack(nested)),
  };
};

/** The function serving a route (its description is "<METHOD> <path>") and the template it is in. */
export const routeFunctionIn = (
  templates: readonly Template[],
  method: string,
  path: string,
): { template: Template; id: string; fn: CfnResource } => {
  for (const template of templates) {
    const match = resourcesOf(template, 'AWS::Lambda::Function').find(
      ([, fn]) => fn.Properties.Description === `${method} ${path}`,
    );
    if (match) return { template, id: match[0], fn: match[1] };
  }
  throw new Error(`No function for ${method} ${path}`);
};

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

export const resourcesOf = (template: Template, type: string): [string, CfnResource][] =>
  Object.entries(template.findResources(type) as Record<string, CfnResource>).map(
    ([id, resource]) => [id, { ...resource, Properties: resource.Properties ?? {} }],
  );

export const onlyResource = (template: Template, type: string): [string, CfnResource] => {
  const all = resourcesOf(template, type);
  if (all.length !== 1) throw new Error(`Expected one ${type}, found ${all.length}.`);
  return all[0] as [string, CfnResource];
};

/** Logical id behind `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attr] }`. */
export const refId = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) {
    const [id] = value['Fn::GetAtt'] as unknown[];
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
};

/** Every IAM action a role's attached inline policies allow. */
export const allowedActions = (template: Template, roleId: string): Set<string> => {
  const actions = new Set<string>();
  for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const roles = (policy.Properties.Roles ?? []) as unknown[];
    if (!roles.some((role) => refId(role) === roleId)) continue;
    const document = policy.Properties.PolicyDocument as { Statement: StatementLike[] };
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action].flat()) actions.add(action);
    }
  }
  return actions;
};

interface StatementLike {
  readonly Effect: string;
  readonly Action: string | string[];
}
