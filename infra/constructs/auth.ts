/**
 * Identity: one Cognito user pool for staff and exam-room tablets. Groups carry the coarse role;
 * what a user may do in which clinic is decided server side from stored memberships (DESIGN.md),
 * so the pool holds no custom authorization attributes.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const USER_GROUPS = {
  pcp: 'Primary-care clinicians',
  ma: 'Medical assistants',
  bcm: 'Behavioral care managers',
  psychiatrist: 'Consulting psychiatrists',
  admin: 'Clinic administrators',
  tablet: 'Exam-room tablet device accounts (one per clinic room)',
} as const;

/** Where the web app receives the authorization code (the web reads it from config.json). */
export const AUTH_CALLBACK_PATH = '/auth/callback';
/** Where the hosted UI returns after sign-out (web/lib/cognito.ts builds the same URL). */
export const SIGN_OUT_PATH = '/sign-in';

export interface AuthProps {
  readonly domainPrefix: string;
  /** https origin of the web app; may be a token resolved from the distribution. */
  readonly webOrigin: string;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** Hosted UI base URL, known at synth time so the CSP need not wait for the domain resource. */
  readonly hostedUiUrl: string;
  /** The JWT issuer API Gateway validates tokens against. */
  readonly issuerUrl: string;
  readonly redirectUri: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { region } = Stack.of(this);

    this.userPool = new UserPool(this, 'UserPool', {
      // Staff and tablets are provisioned by an admin after a BAA-covered onboarding, never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // Pool-wide so no account (tablets included) can ever sign in on a password alone.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, description] of Object.entries(USER_GROUPS)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description });
    }

    this.redirectUri = `${props.webOrigin}${AUTH_CALLBACK_PATH}`;
    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret: public client, authorization code + PKCE.
      generateSecret: false,
      // Explicit, so Cognito's default (which adds CUSTOM_AUTH) never applies: SRP + refresh only.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [this.redirectUri],
        logoutUrls: [`${props.webOrigin}${SIGN_OUT_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      // One clinic day: a stolen refresh token dies overnight and MFA is asked again each morning.
      refreshTokenValidity: Duration.hours(12),
    });

    // Managed login (not the classic hosted UI): it walks a first-time user, tablets included,
    // through authenticator-app (TOTP) enrolment, which the pool-wide MFA requirement depends on.
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new CfnManagedLoginBranding(this, 'WebClientBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.hostedUiUrl = `https://${props.domainPrefix}.auth.${region}.amazoncognito.com`;
    this.issuerUrl = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
