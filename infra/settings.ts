/**
 * Deploy-time settings, read from CDK context (`cdk.json` or `-c key=value`) and the CLI's
 * environment. Every key is documented in docs/deploy.md; defaults are chosen so that
 * `npm run synth` works offline with no credentials and no flags.
 */
import type { Node } from 'constructs';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Settings {
  /** Undefined keeps the stack account-agnostic: the CLI's credentials decide at deploy time. */
  readonly account: string | undefined;
  readonly region: string;
  /** Prefix of the Cognito hosted UI domain: <prefix>.auth.<region>.amazoncognito.com. */
  readonly authDomainPrefix: string;
  /** Custom web domain and its ACM certificate (us-east-1), both or neither. */
  readonly webDomain: { readonly name: string; readonly certificateArn: string } | undefined;
  /** An existing CLOUDFRONT-scoped WebACL; required when the stack is not in us-east-1. */
  readonly webAclArn: string | undefined;
  readonly alarmEmail: string | undefined;
  /** ISO 3166-1 alpha-2 country codes allowed to load the web app. */
  readonly geoAllowlist: readonly string[];
  readonly functionReservedConcurrency: number;
  readonly logLevel: LogLevel;
}

/** Where the CloudFront-scoped WebACL and CloudFront certificates must live. */
export const CLOUDFRONT_REGION = 'us-east-1';

// US states plus the inhabited territories whose clinics the product serves.
const DEFAULT_GEO_ALLOWLIST = ['US', 'PR', 'VI', 'GU', 'AS', 'MP'];

type Env = Readonly<Record<string, string | undefined>>;

const text = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
};

const positiveInt = (node: Node, key: string, fallback: number): number => {
  const raw = text(node, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Context "${key}" must be a positive integer, got "${raw}".`);
  }
  return value;
};

const list = (node: Node, key: string, fallback: readonly string[]): readonly string[] => {
  const value: unknown = node.tryGetContext(key);
  if (Array.isArray(value)) return value.map((v) => String(v).trim().toUpperCase());
  const raw = text(node, key);
  return raw === undefined ? fallback : raw.split(',').map((s) => s.trim().toUpperCase());
};

export function readSettings(node: Node, env: Env = process.env): Settings {
  const webDomainName = text(node, 'webDomainName');
  const webCertificateArn = text(node, 'webCertificateArn');
  if ((webDomainName === undefined) !== (webCertificateArn === undefined)) {
    throw new Error('Context "webDomainName" and "webCertificateArn" must be given together.');
  }
  // CloudFront only accepts certificates and WebACLs that live in us-east-1.
  if (
    webCertificateArn !== undefined &&
    !webCertificateArn.includes(`:acm:${CLOUDFRONT_REGION}:`)
  ) {
    throw new Error(
      `Context "webCertificateArn" must be an ACM certificate in ${CLOUDFRONT_REGION}.`,
    );
  }
  const webAclArn = text(node, 'webAclArn');
  if (webAclArn !== undefined && !/:wafv2:us-east-1:\d{12}:global\/webacl\//.test(webAclArn)) {
    throw new Error(
      `Context "webAclArn" must be a CLOUDFRONT (global) WebACL in ${CLOUDFRONT_REGION}.`,
    );
  }
  const authDomainPrefix = text(node, 'authDomainPrefix') ?? 'bh-consult-dev';
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix)) {
    throw new Error(`Context "authDomainPrefix" is not a valid Cognito domain prefix.`);
  }
  const logLevel = (text(node, 'logLevel') ?? 'INFO').toUpperCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new Error(`Context "logLevel" must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  return {
    account: text(node, 'account') ?? env.CDK_DEFAULT_ACCOUNT,
    region: text(node, 'region') ?? env.CDK_DEFAULT_REGION ?? CLOUDFRONT_REGION,
    authDomainPrefix,
    webDomain:
      webDomainName !== undefined && webCertificateArn !== undefined
        ? { name: webDomainName, certificateArn: webCertificateArn }
        : undefined,
    webAclArn,
    alarmEmail: text(node, 'alarmEmail'),
    geoAllowlist: list(node, 'geoAllowlist', DEFAULT_GEO_ALLOWLIST),
    functionReservedConcurrency: positiveInt(node, 'functionReservedConcurrency', 10),
    logLevel: logLevel as LogLevel,
  };
}
