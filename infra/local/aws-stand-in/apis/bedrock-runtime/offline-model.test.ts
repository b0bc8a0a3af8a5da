import { describe, expect, it } from 'vitest';
import { passagesBlock } from '#kb/passages-prompt.ts';
import { offlineReply, type Turn } from './offline-model.ts';
import { saidLanguage as customerLanguage } from './said-language.ts';

const passage = (citation: string, text: string) => ({
  text,
  score: 0.9,
  source: { uri: 's3://b/k.md', chunkId: 'c' },
  citation,
  language: 'en',
});
const hours = passage(
  'About WECARE.DIGITAL and our hours',
  'Our team works Monday to Saturday, 10:00 to 19:00 India Standard Time (IST). We are closed on Sundays and on national holidays.',
);
const prices = passage(
  'Services and prices',
  '## Website Starter — ₹14,999 (one time)\nA mobile-friendly website of up to 5 pages.',
);
const system = (...passages: ReturnType<typeof passage>[]) =>
  `You are the WECARE.DIGITAL assistant.\n${passagesBlock(passages)}`;
const user = (text: string): Turn => ({ role: 'user', content: [{ text }] });
const allTools = new Set(['lookup_contact', 'send_template', 'create_invoice_link', 'request_human']);

describe('offline model', () => {
  it('hands over, as out of the Knowledge Base, when the customer says yes to its offer of a person', () => {
    const offer = offlineReply({
      system: system(hours),
      messages: [user('क्या आप वॉशिंग मशीन ठीक करते हैं?')],
      tools: allTools,
    });
    expect(offer.kind).toBe('text');
    const reply = offlineReply({
      system: system(hours),
      messages: [
        user('क्या आप वॉशिंग मशीन ठीक करते हैं?'),
        { role: 'assistant', content: [{ text: offer.kind === 'text' ? offer.text : '' }] },
        user('हाँ'),
      ],
      tools: allTools,
    });
    expect(reply).toEqual({
      kind: 'tool',
      name: 'request_human',
      input: { reason: 'out-of-kb', summary: expect.stringContaining('वॉशिंग मशीन') },
    });
  });

  it('takes a yes to anything but its offer of a person as an ordinary message', () => {
    const reply = offlineReply({
      system: system(hours),
      messages: [
        user('Are you open on Saturday?'),
        { role: 'assistant', content: [{ text: 'Our team works Monday to Saturday.' }] },
        user('Yes please'),
      ],
      tools: allTools,
    });
    expect(reply.kind).toBe('text');
  });

  it('answers from the passage that supports it, citing it, and never beyond', () => {
    const reply = offlineReply({
      system: system(hours, prices),
      messages: [user('What are your hours on Saturday?')],
      tools: allTools,
    });
    expect(reply).toEqual({
      kind: 'text',
      text: expect.stringContaining('Monday to Saturday, 10:00 to 19:00'),
    });
    expect(reply.kind === 'text' && reply.text).toMatch(/\[1\]$/);
  });

  it('says it does not know, and offers a person, when no passage supports an answer', () => {
    const reply = offlineReply({
      system: system(hours),
      messages: [user('Do you deliver pizza to Howrah?')],
      tools: allTools,
    });
    expect(reply).toEqual({ kind: 'text', text: expect.stringContaining("don't have that information") });
    expect(
      offlineReply({ system: system(), messages: [user('क्या आप पिज़्ज़ा बेचते हैं?')], tools: allTools }),
    ).toEqual({ kind: 'text', text: expect.stringContaining('जानकारी हमारे दस्तावेज़ों में नहीं है') });
  });

  it.each([
    ['I want to talk to a person', 'en'],
    ['mujhe kisi se baat karni hai, insaan se', 'hinglish'],
    ['मुझे किसी व्यक्ति से बात करनी है', 'hi'],
    ['আমি একজন মানুষের সাথে কথা বলতে চাই', 'bn'],
  ])('asks for a person through request_human: "%s"', (text) => {
    expect(offlineReply({ system: system(hours), messages: [user(text)], tools: allTools })).toMatchObject({
      kind: 'tool',
      name: 'request_human',
      input: { reason: 'customer-asked' },
    });
  });

  it('asks for an invoice only at the price a passage states, in paise', () => {
    expect(
      offlineReply({
        system: system(prices),
        messages: [user('I want to buy the Website Starter, send me a payment link')],
        tools: allTools,
      }),
    ).toEqual({
      kind: 'tool',
      name: 'create_invoice_link',
      input: { description: 'Website Starter', amountPaise: 1_499_900, currency: 'INR' },
    });
    expect(
      offlineReply({
        system: system(hours),
        messages: [user('Send me a payment link for the premium package')],
        tools: allTools,
      }),
    ).toEqual({
      kind: 'text',
      text: expect.stringContaining('Which service'),
    });
  });

  it('uses a tool only when it is offered', () => {
    expect(
      offlineReply({
        system: system(hours),
        messages: [user('I want to talk to a person')],
        tools: new Set(),
      }).kind,
    ).toBe('text');
  });

  it("turns a tool result into the answer, in the customer's language", () => {
    const messages: Turn[] = [
      user('मुझे Website Starter खरीदना है, भुगतान लिंक भेजें'),
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 't1', name: 'create_invoice_link', input: {} } }],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 't1',
              content: [
                {
                  json: {
                    description: 'Website Starter',
                    amountDisplay: '₹14,999.00',
                    url: 'https://wecare.digital/p/Ab3x',
                  },
                },
              ],
            },
          },
        ],
      },
    ];
    expect(offlineReply({ system: system(prices), messages, tools: allTools })).toEqual({
      kind: 'text',
      text: 'Website Starter (₹14,999.00) के लिए आपका भुगतान लिंक: https://wecare.digital/p/Ab3x',
    });
  });

  it('tells the languages apart', () => {
    expect(customerLanguage('What are your hours?')).toBe('en');
    expect(customerLanguage('aapka office kab khulta hai')).toBe('hinglish');
    expect(customerLanguage('रिफंड कब मिलेगा')).toBe('hi');
    expect(customerLanguage('আমার অর্ডার কোথায়?')).toBe('bn');
  });
});
