import { parseArgs } from 'node:util';

// Node 20 is supported here until the machine moves to 22; the SDK's notice says nothing actionable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { startLocalPlatform } = await import('./platform');

/** `npm start`: the whole platform locally, then a short guide to what is running. */
const { values } = parseArgs({
  options: {
    persist: { type: 'string' },
    'api-port': { type: 'string', default: '3001' },
    'web-port': { type: 'string', default: '5173' },
    verbose: { type: 'boolean', default: false },
  },
});

const started = performance.now();
try {
  const platform = await startLocalPlatform({
    apiPort: Number(values['api-port']),
    webPort: Number(values['web-port']),
    ...(values.persist !== undefined ? { persistDir: values.persist || '.local-data' } : {}),
    ...(values.verbose ? { log: (line: string) => console.log(`  ${line}`) } : {}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nBehavioral-health consult platform is running locally (ready in ${seconds} s)\n`);
  console.log(`  Web app       ${platform.webUrl}`);
  console.log(`  API           ${platform.apiUrl}`);
  console.log(`  OpenAPI       ${platform.apiUrl}/openapi.json`);
  console.log(
    `  DynamoDB      ${platform.dynamoEndpoint} (table ${platform.tableName}, ${values.persist !== undefined ? 'persisted' : 'in memory'})`,
  );
  console.log(`\nDemo users (pick one on the sign-in page; no password locally):`);
  for (const user of platform.users) {
    console.log(`  ${user.username.padEnd(22)} ${user.displayName.padEnd(26)} ${user.title}`);
  }
  console.log('\nPress Ctrl-C to stop everything.');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void platform.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(
    `Could not start the local platform: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
