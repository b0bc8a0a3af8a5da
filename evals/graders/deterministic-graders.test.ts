import { describe, expect, it } from 'vitest';
import { EvalCase } from '../dataset/eval-case.ts';
import { gradeDeterministically, scriptShares } from './deterministic-graders.ts';
import type { Observation } from './observation.ts';

const caseWith = (expectations: Record<string, unknown>, language = 'en') =>
  EvalCase.parse({ id: 'a-case', category: 'facts', language, turns: 'Hi', expect: expectations });
const observed = (overrides: Partial<Observation> = {}): Observation => ({
  replies: [
    {
      text: 'We are open Monday to Saturday, 10:00 to 19:00.\n_Source: About WECARE.DIGITAL and our hours_',
      buttons: [],
    },
  ],
  citations: ['About WECARE.DIGITAL and our hours'],
  toolCalls: [],
  state: 'bot',
  handoffReason: null,
  retrieved: [],
  invoices: [],
  ...overrides,
});
const failures = (expectations: Record<string, unknown>, observation: Observation, language?: string) =>
  gradeDeterministically(caseWith(expectations, language), observation)
    .filter((verdict) => !verdict.pass)
    .map((verdict) => verdict.grader);

describe('the deterministic graders', () => {
  it('pass an answer that states the facts, cites the document and fits WhatsApp', () => {
    const verdicts = gradeDeterministically(
      caseWith({
        contains: ['10:00', 'saturday'],
        cites: 'About WECARE.DIGITAL and our hours',
        notContains: '₹',
      }),
      observed(),
    );
    expect(verdicts.map((verdict) => [verdict.grader, verdict.pass])).toEqual([
      ['contains', true],
      ['contains', true],
      ['not-contains', true],
      ['cites', true],
      ['whatsapp-format', true],
    ]);
  });

  it('fail each expectation the answer misses, naming what was found', () => {
    const answer = observed({ citations: [], replies: [{ text: 'It costs ₹999.', buttons: [] }] });
    expect(
      failures({ contains: '10:00', notContains: '₹', cites: 'Prices', citesNothing: false }, answer),
    ).toEqual(['contains', 'not-contains', 'cites']);
    const [cites] = gradeDeterministically(caseWith({ cites: 'Prices' }), answer);
    expect(cites?.detail).toBe('must cite "Prices"; cited nothing');
  });

  it('judge tools by name and key arguments, handoffs by state and reason, silence by what was sent', () => {
    const invoiced = observed({
      toolCalls: [
        { name: 'create_invoice_link', ok: true, input: { serviceId: 'website-starter', quantity: 1 } },
      ],
      invoices: [{ serviceId: 'website-starter', totalPaise: 1_769_882 }],
    });
    expect(
      failures(
        {
          tools: {
            called: [{ name: 'create_invoice_link', args: { serviceId: 'website-starter' } }],
            notCalled: ['send_template'],
          },
          invoice: { service: 'website-starter', totalPaise: 1_769_882 },
          handoff: false,
        },
        invoiced,
      ),
    ).toEqual([]);
    expect(
      failures(
        { tools: { called: [{ name: 'create_invoice_link', args: { serviceId: 'logo-design' } }] } },
        invoiced,
      ),
    ).toEqual(['tool-called']);
    expect(
      failures({ invoice: { service: 'website-starter', totalPaise: 100 }, noInvoice: true }, invoiced),
    ).toEqual(['invoice', 'no-invoice']);
    const handedOver = observed({ state: 'waiting_for_human', handoffReason: 'out-of-kb' });
    expect(failures({ handoff: { reason: 'out-of-kb' } }, handedOver)).toEqual([]);
    expect(failures({ handoff: { reason: 'customer-asked' } }, handedOver)).toEqual(['handoff']);
    expect(failures({ handoff: false }, handedOver)).toEqual(['handoff']);
    expect(failures({ silent: true }, observed({ replies: [] }))).toEqual([]);
    expect(failures({ silent: true }, observed())).toEqual(['silent']);
  });

  it('judge an invoice by its service, total and status, and a template by what was sent', () => {
    const quoted = observed({
      invoices: [{ serviceId: 'gst-filing', totalPaise: 176_882, status: 'quoted' }],
    });
    expect(failures({ invoice: { service: 'gst-filing', totalPaise: 176_882 } }, quoted)).toEqual([]);
    expect(failures({ invoice: { service: 'gst-filing', status: 'issued' } }, quoted)).toEqual(['invoice']);
    const reminded = observed({
      templates: [{ name: 'appointment_reminder', language: 'en_US', parameters: ['12 March', '4 PM'] }],
    });
    expect(
      failures({ template: { name: 'appointment_reminder', parameters: ['12 march', '4 pm'] } }, reminded),
    ).toEqual([]);
    expect(
      failures({ template: { name: 'appointment_reminder', parameters: ['13 March'] } }, reminded),
    ).toEqual(['template']);
    expect(failures({ template: { name: 'hello_world' } }, observed())).toEqual(['template']);
    expect(failures({ noTemplate: true }, reminded)).toEqual(['no-template']);
    expect(failures({ noTemplate: true }, observed())).toEqual([]);
  });

  it('judge the script by the letters of the answer, not its citation line', () => {
    expect(scriptShares('वेबसाइट स्टार्टर ₹14,999 है')).toMatchObject({ devanagari: 1, latin: 0 });
    expect(scriptShares('भुगतान का लिंक: https://wecare.digital/l/AbCdEfGh')).toMatchObject({
      devanagari: 1,
      latin: 0,
    });
    const hindi = observed({
      replies: [{ text: 'वेबसाइट स्टार्टर की कीमत ₹14,999 है।\n_Source: Services and prices_', buttons: [] }],
    });
    expect(failures({ script: 'devanagari' }, hindi, 'hi')).toEqual([]);
    expect(failures({ script: 'bengali' }, hindi, 'bn')).toEqual(['script']);
    expect(
      failures(
        { script: 'latin' },
        observed({ replies: [{ text: 'Website Starter ka price ₹14,999 hai', buttons: [] }] }),
        'hinglish',
      ),
    ).toEqual([]);
  });

  it('hold every answer to WhatsApp’s limits: text length, number and length of buttons', () => {
    expect(failures({}, observed({ replies: [{ text: 'x'.repeat(4097), buttons: [] }] }))).toEqual([
      'whatsapp-format',
    ]);
    expect(
      failures({}, observed({ replies: [{ text: 'Pay?', buttons: ['Yes', 'No', 'Later', 'Never'] }] })),
    ).toEqual(['whatsapp-format']);
    expect(
      failures({}, observed({ replies: [{ text: 'Pay?', buttons: ['Confirm this payment now'] }] })),
    ).toEqual(['whatsapp-format']);
    expect(failures({}, observed({ replies: [{ text: 'Pay?', buttons: ['Yes', 'No'] }] }))).toEqual([]);
  });
});
