import { defineConfig } from 'vitest/config';

// Refusals are logged at INFO; tests provoke hundreds of them on purpose.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: 'WARN' };

export default defineConfig({
  test: {
    env,
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 120_000,
          // nag.test.ts bundles every Lambda (about a hundred esbuild runs) in its set-up.
          hookTimeout: 600_000,
          env,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file starts a whole platform and a browser: on two cores, one at a time.
          fileParallelism: false,
          env,
        },
      },
    ],
  },
});
