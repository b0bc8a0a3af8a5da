import type { EvalCase, Script } from '../dataset/eval-case.ts';
import type { Observation, Verdict } from './observation.ts';

/** WhatsApp's limits on what a business sends: a text body, a reply button's title. */
export const whatsAppLimits = { textCharacters: 4096, buttonTitleCharacters: 20, buttons: 3 } as const;

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en');

/** The answer as one text: every reply, without the citation line (its titles may be in English). */
function answerText(observation: Observation): string {
  return observation.replies
    .map((reply) =>
      reply.text
        .split('\n')
        .filter((line) => !/^_source:/i.test(line.trim()))
        .join('\n'),
    )
    .join('\n');
}

const scriptPatterns: Record<Script, RegExp> = {
  latin: /\p{Script=Latin}/u,
  devanagari: /\p{Script=Devanagari}/u,
  bengali: /\p{Script=Bengali}/u,
};

/** The share of the answer's letters written in each script; a link's letters are no language's. */
export function scriptShares(text: string): Record<Script, number> {
  const letters = [...text.replace(/\bhttps?:\/\/\S+/g, ' ')].filter((character) => /\p{L}/u.test(character));
  const share = (script: Script) =>
    letters.length === 0
      ? 0
      : letters.filter((character) => scriptPatterns[script].test(character)).length / letters.length;
  return { latin: share('latin'), devanagari: share('devanagari'), bengali: share('bengali') };
}

const verdict = (grader: string, pass: boolean, detail: string): Verdict => ({ grader, pass, detail });

/**
 * The deterministic graders: one verdict per expectation the case states, and WhatsApp's format
 * limits for every case. They decide the offline gate; none of them asks a model.
 */
export function gradeDeterministically(testCase: EvalCase, observation: Observation): Verdict[] {
  const expected = testCase.expect;
  const text = fold(answerText(observation));
  const verdicts: Verdict[] = [];
  for (const fact of expected.contains ?? [])
    verdicts.push(verdict('contains', text.includes(fold(fact)), `must state "${fact}"`));
  if (expected.containsAny)
    verdicts.push(
      verdict(
        'contains-any',
        expected.containsAny.some((fact) => text.includes(fold(fact))),
        `must state one of ${expected.containsAny.map((fact) => `"${fact}"`).join(', ')}`,
      ),
    );
  for (const fact of expected.notContains ?? [])
    verdicts.push(
      verdict(
        'not-contains',
        !fold(observation.replies.map((reply) => reply.text).join('\n')).includes(fold(fact)),
        `must not say "${fact}"`,
      ),
    );
  for (const title of expected.cites ?? [])
    verdicts.push(
      verdict(
        'cites',
        observation.citations.some((cited) => fold(cited) === fold(title)),
        `must cite "${title}"; cited ${observation.citations.length ? observation.citations.map((cited) => `"${cited}"`).join(', ') : 'nothing'}`,
      ),
    );
  if (expected.citesNothing)
    verdicts.push(
      verdict(
        'cites-nothing',
        observation.citations.length === 0,
        `must cite nothing; cited ${observation.citations.length}`,
      ),
    );
  for (const call of expected.tools?.called ?? []) {
    const wanted = typeof call === 'string' ? { name: call, args: undefined } : call;
    const made = observation.toolCalls.filter((made) => made.name === wanted.name);
    const matching = made.filter((made) =>
      Object.entries(wanted.args ?? {}).every(([key, value]) => made.input?.[key] === value),
    );
    verdicts.push(
      verdict(
        'tool-called',
        matching.length > 0,
        `must call ${wanted.name}${wanted.args ? ` with ${JSON.stringify(wanted.args)}` : ''}; called ${made.length ? made.map((each) => JSON.stringify(each.input ?? {})).join(', ') : 'never'}`,
      ),
    );
  }
  for (const name of expected.tools?.notCalled ?? [])
    verdicts.push(
      verdict(
        'tool-not-called',
        !observation.toolCalls.some((made) => made.name === name),
        `must not call ${name}`,
      ),
    );
  if (expected.handoff !== undefined) {
    const handedOff = observation.state !== 'bot';
    const wanted = expected.handoff !== false;
    const reason = typeof expected.handoff === 'object' ? expected.handoff.reason : undefined;
    verdicts.push(
      verdict(
        'handoff',
        handedOff === wanted && (!reason || observation.handoffReason === reason),
        `${wanted ? `must hand over${reason ? ` (${reason})` : ''}` : 'must not hand over'}; ${handedOff ? `handed over (${observation.handoffReason ?? 'no reason'})` : 'kept it'}`,
      ),
    );
  }
  if (expected.silent !== undefined)
    verdicts.push(
      verdict(
        'silent',
        (observation.replies.length === 0) === expected.silent,
        `${expected.silent ? 'must say nothing' : 'must answer'}; sent ${observation.replies.length}`,
      ),
    );
  if (expected.script) {
    const shares = scriptShares(answerText(observation));
    verdicts.push(
      verdict(
        'script',
        shares[expected.script] >= 0.6,
        `must be written in ${expected.script}; ${Object.entries(shares)
          .map(([script, share]) => `${script} ${Math.round(share * 100)} %`)
          .join(', ')}`,
      ),
    );
  }
  if (expected.invoice) {
    const { service, totalPaise, status } = expected.invoice;
    const found = observation.invoices.find((invoice) => invoice.serviceId === service);
    verdicts.push(
      verdict(
        'invoice',
        found !== undefined &&
          (totalPaise === undefined || found.totalPaise === totalPaise) &&
          (status === undefined || found.status === status),
        `must invoice ${service}${totalPaise ? ` for ${totalPaise} paise` : ''}${status ? `, ${status}` : ''}; invoiced ${observation.invoices.map((invoice) => `${invoice.serviceId} ${invoice.totalPaise}${invoice.status ? ` ${invoice.status}` : ''}`).join(', ') || 'nothing'}`,
      ),
    );
  }
  if (expected.noInvoice)
    verdicts.push(
      verdict(
        'no-invoice',
        observation.invoices.length === 0,
        `must invoice nothing; invoiced ${observation.invoices.length}`,
      ),
    );
  if (expected.template) {
    const { name, language, parameters } = expected.template;
    const sent = observation.templates ?? [];
    const found = sent.find(
      (template) =>
        template.name === name &&
        (language === undefined || template.language === language) &&
        (parameters ?? []).every((value) =>
          template.parameters.some((parameter) => fold(parameter).includes(fold(value))),
        ),
    );
    verdicts.push(
      verdict(
        'template',
        found !== undefined,
        `must send ${name}${language ? ` (${language})` : ''}${parameters ? ` with ${parameters.map((value) => `"${value}"`).join(', ')}` : ''}; sent ${sent.map((template) => `${template.name} (${template.language}) [${template.parameters.join(', ')}]`).join('; ') || 'none'}`,
      ),
    );
  }
  if (expected.noTemplate)
    verdicts.push(
      verdict(
        'no-template',
        (observation.templates ?? []).length === 0,
        `must send no template; sent ${(observation.templates ?? []).map((template) => template.name).join(', ') || 'none'}`,
      ),
    );
  // Every case: what was sent fits WhatsApp.
  const tooLong = observation.replies.filter(
    (reply) => [...reply.text].length > whatsAppLimits.textCharacters,
  );
  const badButtons = observation.replies.filter(
    (reply) =>
      reply.buttons.length > whatsAppLimits.buttons ||
      reply.buttons.some((title) => [...title].length > whatsAppLimits.buttonTitleCharacters),
  );
  verdicts.push(
    verdict(
      'whatsapp-format',
      tooLong.length === 0 &&
        badButtons.length === 0 &&
        observation.replies.every((reply) => reply.text.trim() || reply.buttons.length),
      `texts ≤ ${whatsAppLimits.textCharacters} characters, ≤ ${whatsAppLimits.buttons} buttons of ≤ ${whatsAppLimits.buttonTitleCharacters}; ${tooLong.length} too long, ${badButtons.length} with bad buttons`,
    ),
  );
  return verdicts;
}
