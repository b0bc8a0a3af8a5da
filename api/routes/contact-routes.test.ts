import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';

const app = consoleApp(consoleDependencies(testConfig(), testClients()));
const call = callerOf(app);
const tag = Date.now().toString(36).slice(-5);
/** A valid Indian mobile number no other test uses. */
const newMobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

type Contact = { id: string; name: string; phone: string; version: number; optOut: Record<string, boolean> };

describe('contacts', () => {
  it('are created once per number, found by any typed form of it or their name’s start, in any script', async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const mobile = newMobile();
    const created = await call(operator, 'POST', '/api/contacts', {
      name: `प्रिया ${tag}`,
      phone: `+91 ${mobile.slice(0, 5)} ${mobile.slice(5)}`,
      email: 'priya@example.com',
      optOut: { sms: true },
    });
    expect(created.status).toBe(201);
    const contact = (await created.json()) as Contact;
    expect(contact).toMatchObject({
      id: `wa-91${mobile}`,
      phone: `91${mobile}`,
      version: 1,
      optOut: { whatsapp: false, sms: true, email: false },
    });
    const again = await call(operator, 'POST', '/api/contacts', {
      name: 'Someone else',
      phone: `0${mobile}`,
    });
    expect(again.status).toBe(409);

    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    for (const typed of [
      `0${mobile}`,
      `91${mobile}`,
      `+91-${mobile}`,
      `(${mobile.slice(0, 5)}) ${mobile.slice(5)}`,
    ]) {
      const found = (await (
        await call(viewer, 'GET', `/api/contacts?q=${encodeURIComponent(typed)}`)
      ).json()) as { items: Contact[] };
      expect(
        found.items.map((item) => item.id),
        typed,
      ).toEqual([contact.id]);
    }
    const byName = (await (
      await call(viewer, 'GET', `/api/contacts?q=${encodeURIComponent('प्रिया')}&limit=100`)
    ).json()) as { items: Contact[] };
    expect(byName.items.map((item) => item.id)).toContain(contact.id);
    const bengali = await call(operator, 'POST', '/api/contacts', { name: `সুমন ${tag}`, phone: newMobile() });
    const bengaliId = ((await bengali.json()) as Contact).id;
    const byBengali = (await (
      await call(viewer, 'GET', `/api/contacts?q=${encodeURIComponent(`সুমন ${tag}`)}`)
    ).json()) as { items: Contact[] };
    expect(byBengali.items.map((item) => item.id)).toEqual([bengaliId]);
  });

  it('pages a name search with a cursor', async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    for (const letter of ['a', 'b', 'c'])
      expect(
        (await call(operator, 'POST', '/api/contacts', { name: `Zq${tag} ${letter}`, phone: newMobile() }))
          .status,
      ).toBe(201);
    const first = (await (await call(operator, 'GET', `/api/contacts?q=zq${tag}&limit=2`)).json()) as {
      items: Contact[];
      nextCursor?: string;
    };
    expect(first.items.map((item) => item.name)).toEqual([`Zq${tag} a`, `Zq${tag} b`]);
    const second = (await (
      await call(operator, 'GET', `/api/contacts?q=zq${tag}&limit=2&cursor=${first.nextCursor}`)
    ).json()) as { items: Contact[] };
    expect(second.items.map((item) => item.name)).toEqual([`Zq${tag} c`]);
    expect((await call(operator, 'GET', `/api/contacts?q=zq${tag}&cursor=forged`)).status).toBe(400);
  });

  it('are changed and deleted only as of the version read, a new number moving the contact, audited', async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const contact = (await (
      await call(operator, 'POST', '/api/contacts', { name: `Kiran ${tag}`, phone: newMobile() })
    ).json()) as Contact;
    const path = `/api/contacts/${contact.id}`;
    const fields = { name: `Kiran Rao ${tag}`, phone: contact.phone, optOut: { whatsapp: true } };
    expect((await call(operator, 'PUT', path, { ...fields, version: 0 })).status).toBe(409);
    const renamed = (await (await call(operator, 'PUT', path, { ...fields, version: 1 })).json()) as Contact;
    expect(renamed).toMatchObject({ name: `Kiran Rao ${tag}`, version: 2, optOut: { whatsapp: true } });

    const moved = await call(operator, 'PUT', path, { ...fields, phone: newMobile(), version: 2 });
    expect(moved.status).toBe(200);
    const now = (await moved.json()) as Contact;
    expect(now.id).not.toBe(contact.id);
    expect((await call(operator, 'GET', path)).status).toBe(404);

    expect((await call(operator, 'DELETE', `/api/contacts/${now.id}?version=1`)).status).toBe(409);
    expect((await call(operator, 'DELETE', `/api/contacts/${now.id}?version=${now.version}`)).status).toBe(
      200,
    );
    expect((await call(operator, 'GET', `/api/contacts/${now.id}`)).status).toBe(404);
    const audit = (await (await call(operator, 'GET', '/api/audit?limit=50')).json()) as {
      items: Array<{ action: string; details?: { contactId?: string } }>;
    };
    const mine = audit.items.filter((entry) => [contact.id, now.id].includes(entry.details?.contactId ?? ''));
    expect(mine.map((entry) => entry.action)).toEqual([
      'contact-deleted',
      'contact-updated',
      'contact-updated',
      'contact-created',
    ]);
  });

  it('opts a contact out of a channel and back in, as the page’s form or a script sends it', async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const contact = (await (
      await call(operator, 'POST', '/api/contacts', { name: `Opt ${tag}`, phone: newMobile() })
    ).json()) as Contact;
    const out = await call(operator, 'POST', `/api/contacts/${contact.id}/opt-outs`, {
      channel: 'sms',
      optedOut: 'true',
      version: '1',
    });
    expect(out.status).toBe(200);
    expect(await out.json()).toMatchObject({
      optOut: { whatsapp: false, sms: true, email: false },
      version: 2,
    });
    const back = await call(operator, 'POST', `/api/contacts/${contact.id}/opt-outs`, {
      channel: 'sms',
      optedOut: false,
      version: 2,
    });
    expect(await back.json()).toMatchObject({ optOut: { sms: false }, version: 3 });
    expect(
      (
        await call(operator, 'POST', `/api/contacts/${contact.id}/opt-outs`, {
          channel: 'sms',
          optedOut: true,
          version: 2,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(operator, 'POST', `/api/contacts/${contact.id}/opt-outs`, {
          channel: 'fax',
          optedOut: true,
          version: 3,
        })
      ).status,
    ).toBe(400);
    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    const page = await (
      await app.request(`/console/contacts?q=${contact.phone}`, {
        headers: { authorization: `Bearer ${viewer}` },
      })
    ).text();
    expect(page).toContain(`Opt ${tag}`);
    expect(page).not.toContain('/opt-outs');
  });

  it('refuses a Viewer’s change and input that is no contact', async () => {
    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    expect((await call(viewer, 'POST', '/api/contacts', { name: 'Nope', phone: newMobile() })).status).toBe(
      403,
    );
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const bad = await call(operator, 'POST', '/api/contacts', {
      name: 'Bad',
      phone: '12345',
      email: 'not-an-email',
    });
    expect(bad.status).toBe(400);
    const { fields } = (await bad.json()) as { fields: Array<{ field: string }> };
    expect(fields.map((field) => field.field).sort()).toEqual(['email', 'phone']);
    expect((await call(operator, 'GET', '/api/contacts')).status).toBe(400);
  });
});
