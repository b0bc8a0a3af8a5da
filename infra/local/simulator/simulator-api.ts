import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '#core/errors/app-errors.ts';
import { toErrorResponse } from '#core/errors/error-response.ts';
import type { WhatsAppState } from '../aws-stand-in/apis/social-messaging/whatsapp-state.ts';
import type { HttpResponse, StandInApi, StandInRequest } from '../aws-stand-in/stand-in-api.ts';
import type { Simulator } from './simulator.ts';
import { SimBusinessMessage, SimCustomerAction, SimSwitches, SimTextMessage } from './simulator-types.ts';

const page = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'simulator-page.html'));

/**
 * The WhatsApp simulator on the stand-in server: its page at `/sim`, and the API the page, scripts
 * and tests use. The API speaks plain JSON, not an AWS protocol: it stands for the customer's phone.
 */
export function simulatorApi(simulator: Simulator, whatsapp: WhatsAppState): StandInApi {
  return {
    name: 'simulator',
    signingName: 'none',
    protocol: 'rest-json',
    operations: [],
    httpRoutes: [
      { method: 'GET', path: '/sim', handle: () => ({ raw: page, contentType: 'text/html; charset=utf-8' }) },
      {
        method: 'GET',
        path: '/sim/',
        handle: () => ({ raw: page, contentType: 'text/html; charset=utf-8' }),
      },
      {
        method: 'GET',
        path: '/sim/api/numbers',
        handle: () => ({
          json: {
            numbers: simulator.businessPhones().map((phone) => ({
              id: phone.awsId,
              metaPhoneNumberId: phone.metaId,
              displayNumber: phone.displayNumber,
              displayName: phone.displayName,
            })),
          },
        }),
      },
      {
        method: 'POST',
        path: '/sim/api/messages',
        handle: (request) =>
          guarded(() => {
            const input = body(request, SimTextMessage);
            const phone = phoneOrFail(simulator, input.businessPhone);
            return {
              status: 202,
              json: {
                wamid: simulator.act(
                  phone,
                  { waId: input.from, name: input.name },
                  { type: 'text', text: input.text },
                ),
              },
            };
          }),
      },
      {
        method: 'POST',
        path: '/sim/api/customer-actions',
        handle: (request) =>
          guarded(() => {
            const input = body(request, SimCustomerAction);
            const phone = phoneOrFail(simulator, input.businessPhone);
            const { action } = input;
            // A customer's file is kept where EUM Social serves it from, for the number it was sent to.
            const media =
              'dataBase64' in action
                ? whatsapp.addMedia({
                    phoneNumberId: phone.awsId,
                    bytes: Buffer.from(action.dataBase64, 'base64'),
                    mimeType: action.mimeType,
                    fileName: action.fileName,
                  })
                : undefined;
            return {
              status: 202,
              json: { wamid: simulator.act(phone, { waId: input.from, name: input.name }, action, media) },
            };
          }),
      },
      {
        method: 'GET',
        path: '/sim/api/conversations/{businessPhone}/{waId}',
        handle: (request) =>
          guarded(() => {
            const phone = phoneOrFail(simulator, request.params.businessPhone ?? '');
            const waId = (request.params.waId ?? '').replace(/\D/g, '');
            return {
              json: {
                messages: simulator.chat(phone, waId),
                customer: simulator.customer(phone, waId) ?? null,
              },
            };
          }),
      },
      {
        method: 'POST',
        path: '/sim/api/switches',
        handle: (request) =>
          guarded(async () => {
            const input = body(request, SimSwitches);
            const phone = phoneOrFail(simulator, input.businessPhone);
            return { json: { customer: await simulator.setSwitches(phone, input.waId, input) } };
          }),
      },
      {
        method: 'POST',
        path: '/sim/api/business-messages',
        handle: (request) =>
          guarded(async () => {
            const input = body(request, SimBusinessMessage);
            const phone = phoneOrFail(simulator, input.businessPhone);
            const sent = await simulator.sendAsBusiness(phone, input.to.replace(/^\+/, ''), input.text);
            return sent.ok
              ? { status: 202, json: { wamid: sent.wamid } }
              : { status: sent.status, json: { error: sent.error } };
          }),
      },
    ],
  };
}

class SimulatorRequestError extends AppError {
  readonly code = 'bad-request';
  readonly httpStatus = 400;
  readonly disposition = 'drop';
}

function body<Schema extends z.ZodType>(request: StandInRequest, schema: Schema): z.infer<Schema> {
  let candidate: unknown;
  try {
    candidate = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new SimulatorRequestError('The body must be JSON');
  }
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SimulatorRequestError(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function phoneOrFail(simulator: Simulator, name: string) {
  // The router has decoded the path parameter already: decoding it again would misread a `%`.
  const phone = simulator.phone(name);
  if (!phone) throw new SimulatorRequestError(`${name} is not one of the business's numbers`);
  return phone;
}

/** Typed errors (the outbound path's WindowClosed among them) answer with their own status and code. */
async function guarded(handle: () => HttpResponse | Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await handle();
  } catch (error) {
    const response = toErrorResponse(error);
    return {
      status: response.status,
      json:
        error instanceof AppError ? response.body : { error: { code: 'internal', message: String(error) } },
    };
  }
}
