import { emailSender, smsSender } from '#channels/delivery/channel-senders.ts';
import type { EmailSender } from '#channels/email/email-sender.ts';
import type { SmsSender } from '#channels/sms/sms-sender.ts';
import type { InboundDependencies } from '#channels/whatsapp/inbound/handle-inbound-event.ts';
import { inboundDependencies } from '#channels/whatsapp/inbound/inbound-dependencies.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import { type AwsClients, createAwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { config as processConfig } from '#core/config/load-config.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { AgentJobQueue } from '#core/queues/agent-jobs.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';

/**
 * The one composition root: every function's collaborators, built from the configuration the
 * function runs with (its environment, read by core/config), each built on first use and then
 * kept for the life of the execution environment, as Lambda keeps a warm instance. The bot's own
 * collaborators are wired apart, in bot-platform.ts, so that only the functions that run the bot
 * bundle LangChain.
 */
export interface Platform {
  config: Config;
  clients: AwsClients;
  inbound(): InboundDependencies;
  whatsAppSender(): WhatsAppSender;
  smsSender(): SmsSender;
  emailSender(): EmailSender;
  retriever(): PassageRetriever;
  replies(): ReplyCoordination;
  agentJobs(): AgentJobQueue;
  agentDeadLetters(): DeadLetterQueue;
}

export function buildPlatform(config: Config, clients: AwsClients = createAwsClients(config)): Platform {
  const built = new Map<string, unknown>();
  const once = <T>(name: string, build: () => T): T => {
    if (!built.has(name)) built.set(name, build());
    return built.get(name) as T;
  };
  const platform: Platform = {
    config,
    clients,
    inbound: () => once('inbound', () => inboundDependencies(config, clients)),
    whatsAppSender: () => once('whatsAppSender', () => whatsAppSender(config, clients)),
    smsSender: () => once('smsSender', () => smsSender(config, clients)),
    emailSender: () => once('emailSender', () => emailSender(config, clients)),
    retriever: () => once('retriever', () => new PassageRetriever(clients.bedrockAgentRuntime, config)),
    replies: () =>
      once('replies', () => new ReplyCoordination(clients.documents, config.tables.conversations)),
    agentJobs: () => once('agentJobs', () => new AgentJobQueue(clients.sqs, config.queues.agent)),
    agentDeadLetters: () =>
      once(
        'agentDeadLetters',
        () =>
          new DeadLetterQueue(clients.sqs, clients.s3, config.queues.agentDlq, {
            bucket: config.buckets.general.name,
            prefix: config.buckets.general.deadLetterPrefix,
          }),
      ),
  };
  return platform;
}

let current: Platform | undefined;

/**
 * The platform of this process's configuration. Rebuilt if the configuration was re-read (the
 * local world sets its endpoints in the environment once it knows its ports).
 */
export function platform(): Platform {
  const config = processConfig();
  if (current?.config !== config) current = buildPlatform(config);
  return current;
}
