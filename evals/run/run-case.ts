import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/bedrock-agent-runtime.ts';
import '#core/aws/clients/s3.ts';
import { randomInt } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { passagesForQuestion } from '#agent/answer/passages-for-question.ts';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import { conversationInvoices } from '#core/stores/conversation-invoices.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { latestOfConversation } from '#core/stores/latest-of-conversation.ts';
import { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { findService } from '#kb/catalog/service-catalog.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import type { EvalCase } from '../dataset/eval-case.ts';
import type { Observation } from '../graders/observation.ts';
import type { ChatMessage, CustomerChannel } from './customer-channel.ts';

/** Where the cases run: the platform's configuration and clients, and where its customers write. */
export interface EvalWorld {
  config: Config;
  clients: AwsClients;
  /** Where the customers write and their chats are read: the simulator, or the seed's SNS topic. */
  customers: CustomerChannel;
  /** The business number the customers write to: its display number and Meta id. */
  number: { phone: string; metaId: string };
}

/** A template as its outbound record holds it (what was sent, whatever the tool was asked). */
const TemplateContent = z.object({
  type: z.literal('template'),
  name: z.string(),
  language: z.string(),
  body: z.array(z.object({ text: z.string().optional() }).loose()).optional(),
});

const settleTimeoutMs = 45_000;
/** The bot is done when nothing has changed for this long with nothing pending. */
const quietMs = 400;

/**
 * Runs one case through the platform as a customer would: its own customer (a new number, so
 * cases never share a conversation and a run repeats), the prior state the case gives, then each
 * turn through the simulator (SNS, the inbound function, the router, the bot, its tools, the
 * sender), waiting after each until the bot has finished. Returns what the platform recorded.
 */
export async function runCase(world: EvalWorld, testCase: EvalCase): Promise<Observation> {
  const waId = `9199${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const conversationId = `${world.number.metaId}#${waId}`;
  const conversations = new ConversationStore(world.clients.documents, world.config.tables.conversations);
  const name = testCase.given.customerName ?? 'Evals Customer';
  let before = 0;
  const { given } = testCase;
  if (given.ownedBy === 'human' || given.memory || given.windowClosed || given.pendingInvoice) {
    // The conversation exists before the case: a first visit, answered, then the prior state.
    if (given.pendingInvoice)
      await askForQuote(world, conversations, waId, name, given.pendingInvoice.service);
    else {
      await say(world, waId, name, 'Hello');
      await settled(world, conversations, conversationId);
    }
    await setPriorState(world, conversationId, given);
    if (given.ownedBy === 'human')
      await ConversationOwnership.from(world.config, world.clients).takeover(conversationId, 'evals.agent');
    before = (await chat(world, waId)).filter((message) => message.direction === 'out').length;
  }
  for (const turn of testCase.turns) {
    await say(world, waId, name, turn);
    await settled(world, conversations, conversationId);
  }
  return {
    ...(await observe(world, conversations, conversationId, waId, before)),
    retrieved: await retrievedFor(world, testCase.turns.at(-1) ?? ''),
  };
}

/**
 * A quote waiting for the customer, made as a customer makes one: they ask to pay for the service
 * by its catalog name and the bot quotes it (its tool, the catalog's price). A bot that does not
 * leaves the case without its prior state: the case fails as not run, never runs without it.
 */
async function askForQuote(
  world: EvalWorld,
  conversations: ConversationStore,
  waId: string,
  name: string,
  serviceId: string,
): Promise<void> {
  const catalog = await CatalogStore.fromConfig(world.clients.s3, world.config).current();
  const service = findService(catalog, serviceId);
  if (!service) throw new Error(`The prior state names ${serviceId}, which the catalog does not offer`);
  const conversationId = `${world.number.metaId}#${waId}`;
  await say(
    world,
    waId,
    name,
    `I would like to pay for ${service.name.en}. Please send me the payment link.`,
  );
  const conversation = await settled(world, conversations, conversationId);
  const quoted = conversation.openQuote
    ? (await conversationInvoices(world.clients.documents, world.config.tables.invoice, conversationId)).find(
        (invoice) => invoice.id === conversation.openQuote?.invoiceId,
      )
    : undefined;
  if (quoted?.serviceId !== serviceId || quoted.status !== 'quoted')
    throw new Error(`The prior state could not be set: the bot quoted no ${serviceId} when asked to`);
}

/** The passages the bot's retrieval gives for a question: its own call, with its own settings. */
async function retrievedFor(world: EvalWorld, question: string): Promise<Observation['retrieved']> {
  const passages = await passagesForQuestion(
    new PassageRetriever(world.clients.bedrockAgentRuntime, world.config),
    question,
    {
      results: world.config.agent.retrievalResults,
      minScore: world.config.agent.retrievalMinScore,
    },
  );
  return passages.map((passage) => ({
    citation: passage.citation,
    score: passage.score,
    text: passage.text.slice(0, 1500),
  }));
}

/**
 * The prior state a case gives, written on its conversation in one update: a returning customer's
 * memory of a visit a week ago; a customer who last wrote 25 hours ago (the window has closed).
 */
async function setPriorState(
  world: EvalWorld,
  conversationId: string,
  given: EvalCase['given'],
): Promise<void> {
  const set: string[] = [];
  const values: Record<string, unknown> = {};
  if (given.memory) {
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    set.push('memory = :memory');
    values[':memory'] = [{ startedAt: weekAgo, lastAt: weekAgo, lines: given.memory }];
  }
  if (given.windowClosed) {
    const dayAgoMs = Date.now() - 25 * 3_600_000;
    set.push('lastInboundAt = :at', 'lastInboundAtMs = :atMs');
    Object.assign(values, { ':at': new Date(dayAgoMs).toISOString(), ':atMs': dayAgoMs });
  }
  if (set.length === 0) return;
  await world.clients.documents.send(
    new UpdateCommand({
      TableName: world.config.tables.conversations,
      Key: { id: conversationId },
      UpdateExpression: `SET ${set.join(', ')}`,
      ExpressionAttributeValues: values,
    }),
  );
}

const say = (world: EvalWorld, waId: string, name: string, text: string) =>
  world.customers.say(waId, name, text);
const chat = (world: EvalWorld, waId: string): Promise<ChatMessage[]> => world.customers.chat(waId);

/**
 * Waits until the customer's last message is stored and answered (nothing pending, no answer or
 * effect in flight) and nothing has changed for a moment: the bot may send more than one message.
 */
async function settled(
  world: EvalWorld,
  conversations: ConversationStore,
  conversationId: string,
): Promise<Conversation> {
  const deadline = Date.now() + settleTimeoutMs;
  let last = '';
  let quietSince = Date.now();
  const waId = conversationId.split('#')[1] ?? '';
  for (;;) {
    const conversation = await conversations.get(conversationId);
    const messages = await chat(world, waId);
    const lastIn = messages.filter((message) => message.direction === 'in').at(-1);
    // The customer's last message is stored; the bot has answered it, or it waits for a person.
    const idle =
      conversation !== undefined &&
      lastIn !== undefined &&
      conversation.lastInboundWamid === lastIn.wamid &&
      (conversation.state !== 'bot' || (conversation.pendingReplies?.size ?? 0) === 0) &&
      !(conversation.lease && conversation.lease.untilMs > Date.now()) &&
      !(conversation.effect && conversation.effect.untilMs > Date.now());
    const fingerprint = `${conversation?.version}:${conversation?.pendingRevision}:${messages.length}:${idle}`;
    if (fingerprint !== last) {
      last = fingerprint;
      quietSince = Date.now();
    }
    if (idle && conversation && Date.now() - quietSince >= quietMs) return conversation;
    if (Date.now() > deadline) throw new Error(`The bot had not finished after ${settleTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function observe(
  world: EvalWorld,
  conversations: ConversationStore,
  conversationId: string,
  waId: string,
  before: number,
): Promise<Omit<Observation, 'retrieved'>> {
  const { config, clients } = world;
  const conversation = await conversations.get(conversationId);
  const replies = (await chat(world, waId))
    .filter((message) => message.direction === 'out')
    .slice(before)
    .map((message) => ({
      text: message.text ?? '',
      buttons: (message.buttons ?? []).map((button) => button.title),
    }));
  const sent = (await latestOfConversation(
    clients.documents,
    config.tables.whatsAppOutbound,
    conversationId,
    {
      limit: 50,
    },
  )) as Array<{ sentBy?: { citations?: Array<{ title?: string }> }; content?: unknown }>;
  const citations = [
    ...new Set(
      sent.flatMap((record) => (record.sentBy?.citations ?? []).map((citation) => citation.title ?? '')),
    ),
  ].filter(Boolean);
  const templates = sent
    .map((record) => TemplateContent.safeParse(record.content))
    .filter((read) => read.success)
    .map(({ data }) => ({
      name: data.name,
      language: data.language,
      parameters: (data.body ?? []).map((parameter) => parameter.text ?? ''),
    }))
    .reverse();
  const audit = await new AuditStore(
    clients.documents,
    config.tables.audit,
    config.auditRetentionDays,
  ).forConversation(conversationId, 100);
  const answers = audit.filter((entry) => entry.action === 'bot-answer').reverse();
  const usage = { modelCalls: 0, inputTokens: 0, outputTokens: 0 };
  for (const entry of answers) {
    const spent = entry.details?.usage as Partial<typeof usage> | undefined;
    usage.modelCalls += spent?.modelCalls ?? 0;
    usage.inputTokens += spent?.inputTokens ?? 0;
    usage.outputTokens += spent?.outputTokens ?? 0;
  }
  const toolCalls = answers.flatMap(
    (entry) =>
      (entry.details?.toolCalls ?? []) as Array<{
        name: string;
        ok: boolean;
        input?: Record<string, unknown>;
      }>,
  );
  const invoices = await conversationInvoices(clients.documents, config.tables.invoice, conversationId);
  const handoff = conversation?.handoff as { reason?: unknown } | null | undefined;
  return {
    conversationId,
    replies,
    citations,
    toolCalls,
    state: conversation?.state ?? 'bot',
    handoffReason: typeof handoff?.reason === 'string' ? handoff.reason : null,
    invoices: invoices.map((invoice) => ({
      serviceId: invoice.serviceId,
      totalPaise: invoice.amountPaise,
      status: invoice.status,
    })),
    templates,
    usage,
  };
}
