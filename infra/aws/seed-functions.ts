import type { Node } from 'constructs';
import { z } from 'zod';

/**
 * The seed's Python functions as they run today, saved before the first deployment by
 * `npm run deploy:save-seed-functions` (their code copied to the deployment bucket, their settings
 * into cdk.context.json). Until our code replaces them, the template describes each exactly so:
 * adopting changes nothing, and a rollback of the step that replaces them restores the Python
 * function, code and all, instead of an empty shell.
 */
export const SeedFunction = z.object({
  name: z.string().regex(/^wecare-[a-z0-9-]+$/),
  runtime: z.string().min(1),
  handler: z.string().min(1),
  memoryMb: z.number().int().min(128).max(10_240),
  timeoutSeconds: z.number().int().min(1).max(900),
  roleArn: z.string().regex(/^arn:aws:iam::\d{12}:role\//),
  environment: z.record(z.string(), z.string()).default({}),
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  /** The code's copy in the deployment bucket, named by its SHA-256 (Lambda's CodeSha256, hex). */
  codeKey: z.string().regex(/^seed-functions\/[a-z0-9-]+\/[0-9a-f]{64}\.zip$/),
});
export type SeedFunction = z.infer<typeof SeedFunction>;

export const seedFunctionsContextKey = 'wecare:seedFunctions';

/** The saved seed function of that name, or an error that says how to save it. */
export function seedFunctionOf(node: Node, name: string): SeedFunction {
  const raw = node.tryGetContext(seedFunctionsContextKey) as unknown;
  if (raw === undefined)
    throw new Error(
      `The seed's functions are not saved yet: run \`npm run deploy:save-seed-functions\` (it writes ${seedFunctionsContextKey} to cdk.context.json) before the first rollout steps.`,
    );
  const saved = z.array(SeedFunction).parse(raw);
  const found = saved.find((entry) => entry.name === name);
  if (!found)
    throw new Error(
      `${name} is not among the saved seed functions: run \`npm run deploy:save-seed-functions\` again.`,
    );
  return found;
}
