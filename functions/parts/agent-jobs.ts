import '#core/aws/clients/sqs.ts';
import { AgentJobQueue } from '#core/queues/agent-jobs.ts';
import { part } from '../composition-root.ts';

/** The bot's work queue. */
export const agentJobs = part(({ config, clients }) => new AgentJobQueue(clients.sqs, config.queues.agent));
