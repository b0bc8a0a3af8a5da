import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { runTakeoverRaces } from '../../test/takeover-race.ts';

/**
 * One voice per conversation: a person takes over while the bot is mid-answer (model slowed to
 * seconds, a template and an invoice in flight). No effect of the bot may land after the takeover
 * succeeded. `npm run bench -- takeover-race` runs 1,000 of these trials.
 */
describe('a takeover racing the bot', () => {
  it('never lets an effect of the bot land after a successful takeover', async () => {
    const report = await runTakeoverRaces(testConfig(), testClients(), {
      trials: 24,
      concurrency: 8,
      modelLatencyMs: [300, 1500],
    });
    expect(report.trials).toBe(24);
    expect(report.effectsAfterTakeover).toBe(0);
    // The race was real: some trials had effects before the takeover, some none at all.
    expect(report.effectsBeforeTakeover + report.silentTrials).toBeGreaterThan(0);
  }, 120_000);
});
