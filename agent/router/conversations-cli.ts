/**
 * `npm run conversations -- list [--state bot|waiting_for_human|human]`
 * `npm run conversations -- takeover <conversation id> --agent <agent id>`
 * `npm run conversations -- release <conversation id> --agent <agent id> [--summary "…"]`
 * Drives who answers a conversation until the console does; works against the local world or AWS.
 */
import { parseArgs } from 'node:util';
import { awsClients } from '#core/aws/aws-clients.ts';
import { ConfigError, config } from '#core/config/load-config.ts';
import { AppError } from '#core/errors/app-errors.ts';
import { maskPhone } from '#core/logger/mask-phone.ts';
import { ConversationState } from '#core/stores/conversation.ts';
import { ConversationOwnership } from './conversation-ownership.ts';

const usage =
  'usage: npm run conversations -- list [--state bot|waiting_for_human|human] | takeover <id> --agent <agent> | release <id> --agent <agent> [--summary "…"]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      agent: { type: 'string' },
      summary: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, id] = positionals;
  const ownership = ConversationOwnership.from(config(), awsClients());
  if (command === 'list') {
    const states = values.state ? [ConversationState.parse(values.state)] : ConversationState.options;
    const rows = (await Promise.all(states.map((state) => ownership.list(state)))).flat();
    if (values.json) console.log(JSON.stringify(rows));
    else if (rows.length === 0) console.log('no conversations');
    else
      for (const row of rows)
        console.log(
          `${row.id}  ${row.state.padEnd(17)} v${row.version}  ${row.ownerAgentId ?? '-'}  ${maskPhone(row.customerWaId)}  ${row.lastInboundAt ?? ''}`,
        );
    return 0;
  }
  if ((command === 'takeover' || command === 'release') && id && values.agent) {
    const conversation =
      command === 'takeover'
        ? await ownership.takeover(id, values.agent)
        : await ownership.release(
            id,
            values.agent,
            values.summary ?? 'Released by the agent without a summary.',
          );
    console.log(
      values.json
        ? JSON.stringify(conversation)
        : `${conversation.id} is now ${conversation.state} (version ${conversation.version})`,
    );
    return 0;
  }
  console.error(usage);
  return 2;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    error instanceof ConfigError || error instanceof AppError
      ? error.message
      : `conversations: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
