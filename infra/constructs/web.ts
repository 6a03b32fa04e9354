/**
 * Web hosting: a private, versioned S3 bucket behind CloudFront (origin access control), security
 * headers, geo allow-list, WAF, and access logs for both. The SPA itself is uploaded by
 * WebDeployment (web-deployment.ts) when a build exists.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HttpVersion,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge';
import type { Monitoring } from './monitoring';
import { SecurityHeaders, type CspSources } from './security-headers';
import { WebFirewall } from './web-firewall';

export interface WebProps extends CspSources {
  readonly monitoring: Monitoring;
  readonly webDomain: { readonly name: string; readonly certificateArn: string } | undefined;
  /** Existing CLOUDFRONT WebACL; when absent one is created (stack must be in us-east-1). */
  readonly webAclArn: string | undefined;
  readonly geoAllowlist: readonly string[];
}

export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

export class Web extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly webAclArn: string;
  /** https origin users load the app from. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.logBucket = this.createLogBucket();
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-web/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'Holds only the public SPA bundle and config.json (no PHI; CloudFront serves every object to ' +
        'anyone). SSE-S3 encrypts it at rest; a KMS key would need a CloudFront key grant with a ' +
        'wildcard distribution ARN (the bucket/distribution/key cycle) for no confidentiality gain.',
    );
    acknowledge(
      this.bucket,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Contents are a build artifact reproducible from source control by redeploying; versioning ' +
        'covers accidental overwrites, so a cross-region replica would protect nothing unique.',
    );

    this.webAclArn =
      props.webAclArn ??
      new WebFirewall(this, 'Firewall', { monitoring: props.monitoring }).webAcl.attrArn;

    const headers = new SecurityHeaders(this, 'SecurityHeaders', props);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'BH consult web app',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers.policy,
        compress: true,
        functionAssociations: [
          { eventType: FunctionEventType.VIEWER_REQUEST, function: this.spaFallback() },
        ],
      },
      defaultRootObject: 'index.html',
      // A minimum TLS version only applies to a custom certificate (see the CFR4 note below).
      ...(props.webDomain && {
        domainNames: [props.webDomain.name],
        certificate: Certificate.fromCertificateArn(
          this,
          'Certificate',
          props.webDomain.certificateArn,
        ),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      geoRestriction: GeoRestriction.allowlist(...props.geoAllowlist),
      webAclId: this.webAclArn,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.origin = props.webDomain
      ? `https://${props.webDomain.name}`
      : `https://${this.distribution.distributionDomainName}`;

    if (!props.webDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'No custom domain was configured, so the distribution uses the default *.cloudfront.net ' +
          'certificate, for which CloudFront fixes the viewer policy at TLSv1. Production deploys ' +
          'pass webDomainName/webCertificateArn and get TLSv1.2_2021 (docs/deploy.md).',
      );
    }
  }

  /**
   * SPA fallback: any path without a file extension is an app route and gets index.html. Done at
   * the edge rather than with 403/404 error pages, which would also turn WAF, geo and missing-asset
   * errors into "200 index.html".
   */
  private spaFallback(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'SpaFallback', {
      comment: 'Serve index.html for client-side routes',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_FALLBACK_CODE),
    });
  }

  private createLogBucket(): Bucket {
    const bucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with an ACL grant, so ACLs must stay enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      bucket,
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'S3 server access logs can only be delivered to a destination bucket whose default ' +
        'encryption is SSE-S3 (AES256); with SSE-KMS delivery silently stops. Objects are still ' +
        'encrypted at rest, public access is blocked and TLS is enforced by bucket policy.',
    );
    acknowledge(
      bucket,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Access logs are operational telemetry kept for one year by lifecycle rule; versioning ' +
        'protects them from overwrite, and a replica would double their footprint for no recovery need.',
    );
    return bucket;
  }
}
