import { join } from 'node:path';
import type { WebConfig } from '../contracts/web';
import { createDocumentClient, createDynamoDbClient } from '../adapters/dynamodb/client';
import { createDynamoStore } from '../adapters/dynamodb/store';
import type { Store } from '../ports/store';
import { demoUsers, type DemoUser } from './demo-network';
import { startDynamoDbLocal, ensureTable } from './dynamodb-local';
import { startGateway } from './gateway';
import { createLocalIdentity } from './identity';
import { freePort } from './ports';
import { seedDemoNetwork } from './seed';
import { startSchedulingJobs } from './scheduling-jobs';
import { startHandoffSweep } from './handoff-sweep';
import { SOCKET_PATH, startSocketGateway } from './socket-gateway';

const REGION = 'us-east-1';
const ROOT = join(import.meta.dirname, '..', '..');

export interface LocalPlatformOptions {
  /** 0 picks a free port. */
  apiPort?: number;
  webPort?: number;
  dynamoPort?: number;
  /** Keep DynamoDB Local's data in this folder between runs (default: in memory). */
  persistDir?: string;
  tableName?: string;
  /** Serve the web app with Vite (tests of the API alone can skip it). */
  web?: boolean;
  log?: (line: string) => void;
}

export interface LocalPlatform {
  apiUrl: string;
  webUrl: string | undefined;
  dynamoEndpoint: string;
  tableName: string;
  store: Store;
  users: DemoUser[];
  /** Stops everything this platform started; nothing is left listening. */
  stop(): Promise<void>;
}

/**
 * The whole platform on one machine with no AWS account: DynamoDB Local, the local gateway and
 * identity issuer, the seeded demo network, and the web app.
 */
export const startLocalPlatform = async (
  options: LocalPlatformOptions = {},
): Promise<LocalPlatform> => {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const tableName = options.tableName ?? 'bh-consult-local';
    const dynamo = await startDynamoDbLocal({
      ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
      ...(options.persistDir ? { persistDir: options.persistDir } : {}),
    });
    stops.push(dynamo.stop);

    const rawClient = createDynamoDbClient({ region: REGION, endpoint: dynamo.endpoint });
    await ensureTable(rawClient, tableName);
    rawClient.destroy();

    // The handlers build their dependencies from the same environment a Lambda gets.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const store = createDynamoStore({
      tableName,
      client: createDocumentClient({ region: REGION, endpoint: dynamo.endpoint }),
    });
    await seedDemoNetwork(store);

    const apiPort = options.apiPort || (await freePort());
    const webPort = options.webPort || (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const identity = await createLocalIdentity(apiUrl);
    const gateway = await startGateway({
      port: apiPort,
      identity,
      users: demoUsers,
      webOrigin: webUrl,
      ...(options.log ? { log: options.log } : {}),
    });
    stops.push(gateway.stop);

    // @platform:realtime (local socket gateway, handoff sweep timer)
    const sockets = await startSocketGateway({
      server: gateway.server,
      identity,
      ...(options.log ? { log: options.log } : {}),
    });
    stops.push(sockets.stop);
    const wsUrl = `ws://127.0.0.1:${apiPort}${SOCKET_PATH}`;
    stops.push(startHandoffSweep(options.log));
    // @platform:scheduling (slot generation / release timer)
    stops.push(await startSchedulingJobs(store, options.log));

    let servedWebUrl: string | undefined;
    if (options.web !== false) {
      const config: WebConfig = { apiUrl, wsUrl, auth: { mode: 'local', issuerUrl: apiUrl } };
      process.env.BH_WEB_CONFIG = JSON.stringify(config);
      const { createServer } = await import('vite');
      const vite = await createServer({
        configFile: join(ROOT, 'web', 'vite.config.ts'),
        server: { port: webPort, strictPort: true, host: '127.0.0.1' },
        logLevel: 'warn',
        clearScreen: false,
      });
      await vite.listen();
      stops.push(() => vite.close());
      servedWebUrl = webUrl;
    }

    return {
      apiUrl: gateway.url,
      webUrl: servedWebUrl,
      dynamoEndpoint: dynamo.endpoint,
      tableName,
      store,
      users: demoUsers,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
