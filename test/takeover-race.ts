import { randomUUID } from 'node:crypto';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { handler as inbound } from '../functions/wecare-inbound-whatsapp.ts';
import { newCustomerWaId, newWamid, unixSeconds } from './inbound-helpers.ts';
import { resetModel, scriptModelReply } from './stand-in-control.ts';
import { sentTo } from './stand-in-outbox.ts';

export interface RaceReport {
  trials: number;
  /** Bot effects (a template, an invoice, a reply or notice) that happened before the takeover succeeded. */
  effectsBeforeTakeover: number;
  /** Bot effects after the takeover succeeded: must be 0. */
  effectsAfterTakeover: number;
  /** Trials where the takeover came first and the bot did nothing at all. */
  silentTrials: number;
  /** How long the takeovers waited for an effect in flight (ms, p50 and max). */
  takeoverWaitP50Ms: number;
  takeoverWaitMaxMs: number;
}

const toolRound = (token: string) => ({
  output: {
    message: {
      role: 'assistant',
      content: [
        { text: `<thinking>Reminder and invoice for ${token}.</thinking>` },
        {
          toolUse: {
            toolUseId: `tooluse_${randomUUID().replaceAll('-', '').slice(0, 22)}`,
            name: 'send_template',
            input: {
              name: 'appointment_reminder',
              language: 'en_US',
              bodyParameters: ['5 December', '11:00'],
            },
          },
        },
        {
          toolUse: {
            toolUseId: `tooluse_${randomUUID().replaceAll('-', '').slice(0, 22)}`,
            name: 'create_invoice_link',
            input: { description: 'Website Starter', amountPaise: 1_499_900, currency: 'INR' },
          },
        },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: { inputTokens: 900, outputTokens: 80, totalTokens: 980 },
  metrics: { latencyMs: 1000 },
});

const finalText = {
  output: {
    message: { role: 'assistant', content: [{ text: 'Your reminder and payment link are on their way.' }] },
  },
  stopReason: 'end_turn',
  usage: { inputTokens: 1100, outputTokens: 20, totalTokens: 1120 },
  metrics: { latencyMs: 800 },
};

/**
 * A human agent takes a conversation over while the bot is mid-answer: the model slowed to seconds,
 * a template and an invoice asked for in flight, the takeover landing at a random moment. Each
 * trial counts the bot's effects and when each happened against when the takeover succeeded.
 */
export async function runTakeoverRaces(
  config: Config,
  clients: AwsClients,
  options: { trials: number; concurrency: number; modelLatencyMs: [number, number] },
): Promise<RaceReport> {
  const [number] = businessNumbers(config) as [BusinessNumber];
  const conversations = new ConversationStore(clients.documents, config.tables.conversations);
  const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
  const ownership = new ConversationOwnership(conversations, audit);
  const report: RaceReport = {
    trials: 0,
    effectsBeforeTakeover: 0,
    effectsAfterTakeover: 0,
    silentTrials: 0,
    takeoverWaitP50Ms: 0,
    takeoverWaitMaxMs: 0,
  };
  const waits: number[] = [];
  const [fastest, slowest] = options.modelLatencyMs;
  const latency = () => Math.round(fastest + Math.random() * (slowest - fastest));
  const trial = async () => {
    const waId = newCustomerWaId();
    const token = `race-${randomUUID().slice(0, 8)}`;
    const first = latency();
    const second = latency();
    await scriptModelReply({ response: toolRound(token), subject: token, latencyMs: first });
    await scriptModelReply({ response: finalText, subject: token, latencyMs: second });
    const id = conversationIdOf(number.metaPhoneNumberId, waId);
    await inbound(
      inboundLambdaEvent(config, number, {
        messages: [
          {
            from: waId,
            id: newWamid(),
            timestamp: unixSeconds(new Date()),
            type: 'text',
            text: { body: `Book me in ${token}` },
          },
        ],
      }),
      lambdaContext('wecare-inbound-whatsapp', 30_000),
    );
    // Anywhere from before the answer starts to after it ends.
    const span = config.agent.debounceMs + 1000 + first + second;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * span));
    const asked = Date.now();
    await ownership.takeover(id, 'agent-race');
    const tookOver = Date.now();
    waits.push(tookOver - asked);
    // Let the bot's job run to its end (it finds the conversation changed, or has finished).
    for (let waited = 0; waited < 30_000; waited += 200) {
      const conversation = await conversations.get(id);
      if (!conversation?.lease || conversation.lease.untilMs < Date.now()) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const effectTimes = [
      ...(await sentTo(waId)).map((sent) => Date.parse(sent.sentAt)),
      ...(await audit.forConversation(id))
        .filter((entry) => entry.action === 'invoice-created')
        .map((entry) => Date.parse(entry.at)),
    ];
    report.trials += 1;
    report.effectsBeforeTakeover += effectTimes.filter((at) => at <= tookOver).length;
    report.effectsAfterTakeover += effectTimes.filter((at) => at > tookOver).length;
    if (effectTimes.length === 0) report.silentTrials += 1;
    await resetModel(token);
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.trials) {
        next += 1;
        await trial();
      }
    }),
  );
  waits.sort((left, right) => left - right);
  report.takeoverWaitP50Ms = waits[Math.floor(waits.length / 2)] ?? 0;
  report.takeoverWaitMaxMs = waits.at(-1) ?? 0;
  return report;
}
