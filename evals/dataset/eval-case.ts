import * as z from 'zod';

/** The languages the bot answers in; Hinglish is Hindi written in Latin letters. */
export const EvalLanguage = z.enum(['en', 'hi', 'bn', 'hinglish']);
export type EvalLanguage = z.infer<typeof EvalLanguage>;

/** The script an answer must be written in. */
export const Script = z.enum(['latin', 'devanagari', 'bengali']);
export type Script = z.infer<typeof Script>;

const Text = z.string().trim().min(1).max(2000);
const TextList = z
  .union([Text, z.array(Text).min(1)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** A tool the answer must call, with the arguments that matter (each compared as given). */
const ExpectedToolCall = z.union([
  z.string().regex(/^[a-z_]+$/),
  z.object({
    name: z.string().regex(/^[a-z_]+$/),
    args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
]);

/**
 * What the conversation is before the customer writes: a person owns it, the 24-hour window has
 * closed, the bot remembers an earlier conversation, or an invoice is waiting for the customer.
 */
export const GivenState = z
  .object({
    ownedBy: z.enum(['bot', 'human']).default('bot'),
    windowClosed: z.boolean().default(false),
    memory: z.array(Text).max(20).optional(),
    /** A quote for this catalog service is open, waiting for the customer's yes or no. */
    pendingInvoice: z
      .object({ service: z.string().regex(/^[a-z0-9-]+$/) })
      .strict()
      .optional(),
    customerName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/**
 * What the answer must be. Every field is optional: a case says what matters for it, and the
 * graders check exactly those. Texts are compared without case and with Unicode normalisation.
 */
export const Expectations = z
  .object({
    /** Facts the answer states: each must appear. */
    contains: TextList.optional(),
    /** At least one of these must appear (several ways of saying one fact). */
    containsAny: TextList.optional(),
    /** Must not appear anywhere in the answer (an invented price, the system prompt, another customer's data). */
    notContains: TextList.optional(),
    /** Documents the answer cites, by title. */
    cites: TextList.optional(),
    /** The answer cites nothing (it must not pretend the documents said it). */
    citesNothing: z.boolean().optional(),
    tools: z
      .object({
        called: z.array(ExpectedToolCall).optional(),
        notCalled: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
      })
      .strict()
      .optional(),
    /** Whether the conversation ends with a person (and why). */
    handoff: z
      .union([
        z.boolean(),
        z
          .object({
            reason: z
              .string()
              .regex(/^[a-z-]+$/)
              .optional(),
          })
          .strict(),
      ])
      .optional(),
    /** The bot says nothing at all (a person owns the conversation). */
    silent: z.boolean().optional(),
    /** The script the answer is written in. */
    script: Script.optional(),
    /** An invoice for this catalog service, with this total (paise), computed from the catalog, in this status. */
    invoice: z
      .object({
        service: z.string().regex(/^[a-z0-9-]+$/),
        totalPaise: z.number().int().positive().optional(),
        status: z
          .enum(['quoted', 'declined', 'confirmed', 'pending-approval', 'issued', 'rejected', 'paid'])
          .optional(),
      })
      .strict()
      .optional(),
    /** No invoice may be created. */
    noInvoice: z.boolean().optional(),
    /** An approved template the customer was sent (read from what was sent, not from the tool call). */
    template: z
      .object({
        name: z.string().regex(/^[a-z0-9_]+$/),
        language: z
          .string()
          .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/)
          .optional(),
        /** Values its parameters must hold, each compared as text within the parameters. */
        parameters: TextList.optional(),
      })
      .strict()
      .optional(),
    /** No template may be sent. */
    noTemplate: z.boolean().optional(),
  })
  .strict();
export type Expectations = z.infer<typeof Expectations>;

/** One case: a short conversation and what its answer must be. */
export const EvalCase = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,80}$/, { error: 'ids are lower-case words joined by hyphens' }),
    /** Where it is reported (facts, prices, handoff, invoices, templates, adversarial, …). */
    category: z.string().regex(/^[a-z-]+$/),
    language: EvalLanguage,
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    given: GivenState.default({ ownedBy: 'bot', windowClosed: false }),
    /** What the customer writes, one message per turn. */
    turns: TextList.pipe(z.array(Text).max(10)),
    expect: Expectations,
  })
  .strict();
export type EvalCase = z.infer<typeof EvalCase>;
