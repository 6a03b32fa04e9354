/**
 * Browser-side hardening for the web app, sent by CloudFront on every response: a strict CSP (the
 * app's only outbound hosts are its API and the Cognito hosted UI), HSTS preload, no framing, no
 * MIME sniffing, no referrer leaking paths to third parties, and only the powerful features the
 * video call needs.
 */
import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';

export interface CspSources {
  /** Exact API origin (https://<id>.execute-api.<region>.amazonaws.com). */
  readonly apiUrl: string;
  /** Cognito hosted UI origin; the app exchanges the authorization code there. */
  readonly authUrl: string;
  /** Further connect-src origins (e.g. the realtime WebSocket API, Chime) as features land. */
  readonly extraConnectSrc?: readonly string[];
}

export function contentSecurityPolicy(sources: CspSources): string {
  const connect = ["'self'", sources.apiUrl, sources.authUrl, ...(sources.extraConnectSrc ?? [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** Camera and microphone for the warm-handoff call; everything else a page could ask for is off. */
export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(self), display-capture=(), geolocation=(), payment=(), usb=(), ' +
  'serial=(), bluetooth=()';

export class SecurityHeaders extends Construct {
  readonly policy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, sources: CspSources) {
    super(scope, id);
    this.policy = new ResponseHeadersPolicy(this, 'Policy', {
      comment: 'BH consult web security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(sources),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        // The legacy XSS auditor is itself an attack surface; modern guidance is to disable it.
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
  }
}
