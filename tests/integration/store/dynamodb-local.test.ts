import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../../functions/adapters/dynamodb/client';
import {
  ensureTable,
  javaMajorVersion,
  startDynamoDbLocal,
} from '../../../functions/local/dynamodb-local';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ddb-local-test-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Resolves true when something accepts a TCP connection on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const tableNames = async (endpoint: string) => {
  const client = createDynamoDbClient({ region: 'eu-west-1', endpoint });
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
};

/** Runs `start` with PATH holding only `dir`, so `java` is whatever that folder has. */
const withPath = async <T>(dir: string, run: () => Promise<T>): Promise<T> => {
  const saved = process.env.PATH;
  process.env.PATH = dir;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
};

describe('startDynamoDbLocal', () => {
  it('answers on a free port and, once stopped, leaves nothing listening', async () => {
    const dynamo = await startDynamoDbLocal();
    expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
    expect(await listening(dynamo.port)).toBe(true);
    expect(await tableNames(dynamo.endpoint.replace('127.0.0.1', 'localhost'))).toEqual([]);

    await dynamo.stop();
    expect(await listening(dynamo.port)).toBe(false);
    await dynamo.stop(); // idempotent
  });

  it('keeps tables in persistDir between runs, on the port it is given', async () => {
    const dir = join(scratch, 'persist', 'nested');
    const first = await startDynamoDbLocal({ persistDir: dir });
    const client = createDynamoDbClient({ region: 'us-east-1', endpoint: first.endpoint });
    await ensureTable(client, 'kept-table');
    client.destroy();
    await first.stop();

    const second = await startDynamoDbLocal({ persistDir: dir, port: first.port });
    try {
      expect(second.port).toBe(first.port);
      // Any region and credentials see the same database (shared db).
      expect(await tableNames(second.endpoint)).toEqual(['kept-table']);
    } finally {
      await second.stop();
    }
  }, 60_000); // two JVM starts, and a persisted one loads SQLite first

  it('fails with one line naming the fix when java is missing', async () => {
    const empty = join(scratch, 'no-java');
    await rm(empty, { recursive: true, force: true });
    await mkdir(empty, { recursive: true });
    const error = await withPath(empty, () => startDynamoDbLocal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/Java 17\+.*apt-get install -y openjdk-17-jre-headless/);
    expect(message).not.toContain('\n');
  });

  it('fails with one line naming the fix when java is older than 17', async () => {
    const dir = join(scratch, 'old-java');
    await mkdir(dir, { recursive: true });
    const java = join(dir, 'java');
    await writeFile(java, '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n');
    await chmod(java, 0o755);
    const error = await withPath(dir, () => startDynamoDbLocal()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'DynamoDB Local needs Java 17+ but `java` is Java 11: install it with `apt-get install -y openjdk-17-jre-headless`',
    );
  });

  it('reads the major version from every java -version style', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_381"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('openjdk version "22-ea" 2024-03-19')).toBe(22);
    expect(javaMajorVersion('something else')).toBeUndefined();
  });
});

describe('ensureTable', () => {
  it('creates the table once and is a no-op when it exists', async () => {
    const dynamo = await startDynamoDbLocal();
    const client = createDynamoDbClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    try {
      await Promise.all([ensureTable(client, 'twice-table'), ensureTable(client, 'twice-table')]);
      await ensureTable(client, 'twice-table');
      expect(await tableNames(dynamo.endpoint)).toEqual(['twice-table']);
    } finally {
      client.destroy();
      await dynamo.stop();
    }
  });
});
