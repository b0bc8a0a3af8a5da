import { type AwsClients, createAwsClients } from '#core/aws/aws-clients.ts';
import { type Config, loadConfig } from '#core/config/load-config.ts';

/**
 * Real SDK clients pointed at the test run's local world. `maxAttempts` is 1 so that an error
 * the stand-in returns reaches the test as the SDK's exception, not after silent retries.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, WECARE_AWS_MAX_ATTEMPTS: '1', ...overrides });
}

export function testClients(overrides: Record<string, string> = {}): AwsClients {
  return createAwsClients(testConfig(overrides));
}

/** A short unique suffix so tests sharing one world never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
