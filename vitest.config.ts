import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    projects: [
      {
        // Pure code, the CLI in-process and the CDK app: no emulator, no Java.
        extends: true,
        // Files share a worker's module cache: pure tests restore what they change, and re-importing the SDK per file cost most of the run.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'], isolate: false },
      },
      {
        // Emulators start once for the whole run; each test file provisions its own prefixed resources.
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/adapters/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], isolate: false },
      },
      {
        // Long runs (storms, deep fuzzing): npm run test:stress, which CI runs after npm test.
        extends: true,
        test: { name: 'stress', include: ['test/stress/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 900_000 },
      },
    ],
  },
});
