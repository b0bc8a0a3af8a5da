/**
 * One voice per conversation, under load: 1,000 trials of a human agent taking a conversation over
 * while the bot is mid-answer (Converse slowed to 0.5–2.5 s a call, a template and an invoice asked
 * for in flight, the takeover at a random moment), through the real handlers of the local world.
 * Target: 0 bot effects after a successful takeover. Prints the counts and how long takeovers
 * waited for an effect in flight.
 */
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';
import { runTakeoverRaces } from '../test/takeover-race.ts';

const trials = Number(process.env.BENCH_TRIALS ?? 1000);
const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
  persistent: false,
  ephemeralPorts: true,
});
try {
  const started = performance.now();
  const report = await runTakeoverRaces(world.config, createAwsClients(world.config), {
    trials,
    concurrency: 40,
    modelLatencyMs: [500, 2500],
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`takeover races: ${report.trials} trials in ${seconds} s`);
  console.log(`  bot effects before the takeover succeeded: ${report.effectsBeforeTakeover}`);
  console.log(`  bot effects after the takeover succeeded:  ${report.effectsAfterTakeover} (target 0)`);
  console.log(`  trials where the takeover came first and the bot did nothing: ${report.silentTrials}`);
  console.log(
    `  takeover wait for an effect in flight: p50 ${report.takeoverWaitP50Ms} ms, max ${report.takeoverWaitMaxMs} ms`,
  );
  if (report.effectsAfterTakeover > 0) process.exitCode = 1;
} finally {
  await world.stop();
}
