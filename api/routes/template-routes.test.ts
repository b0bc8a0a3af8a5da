import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { bearer, callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { newCustomerWaId } from '../../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';

// A catalog key of this file's own: the sync here changes what the other files' senders may send.
const config = testConfig({ WECARE_TEMPLATES_KEY: `test/${unique('templates')}.json` });
const dependencies = consoleDependencies(config, testClients());
const app = consoleApp(dependencies);
const call = callerOf(app);

type View = {
  syncedAt: string | null;
  numbers: Array<{
    displayNumber: string;
    templates: Array<{ name: string; language: string; status: string; bodyParameters: number }>;
  }>;
};

describe('templates in the console', () => {
  it("syncs each number's templates from the account (Admin), with status and parameters, audited", async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    expect((await call(operator, 'POST', '/api/templates/sync', {})).status).toBe(403);
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const synced = await call(admin, 'POST', '/api/templates/sync', {});
    expect(synced.status).toBe(200);
    expect(await synced.json()).toMatchObject({ templates: 14, skipped: [] });

    const view = (await (await call(operator, 'GET', '/api/templates')).json()) as View;
    expect(view.syncedAt).not.toBeNull();
    const [main, second] = view.numbers;
    expect(main?.displayNumber).toBe('+91 93309 94400');
    expect(main?.templates).toContainEqual(
      expect.objectContaining({
        name: 'payment_link',
        language: 'hi',
        status: 'APPROVED',
        bodyParameters: 4,
      }),
    );
    expect(main?.templates).toContainEqual(
      expect.objectContaining({ name: 'diwali_greeting', status: 'PENDING' }),
    );
    // Each number has its own WABA's templates.
    expect(second?.templates.map((template) => template.name)).toContain('service_update');
    expect(main?.templates.map((template) => template.name)).not.toContain('service_update');
    expect(second?.templates).toContainEqual(
      expect.objectContaining({ name: 'rejected_promo', status: 'REJECTED' }),
    );

    const audited = await dependencies.audit.query({
      actorId: staffUsers.admin,
      action: 'templates-synced',
      fromMs: Date.now() - 60_000,
      toMs: Date.now(),
      limit: 1,
    });
    expect(audited.items[0]?.details).toMatchObject({ templates: 14 });
  });

  it('previews a template with its parameters filled, for any signed-in role', async () => {
    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    const view = (await (await call(viewer, 'GET', '/api/templates')).json()) as View;
    const index =
      view.numbers[0]?.templates.findIndex((template) => template.name === 'order_confirmation') ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    const page = await (
      await app.request(
        `/console/templates?number=0&template=${index}&p=Asha&p=ORD-7&p=${encodeURIComponent('₹1,180.00')}`,
        {
          headers: bearer(viewer),
        },
      )
    ).text();
    expect(page).toContain('Hi Asha, your order ORD-7 for ₹1,180.00 is confirmed.');
    expect(page).not.toContain('Sync from the account');
    expect((await call(viewer, 'GET', '/console/templates?number=x')).status).toBe(400);
  });

  it("lets each number send only its own WABA's approved templates once synced", async () => {
    const sender = whatsAppSender(config, testClients());
    const [main, second] = config.whatsapp.phoneNumbers;
    const send = (from: string | undefined, name: string, language: string, parameters: string[]) =>
      sender.send({
        idempotencyKey: unique('template-test'),
        from: from ?? '',
        to: newCustomerWaId(),
        content: {
          type: 'template',
          name,
          language,
          body: parameters.map((text) => ({ type: 'text', text })),
        },
        sentBy: { kind: 'system', reason: 'test' },
      });
    await expect(send(second?.id, 'service_update', 'bn', ['আশা', 'REQ-9'])).resolves.toMatchObject({
      wamid: expect.any(String),
    });
    await expect(send(main?.id, 'service_update', 'bn', ['Asha', 'REQ-9'])).rejects.toThrow(
      /not an approved template/,
    );
    await expect(send(main?.id, 'diwali_greeting', 'en_US', ['Asha'])).rejects.toThrow(
      /not an approved template/,
    );
  });
});
