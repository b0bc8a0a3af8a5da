import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * Browser tests: the pages the platform serves, driven in headless Chromium (Debian's `chromium`,
 * which `.ci/run` installs) with playwright-core. Same local world as the other tests.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['**/*.browser.test.ts'],
    exclude: ['**/node_modules/**', '.data/**', 'cdk.out/**'],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
