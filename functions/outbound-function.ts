import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { wasDeadLettered } from '#channels/delivery/reliable-delivery.ts';
import { type ErrorBody, toErrorResponse } from '#core/errors/error-response.ts';
import { lambdaShell } from './lambda-shell.ts';

/**
 * What an outbound function answers its caller (a direct invocation from the console, a bulk
 * worker or the dead-letter replay): the provider's id, or the typed error with its HTTP status
 * and whether the request now waits on the outbound dead-letter queue. Never a thrown 500.
 */
export type OutboundResult<Sent> =
  | ({ ok: true } & Sent)
  | { ok: false; status: number; error: ErrorBody['error']; deadLettered: boolean };

export async function outboundResult<Sent extends object>(
  send: () => Promise<Sent>,
  count: (name: string) => void,
): Promise<OutboundResult<Sent>> {
  try {
    const sent = await send();
    count('Sent');
    return { ok: true, ...sent };
  } catch (error) {
    const response = toErrorResponse(error);
    count(wasDeadLettered(error) ? 'DeadLettered' : 'Refused');
    return {
      ok: false,
      status: response.status,
      error: response.body.error,
      deadLettered: wasDeadLettered(error),
    };
  }
}

/** A WhatsApp template may open a business-initiated conversation: what Meta's messaging tier counts (the tier alarm). */
const TemplateSend = z.object({ content: z.object({ type: z.literal('template') }) });

/** An outbound function: the event is one send request for the channel's sender. */
export function outboundFunction<Sent extends object>(
  functionName: string,
  sender: () => { send(request: unknown): Promise<Sent> },
) {
  return lambdaShell(functionName, async (event: unknown, _context: Context, { count }) => {
    const result = await outboundResult(() => sender().send(event), count);
    if (result.ok && TemplateSend.safeParse(event).success) count('TemplatesSent');
    return result;
  });
}
