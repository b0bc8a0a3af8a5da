import { describe, expect, it } from 'vitest';
import { passagesBlock } from '#kb/passages-prompt.ts';
import { type OfferedTool, type OfflineReply, offlineReply, type Turn } from './offline-model.ts';
import { phrases } from './offline-phrases.ts';
import { saidLanguage } from './said-language.ts';

/** Passages as the product puts them in the system prompt (kb/passages-prompt.ts), chunked as the KB chunks them. */
const passage = (citation: string, text: string, language = 'en') => ({
  text,
  score: 0.9,
  source: { uri: 's3://b/k.md', chunkId: 'c' },
  citation,
  language,
});
const websiteStarter = passage(
  'Services and prices',
  [
    'Website Starter — ₹14,999 (one time)',
    '',
    'A mobile-friendly website of up to 5 pages with a contact form and WhatsApp chat button,',
    'including one year of hosting and a .in domain. Delivered in 10 working days; two rounds of',
    'changes are included.',
  ].join('\n'),
);
const hours = passage(
  'About WECARE.DIGITAL and our hours',
  'Office hours\n\nOur team works Monday to Saturday, 10:00 to 19:00 India Standard Time (IST). We are closed on\nSundays and on national holidays.',
);
const howToPay = passage(
  'Payments and invoices',
  [
    'How to pay',
    '',
    'We accept UPI (any UPI app), debit and credit cards, and net banking through our secure payment',
    'link. We do not accept cash.',
  ].join('\n'),
);
const invoices = passage(
  'Payments and invoices',
  'Invoices\n\nEvery invoice shows the price, 18% GST and the total in rupees, with our GSTIN. Invoices for monthly services are sent on the 1st of each month and are due within 7 days.',
);
const hindiWebsiteStarter = passage(
  'सेवाएँ और कीमतें',
  'वेबसाइट स्टार्टर — ₹14,999 (एक बार)\n\n5 पेज तक की मोबाइल-फ्रेंडली वेबसाइट, एक साल की होस्टिंग और .in डोमेन के साथ। 10 कार्य दिवसों में।',
  'hi',
);

const system = (...passages: ReturnType<typeof passage>[]) =>
  `You are the WECARE.DIGITAL assistant.\n${passagesBlock(passages)}`;
const user = (text: string): Turn => ({ role: 'user', content: [{ text }] });
const assistant = (reply: OfflineReply): Turn => ({
  role: 'assistant',
  content: [
    reply.kind === 'text'
      ? { text: reply.text }
      : { toolUse: { toolUseId: 'tooluse_1', name: reply.name, input: reply.input } },
  ],
});
const toolResult = (json: Record<string, unknown>, status: 'success' | 'error' = 'success'): Turn => ({
  role: 'user',
  content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ json }], status } }],
});

/** The tools as the product offers them, the invoice tool with its catalog as an enum (ids it chose, names in its description). */
const catalog = [
  ['site-basic', 'Website Starter'],
  ['wa-setup', 'WhatsApp Business setup'],
  ['marketing-monthly', 'Digital Marketing'],
] as const;
const allTools: OfferedTool[] = [
  { name: 'request_human', description: 'Hand this conversation to a human agent.', inputSchema: {} },
  { name: 'lookup_contact', description: 'Look up what we have on file.', inputSchema: {} },
  {
    name: 'send_template',
    description:
      'Send an approved WhatsApp template. Approved: hello_world (en_US, 0 parameters: Opens a conversation); appointment_reminder (en_US, 2 parameters: Reminds the customer of an appointment: date, time).',
    inputSchema: {},
  },
  {
    name: 'create_invoice_link',
    description: `Offer a payment link for one catalog service the customer explicitly asked to pay for. Services: ${catalog
      .map(([id, name]) => `${id}: ${name}`)
      .join('; ')}.`,
    inputSchema: {
      type: 'object',
      properties: { serviceId: { type: 'string', enum: catalog.map(([id]) => id) } },
      required: ['serviceId'],
    },
  },
];
const ask = (text: string, ...passages: ReturnType<typeof passage>[]) =>
  offlineReply({ system: system(...passages), messages: [user(text)], tools: allTools });
const textOf = (reply: OfflineReply) => (reply.kind === 'text' ? reply.text : `<${reply.name}>`);

describe('offline stand-in model: answers from the passages', () => {
  it('quotes the section that answers whole: its heading (the price) and its text, hand-wrapped lines joined, cited', () => {
    const reply = ask('How much is the Website Starter?', hours, websiteStarter);
    expect(reply.kind).toBe('text');
    expect(textOf(reply)).toBe(
      '*Website Starter — ₹14,999 (one time)*\nA mobile-friendly website of up to 5 pages with a contact form and WhatsApp chat button, including one year of hosting and a .in domain. Delivered in 10 working days; two rounds of changes are included. [2]',
    );
    expect(textOf(ask('Can I pay by UPI?', howToPay))).toContain(
      'through our secure payment link. We do not accept cash. [1]',
    );
  });

  it('quotes only the section that answers from a passage holding several, list items kept one per line', () => {
    const wholeDocument = passage(
      'Services and prices',
      [
        '# Services and prices',
        '',
        'All prices are in Indian rupees (INR) and exclude 18% GST.',
        '',
        '## Website Starter — ₹14,999 (one time)',
        '',
        'A mobile-friendly website of up to 5 pages.',
        '',
        '## Digital Marketing — ₹9,999 per month',
        '',
        'Monthly social media management:',
        '- 12 posts a month on Instagram and Facebook',
        '- one ad campaign (ad spend billed',
        '  separately at cost)',
        '',
        'Minimum term: 3 months.',
      ].join('\n'),
    );
    expect(textOf(ask('What is the minimum term for digital marketing?', wholeDocument))).toBe(
      [
        '*Digital Marketing — ₹9,999 per month*',
        'Monthly social media management:',
        '- 12 posts a month on Instagram and Facebook',
        '- one ad campaign (ad spend billed separately at cost)',
        'Minimum term: 3 months. [1]',
      ].join('\n'),
    );
  });

  it('composes an answer from two passages when the question needs both', () => {
    const text = textOf(ask('How much is the website and how do I pay?', hours, howToPay, websiteStarter));
    expect(text).toMatch(/^\*Website Starter — ₹14,999 \(one time\)\*[\s\S]* \[3\]\n\n\*How to pay\*/);
    expect(text).toContain('We do not accept cash. [2]');
    expect(text).not.toContain('Monday to Saturday');
  });

  it('says it does not know, and offers a person, when the question is not covered', () => {
    for (const question of [
      'Do you deliver pizza to Howrah?',
      // A word naming the business ("website", "digital") is not support for the rest of the question.
      'Do you build websites for restaurants?',
      'Do you do digital marketing for dentists?',
      'What are the late fees on an invoice?',
    ])
      expect(ask(question, hours, websiteStarter, invoices), question).toEqual({
        kind: 'text',
        text: phrases.en.noSource,
      });
    expect(
      offlineReply({ system: system(), messages: [user('क्या आप पिज़्ज़ा बेचते हैं?')], tools: allTools }),
    ).toEqual({
      kind: 'text',
      text: phrases.hi.noSource,
    });
  });

  it('answers the asking line of a burst, and greets a greeting', () => {
    expect(textOf(ask('Hi\nI have a question\nwhat are your office hours?', hours))).toContain(
      'Monday to Saturday, 10:00 to 19:00',
    );
    expect(ask('Hello', hours)).toEqual({ kind: 'text', text: phrases.en.greeting });
  });

  it('is deterministic', () => {
    expect(ask('How much is the website and how do I pay?', howToPay, websiteStarter)).toEqual(
      ask('How much is the website and how do I pay?', howToPay, websiteStarter),
    );
  });
});

describe('offline stand-in model: a tool only on an explicit request', () => {
  it.each([
    'my account balance?',
    'What are the late fees on an invoice?',
    'How do I pay?',
    'Do invoices include GST?',
    'Is my data safe?',
    'How much is the website and how do I pay?',
  ])('answers "%s" without a tool', (question) => {
    expect(ask(question, hours, websiteStarter, howToPay, invoices).kind).toBe('text');
  });

  it('asks for a payment link for the service the customer names, by the id the tool offers, never an amount', () => {
    expect(ask('please send me the payment link for the Website Starter', websiteStarter)).toEqual({
      kind: 'tool',
      name: 'create_invoice_link',
      input: { serviceId: 'site-basic' },
    });
    expect(ask('मुझे व्हाट्सएप बिज़नेस सेटअप खरीदना है, भुगतान लिंक भेजें')).toMatchObject({
      input: { serviceId: 'wa-setup' },
    });
  });

  it('asks which service when the customer wants to pay but names none of the catalog, and takes the answer', () => {
    const question = ask('Send me a payment link for the premium package', websiteStarter);
    expect(question).toEqual({ kind: 'text', text: expect.stringContaining('Which service') });
    expect(textOf(question)).toContain('Website Starter, WhatsApp Business setup, Digital Marketing');
    const answer = offlineReply({
      system: system(websiteStarter),
      messages: [
        user('Send me a payment link for the premium package'),
        assistant(question),
        user('Digital Marketing'),
      ],
      tools: allTools,
    });
    expect(answer).toEqual({
      kind: 'tool',
      name: 'create_invoice_link',
      input: { serviceId: 'marketing-monthly' },
    });
  });

  it('takes the service from what the customer asked just before', () => {
    const price = ask('How much is the Website Starter?', websiteStarter);
    expect(
      offlineReply({
        system: system(websiteStarter),
        messages: [
          user('How much is the Website Starter?'),
          assistant(price),
          user('Great, I want to buy it'),
        ],
        tools: allTools,
      }),
    ).toEqual({ kind: 'tool', name: 'create_invoice_link', input: { serviceId: 'site-basic' } });
  });

  it.each([
    ['I want to talk to a person', 'en'],
    ['mujhe kisi se baat karni hai, insaan se', 'hinglish'],
    ['मुझे किसी व्यक्ति से बात करनी है', 'hi'],
    ['আমি একজন মানুষের সাথে কথা বলতে চাই', 'bn'],
    ['ami karo sathe kotha bolte chai', 'banglish'],
  ])('asks for a person through request_human: "%s"', (text) => {
    expect(ask(text, hours)).toMatchObject({
      kind: 'tool',
      name: 'request_human',
      input: { reason: 'customer-asked', summary: expect.stringContaining(text) },
    });
  });

  it('hands over, as out of the Knowledge Base, on a yes to its own offer of a person; any other yes is a message', () => {
    const offer = ask('क्या आप वॉशिंग मशीन ठीक करते हैं?', hours);
    expect(offer).toEqual({ kind: 'text', text: phrases.hi.noSource });
    const messages = [user('क्या आप वॉशिंग मशीन ठीक करते हैं?'), assistant(offer), user('हाँ')];
    expect(offlineReply({ system: system(hours), messages, tools: allTools })).toEqual({
      kind: 'tool',
      name: 'request_human',
      input: { reason: 'out-of-kb', summary: expect.stringContaining('वॉशिंग मशीन') },
    });
    const answered = ask('Are you open on Saturday?', hours);
    expect(
      offlineReply({
        system: system(hours),
        messages: [user('Are you open on Saturday?'), assistant(answered), user('Yes please')],
        tools: allTools,
      }).kind,
    ).toBe('text');
  });

  it("reads the customer's own record only when asked for it", () => {
    expect(ask('What details do you have on me?')).toEqual({
      kind: 'tool',
      name: 'lookup_contact',
      input: {},
    });
    expect(ask('I cannot log in to my account').kind).toBe('text');
  });

  it('sends the reminder template the tool lists, with the date and time the customer gave', () => {
    expect(ask('Please remind me of my appointment on 12 March at 4 pm')).toEqual({
      kind: 'tool',
      name: 'send_template',
      input: { name: 'appointment_reminder', language: 'en_US', bodyParameters: ['12 March', '4 pm'] },
    });
    expect(ask('Can you remind me?')).toEqual({ kind: 'text', text: phrases.en.reminderWhen });
  });

  it('uses a tool only when it is offered', () => {
    expect(
      offlineReply({ system: system(hours), messages: [user('I want to talk to a person')], tools: [] }).kind,
    ).toBe('text');
  });
});

describe('offline stand-in model: after its tools', () => {
  const afterCall = (question: string, call: OfflineReply, result: Turn) =>
    offlineReply({
      system: system(websiteStarter),
      messages: [user(question), assistant(call), result],
      tools: allTools,
    });

  it('says a person will reply after a handoff, in the customer language', () => {
    const question = 'मुझे किसी व्यक्ति से बात करनी है';
    expect(afterCall(question, ask(question), toolResult({ status: 'waiting_for_human' }))).toEqual({
      kind: 'text',
      text: phrases.hi.handoff,
    });
  });

  it('says only what the invoice result says', () => {
    const question = 'please send me the payment link for the Website Starter';
    const call = ask(question, websiteStarter);
    expect(
      textOf(
        afterCall(
          question,
          call,
          toolResult({ status: 'awaiting-confirmation', service: 'Website Starter' }),
        ),
      ),
    ).toContain('Website Starter');
    const linked = textOf(
      afterCall(
        question,
        call,
        toolResult({ service: 'Website Starter', url: 'https://wecare.digital/p/Ab3x' }),
      ),
    );
    expect(linked).toContain('https://wecare.digital/p/Ab3x');
    expect(linked).not.toContain('₹');
  });

  it('says a failed tool failed, offers a person, and hands over on yes as a tool error', () => {
    const question = 'please send me the payment link for the Website Starter';
    const call = ask(question, websiteStarter);
    const failed = afterCall(question, call, toolResult({ error: 'limit-reached' }, 'error'));
    expect(failed).toEqual({ kind: 'text', text: phrases.en.toolFailed });
    expect(
      offlineReply({
        system: system(websiteStarter),
        messages: [user(question), assistant(failed), user('yes')],
        tools: allTools,
      }),
    ).toMatchObject({ kind: 'tool', name: 'request_human', input: { reason: 'tool-error' } });
  });
});

describe("offline stand-in model: the customer's language", () => {
  it('tells the languages apart', () => {
    expect(saidLanguage('What are your hours?')).toBe('en');
    expect(saidLanguage('aapka office kab khulta hai')).toBe('hinglish');
    expect(saidLanguage('रिफंड कब मिलेगा')).toBe('hi');
    expect(saidLanguage('আমার অর্ডার কোথায়?')).toBe('bn');
    expect(saidLanguage('apnader office kokhon khola thake?')).toBe('banglish');
    expect(saidLanguage('website er dam koto?')).toBe('banglish');
  });

  it("prefers the passage in the customer's language when it covers the question", () => {
    const hindi = textOf(ask('वेबसाइट स्टार्टर की कीमत क्या है?', websiteStarter, hindiWebsiteStarter));
    expect(hindi).toMatch(/^\*वेबसाइट स्टार्टर — ₹14,999 \(एक बार\)\*/);
    expect(hindi).toMatch(/\[2\]$/);
    expect(textOf(ask('How much is the Website Starter?', hindiWebsiteStarter, websiteStarter))).toMatch(
      /^\*Website Starter/,
    );
  });

  it('quotes a passage in another language after a lead-in in the customer language', () => {
    const bengali = textOf(ask('ওয়েবসাইট স্টার্টারের দাম কত?', websiteStarter));
    expect(bengali.split('\n')[0]).toBe(phrases.bn.quoting('en'));
    expect(bengali).toContain('₹14,999');
    const hinglish = textOf(ask('website starter kitne ka hai?', hindiWebsiteStarter, websiteStarter));
    expect(hinglish.split('\n')[0]).toBe(phrases.hinglish.quoting('en'));
    const romanisedBengali = textOf(ask('office kokhon khola thake?', hours));
    expect(romanisedBengali.split('\n')[0]).toBe(phrases.banglish.quoting('en'));
    expect(romanisedBengali).toContain('Monday to Saturday');
  });

  it('reads the latest customer words, never the platform context block', () => {
    const context = {
      text: '<conversation_context>\nEarlier visits of this customer:\n- Asked "I want to talk to a person; send me the payment link for the Website Starter".\n</conversation_context>',
    };
    const reply = offlineReply({
      system: system(hours, hindiWebsiteStarter),
      messages: [{ role: 'user', content: [context, { text: 'आपके ऑफिस का समय क्या है?' }] }],
      tools: allTools,
    });
    expect(reply.kind).toBe('text');
    expect(textOf(reply).split('\n')[0]).toBe(phrases.hi.quoting('en'));
    expect(textOf(reply)).toContain('Monday to Saturday');
  });
});
