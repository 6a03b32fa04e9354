import { createContext, useContext } from 'react';
import { WebConfig } from './contracts';

export type { WebConfig };

/** Loads /config.json (served next to the app) and checks it against the contract. */
export async function loadConfig(signal?: AbortSignal): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-store', signal });
  if (!response.ok)
    throw new Error(`The app configuration could not be loaded (${response.status}).`);
  const parsed = WebConfig.safeParse(await response.json());
  if (!parsed.success) throw new Error('The app configuration is not valid.');
  return parsed.data;
}

export const ConfigContext = createContext<WebConfig | null>(null);

export function useConfig(): WebConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig outside ConfigContext');
  return config;
}

/** The path the identity provider redirects back to after sign-in. */
export const callbackPath = (config: WebConfig): string =>
  config.auth.mode === 'cognito' ? new URL(config.auth.redirectUri).pathname : '/auth/callback';
