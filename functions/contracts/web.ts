import * as z from 'zod';

/**
 * /config.json served next to the web app: the same build runs locally and in AWS, only this
 * document differs (written by the local platform, or by the CDK deployment).
 */
export const WebConfig = z.object({
  apiUrl: z.url(),
  /** The paging socket (ws:// locally, wss:// API Gateway WebSocket API in AWS). */
  wsUrl: z.url({ protocol: /^wss?$/ }).optional(),
  auth: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('local'), issuerUrl: z.url() }),
    z.object({
      mode: z.literal('cognito'),
      /** Hosted UI base URL, e.g. https://<prefix>.auth.<region>.amazoncognito.com */
      domain: z.url(),
      clientId: z.string().min(1),
      region: z.string().min(1),
      redirectUri: z.url(),
    }),
  ]),
});
export type WebConfig = z.infer<typeof WebConfig>;

/** The local identity issuer (stands in for Cognito in `npm start`): demo users to pick from. */
export const LocalDemoUser = z.object({
  username: z.string(),
  displayName: z.string(),
  /** e.g. "PCP · Pine Ridge Family Clinic" */
  title: z.string(),
});
export const LocalUsersResponse = z.object({ users: z.array(LocalDemoUser) });
export const LocalTokenRequest = z.object({ username: z.string().min(1) });
export const LocalTokenResponse = z.object({
  idToken: z.string(),
  expiresIn: z.number().int().positive(),
});
