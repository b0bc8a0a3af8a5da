import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Each client's module (core/aws/clients/), by the AwsClients key that reads it. */
const moduleOf: Record<string, string> = {
  dynamoDb: 'dynamodb',
  documents: 'dynamodb',
  s3: 's3',
  sqs: 'sqs',
  socialMessaging: 'social-messaging',
  bedrockRuntime: 'bedrock-runtime',
  bedrockAgentRuntime: 'bedrock-agent-runtime',
  bedrockAgent: 'bedrock-agent',
  sesv2: 'sesv2',
  smsVoice: 'sms-voice',
  lambda: 'lambda',
};

/** Runtime code (what a Lambda bundle may hold): not the local world, tests, benchmarks or the CDK app. */
function runtimeSources(): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
    encoding: 'utf8',
  }).split('\n');
  return files.filter(
    (file) =>
      file &&
      !file.includes('.test.') &&
      !/^(infra|test|bench|evals|node_modules)\//.test(file) &&
      !file.startsWith('core/aws/'),
  );
}

describe('AWS clients in a Lambda bundle', () => {
  it("are imported (registered) by every module that reads one, so that a function's bundle has the clients it uses", () => {
    const missing: string[] = [];
    let readers = 0;
    for (const file of runtimeSources()) {
      const source = readFileSync(file, 'utf8');
      const used = new Set(
        [...source.matchAll(/\b(?:clients(?:\.withoutRetries)?|noRetry)\.(\w+)/g)]
          .map((match) => moduleOf[match[1] ?? ''])
          .filter((module): module is string => Boolean(module)),
      );
      if (used.size > 0) readers += 1;
      for (const module of used)
        if (!source.includes(`import '#core/aws/clients/${module}.ts';`))
          missing.push(`${file} reads ${module}`);
    }
    expect(readers).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});
