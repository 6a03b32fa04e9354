/**
 * The full synth the CLI does, into a temp dir: handlers bundled with esbuild, a stand-in web
 * build deployed, and cdk-nag's AWS Solutions and HIPAA Security packs run as validation plugins.
 * Asserts nothing is left unacknowledged, every acknowledgment says why, and none is stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../functions/contracts/api';
import { MIN_REASON_LENGTH } from '../../infra/acknowledge';
import { buildApp, STACK_NAME } from '../../infra/app';
import { NO_BUNDLING, TEST_CONTEXT, type CfnResource } from './support';

interface Violation {
  readonly ruleName: string;
  readonly severity: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
}
interface Report {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: Violation[];
  }[];
}
interface Acknowledgment {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

const NAG_PACKS = ['AwsSolutions', 'HIPAA.Security'];
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
};

/** A stand-in for `npm run build:web`, so the BucketDeployment path is checked too. */
const fakeWebBuild = (): string => {
  const dist = tempDir('bh-web-dist-');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><script src="/assets/app.js"></script>',
  );
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
  return dist;
};

const readReport = (outdir: string): Report =>
  JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;

/** Acknowledgments as recorded in the cloud assembly (what auditors and the CLI see). */
const readAcknowledgments = (outdir: string): Acknowledgment[] => {
  const file = path.join(outdir, `${STACK_NAME}.metadata.json`);
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    { type: string; data: Record<string, string> }[]
  >;
  return Object.entries(metadata).flatMap(([constructPath, entries]) =>
    entries
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data).map(([id, reason]) => ({
          path: constructPath.replace(/^\//, ''),
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
};

const findings = (report: Report, plugins: readonly string[]) =>
  report.pluginReports
    .filter((plugin) => plugins.includes(plugin.pluginName))
    .flatMap((plugin) =>
      plugin.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath })),
      ),
    );

let outdir: string;
let webDist: string;
let synthError: unknown;

beforeAll(() => {
  outdir = tempDir('bh-cdk-out-');
  webDist = fakeWebBuild();
  const { app } = buildApp({ outdir, webDist, env: {}, context: TEST_CONTEXT });
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
});

afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('cdk-nag (AwsSolutions + HIPAA Security)', () => {
  it('leaves no finding unacknowledged and synthesizes', () => {
    const report = readReport(outdir);
    const open = report.pluginReports.flatMap((plugin) =>
      plugin.violations
        .filter((v) => NAG_PACKS.includes(plugin.pluginName) || v.severity !== 'warning')
        .map((v) => `${plugin.pluginName}: ${v.ruleName}`),
    );
    expect(open).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it('gives every acknowledgment a specific reason', () => {
    const acknowledgments = readAcknowledgments(outdir);
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const ack of acknowledgments) {
      expect(ack.id, ack.path).toMatch(/^(AwsSolutions|HIPAA\.Security)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(ack.reason.trim().length, `${ack.id} on ${ack.path}`).toBeGreaterThanOrEqual(
        MIN_REASON_LENGTH,
      );
    }
  });

  it('acknowledges only findings that exist (and both packs really run)', () => {
    // Same app with acknowledgments switched off: what the packs report raw.
    const rawOut = tempDir('bh-cdk-raw-');
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    try {
      const { app } = buildApp({
        outdir: rawOut,
        webDist,
        env: {},
        context: { ...TEST_CONTEXT, ...NO_BUNDLING },
      });
      expect(() => app.synth()).toThrow();
    } finally {
      spy.mockRestore();
    }
    const raw = findings(readReport(rawOut), NAG_PACKS);
    expect(new Set(raw.map((f) => f.rule.split('-')[0]))).toEqual(
      new Set(['AwsSolutions', 'HIPAA.Security']),
    );

    const stale = readAcknowledgments(outdir).filter(
      (ack) =>
        !raw.some(
          (f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)),
        ),
    );
    expect(stale.map((ack) => `${ack.id} on ${ack.path}`)).toEqual([]);
  });
});

describe('synthesized assets', () => {
  const template = (): Record<string, CfnResource> =>
    (
      JSON.parse(readFileSync(path.join(outdir, `${STACK_NAME}.template.json`), 'utf8')) as {
        Resources: Record<string, CfnResource>;
      }
    ).Resources;

  /** The main stack's resources and every nested stack's, as synthesized. */
  const everyTemplate = (): Record<string, CfnResource> =>
    Object.assign(
      {},
      ...readdirSync(outdir)
        .filter((file) => file.endsWith('.template.json'))
        .map(
          (file) =>
            (
              JSON.parse(readFileSync(path.join(outdir, file), 'utf8')) as {
                Resources: Record<string, CfnResource>;
              }
            ).Resources,
        ),
    ) as Record<string, CfnResource>;

  it('bundles each handler as ESM with source maps and without the AWS SDK', () => {
    const routeKeys = new Set(Object.values(routes).map((r) => `${r.method} ${r.path}`));
    // Every route's own function, found in its area's nested stack.
    const functions = Object.values(everyTemplate()).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        r.Properties.Runtime === 'nodejs22.x' &&
        routeKeys.has(String(r.Properties.Description)),
    );
    expect(functions).toHaveLength(routeKeys.size);
    for (const fn of functions) {
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const assetDir = path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
      const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(
        code.startsWith("import { createRequire as __houseCreateRequire } from 'node:module'"),
      ).toBe(true);
      expect(code).toMatch(/from\s*["']@aws-sdk\//);
      const map = JSON.parse(readFileSync(path.join(assetDir, 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources.filter((source) => source.includes('node_modules/@aws-sdk/'))).toEqual([]);
      expect(map.sources.some((source) => source.includes('functions/handlers/http/'))).toBe(true);
    }
  });

  it('deploys the web build with a config.json pointing at the API and Cognito', () => {
    const deployments = Object.values(template()).filter(
      (r) => r.Type === 'Custom::CDKBucketDeployment',
    );
    expect(deployments).toHaveLength(2);
    const configKey = deployments
      .flatMap((d) => d.Properties.SourceObjectKeys as string[])
      .map((key) => path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json'))
      .find((file) => {
        try {
          readFileSync(file);
          return true;
        } catch {
          return false;
        }
      });
    const config = JSON.parse(readFileSync(configKey ?? '', 'utf8')) as {
      apiUrl: string;
      auth: Record<string, string>;
    };
    expect(Object.keys(config)).toEqual(['apiUrl', 'wsUrl', 'auth']);
    expect(config.auth).toMatchObject({
      mode: 'cognito',
      domain: `https://${TEST_CONTEXT.authDomainPrefix}.auth.us-east-1.amazoncognito.com`,
      region: 'us-east-1',
    });
    expect(config.auth.redirectUri).toMatch(/\/auth\/callback$/);
    expect(Object.keys(config.auth).sort()).toEqual(
      ['clientId', 'domain', 'mode', 'redirectUri', 'region'].sort(),
    );
  });
});
