import { describe, expect, it } from 'vitest';
import { keysRequested } from '../../test/keys-requested.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { pacedRate, SendPaces } from './send-paces.ts';

const config = testConfig();
const phone = config.whatsapp.phoneNumbers[0];

/** Paces of a process of their own (paces are kept per client), with the keys they ask for counted. */
function pacesWithCountedRequests(accountRequestsPerSecond: number) {
  const { documents } = testClients();
  const requests = keysRequested(documents);
  const paces = new SendPaces(
    { ...config, whatsapp: { ...config.whatsapp, accountRequestsPerSecond } },
    { documents },
  );
  return { paces, requests };
}

describe('SendPaces', () => {
  it('keeps the account limit through the calls\u2019 own when those cannot add up to more: no account slot for any call', async () => {
    if (!phone) throw new Error('no business number');
    // The seed: 2 numbers x 80 + media uploads 100 + downloads 100 + templates 10 < 1,000 requests a second.
    const { paces, requests } = pacesWithCountedRequests(1000);
    await paces.whatsAppMessage(phone.id, phone.messagesPerSecond, 'reply');
    await paces.whatsAppMedia('reply');
    await paces.whatsAppMediaDownload();
    await paces.whatsAppTemplates();
    expect(new Set(requests)).toEqual(
      new Set([`eum:phone:${phone.id}`, 'eum:media', 'eum:get-media', 'eum:templates']),
    );
  });

  it('takes the account slot after the call\u2019s own (nearest the call) when the calls\u2019 limits could add up to more than the account\u2019s', async () => {
    if (!phone) throw new Error('no business number');
    const { paces, requests } = pacesWithCountedRequests(200);
    await paces.whatsAppMessage(phone.id, phone.messagesPerSecond, 'reply');
    expect(requests.indexOf(`eum:phone:${phone.id}`)).toBeGreaterThanOrEqual(0);
    expect(requests.lastIndexOf('eum:account')).toBeGreaterThan(requests.indexOf(`eum:phone:${phone.id}`));
  });

  it('spaces slots so that one more than the limit spans over a second with room for a late send', () => {
    for (const limit of [5, 10, 80, 100, 1000]) {
      const spanOfOneMore = (limit * 1000) / pacedRate(limit);
      expect(spanOfOneMore).toBeGreaterThanOrEqual(1030);
      // ... and the pace keeps at least 95 % of the limit.
      expect(pacedRate(limit)).toBeGreaterThanOrEqual(0.95 * limit);
    }
  });
});
