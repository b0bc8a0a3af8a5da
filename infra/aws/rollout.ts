import type { Node } from 'constructs';
import type { TableDefinition } from '#core/tables/table-definitions.ts';

/**
 * How far the first deployment into the client's account has got (`-c wecare:rollout=<n>`).
 *
 * The account already runs the seed's eleven tables and seven of our function names (Python
 * functions). CloudFormation adopts a named resource as it is (`cdk deploy
 * --import-existing-resources`), without changing it, and adds at most one global secondary
 * index to a table per update. So the first deployment goes in steps:
 *
 * - `0` (adopt): the seed's tables exactly as they are (no index of ours), the seed-named
 *   functions as the Python functions they are (the seed's role, no trigger of ours), and
 *   everything new that nothing live depends on yet (our own tables and queues).
 * - `1`, `2`, …: each seed table gains its next index of ours; the functions stay as they are,
 *   because our code queries those indexes.
 * - complete (no context, every later deploy): all indexes, our functions with their own roles,
 *   triggers, schedule, API and alarms.
 *
 * Each step is reversible: every adopted resource is retained, so deleting the stacks leaves the
 * client's resources in place.
 */
export type Rollout =
  | { stage: 'adopt' }
  | { stage: 'indexes'; indexesPerSeedTable: number }
  | { stage: 'complete' };

export const rolloutContextKey = 'wecare:rollout';

export function rolloutOf(node: Node, seedTables: readonly TableDefinition[]): Rollout {
  const raw = node.tryGetContext(rolloutContextKey) as unknown;
  if (raw === undefined || raw === 'complete') return { stage: 'complete' };
  const step = Number(raw);
  if (!Number.isInteger(step) || step < 0)
    throw new Error(`${rolloutContextKey} must be a step number (0, 1, …) or "complete", not ${String(raw)}`);
  if (step === 0) return { stage: 'adopt' };
  return step >= stepsToComplete(seedTables)
    ? { stage: 'complete' }
    : { stage: 'indexes', indexesPerSeedTable: step };
}

/** The steps before everything is deployed: one per index on the seed table that gains the most. */
export function stepsToComplete(seedTables: readonly TableDefinition[]): number {
  return Math.max(
    0,
    ...seedTables.filter((table) => table.origin === 'seed').map((table) => table.indexes.length),
  );
}

/** How many of a table's indexes this step deploys. */
export function indexesDeployed(table: TableDefinition, rollout: Rollout): number {
  if (table.origin === 'platform' || rollout.stage === 'complete') return table.indexes.length;
  return rollout.stage === 'adopt' ? 0 : Math.min(rollout.indexesPerSeedTable, table.indexes.length);
}

/** Our functions replace the seed's Python functions only once every index they query exists. */
export function functionsLive(rollout: Rollout): boolean {
  return rollout.stage === 'complete';
}
