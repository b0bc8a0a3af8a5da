import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // Browser tests need Chromium: `npm run test:browser` (CI runs both).
    exclude: ['**/node_modules/**', '.data/**', 'cdk.out/**', '**/*.browser.test.ts'],
    // One local AWS world (DynamoDB, S3, SQS, the AWS stand-in) for the whole run, on free ports.
    globalSetup: ['test/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', WECARE_LOG_LEVEL: 'SILENT' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
