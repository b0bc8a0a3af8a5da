import * as z from 'zod';

/**
 * What the platform can send on WhatsApp, with Meta's limits checked before any call (Cloud API
 * "Messages" reference: text ≤ 4,096 characters; up to 3 reply buttons of ≤ 20 characters; lists of
 * ≤ 10 rows with titles ≤ 24 and descriptions ≤ 72; headers and footers ≤ 60; captions ≤ 1,024).
 * Media is named by its S3 key under the outgoing prefix; the sender uploads it.
 */
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} may have at most ${max} characters` });

const Text = z.object({
  type: z.literal('text'),
  body: text(4096, 'text.body'),
  previewUrl: z.boolean().default(false),
});

const TemplateParameter = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: text(1024, 'a template parameter') }),
  z.object({
    type: z.literal('currency'),
    fallbackValue: z.string().min(1),
    code: z.string().regex(/^[A-Z]{3}$/),
    amount1000: z.number().int(),
  }),
  z.object({ type: z.literal('date_time'), fallbackValue: z.string().min(1) }),
  z.object({ type: z.literal('image'), link: z.url() }),
  z.object({ type: z.literal('document'), link: z.url(), filename: z.string().max(240).optional() }),
]);

const Template = z.object({
  type: z.literal('template'),
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, {
    error: 'template name must be lower case letters, digits and underscores',
  }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, { error: 'language must be a code such as en_US or hi' }),
  header: z.array(TemplateParameter).max(1).optional(),
  body: z.array(TemplateParameter).max(20).optional(),
  buttons: z
    .array(
      z.object({
        subType: z.enum(['quick_reply', 'url']),
        index: z.number().int().min(0).max(9),
        parameter: z.string().min(1).max(2000),
      }),
    )
    .max(10)
    .optional(),
});

const Media = z.object({
  type: z.enum(['image', 'audio', 'video', 'document', 'sticker']),
  /** Key in the media bucket, under the outgoing prefix. */
  s3Key: z.string().min(1).max(1024),
  caption: text(1024, 'caption').optional(),
  filename: z.string().min(1).max(240).optional(),
});

const Button = z.object({ id: text(256, 'button id'), title: text(20, 'button title') });
const Buttons = z.object({
  type: z.literal('buttons'),
  header: text(60, 'header').optional(),
  body: text(1024, 'body'),
  footer: text(60, 'footer').optional(),
  buttons: z
    .array(Button)
    .min(1)
    .max(3, { error: 'at most 3 reply buttons' })
    .refine((buttons) => new Set(buttons.map((button) => button.id)).size === buttons.length, {
      error: 'button ids must be unique',
    }),
});

const Row = z.object({
  id: text(200, 'row id'),
  title: text(24, 'row title'),
  description: text(72, 'row description').optional(),
});
const List = z
  .object({
    type: z.literal('list'),
    header: text(60, 'header').optional(),
    body: text(4096, 'body'),
    footer: text(60, 'footer').optional(),
    buttonText: text(20, 'list button text'),
    sections: z
      .array(z.object({ title: text(24, 'section title').optional(), rows: z.array(Row).min(1) }))
      .min(1)
      .max(10),
  })
  .superRefine((list, context) => {
    const rows = list.sections.flatMap((section) => section.rows);
    if (rows.length > 10)
      context.addIssue({ code: 'custom', path: ['sections'], message: 'at most 10 rows in all' });
    if (new Set(rows.map((row) => row.id)).size !== rows.length)
      context.addIssue({ code: 'custom', path: ['sections'], message: 'row ids must be unique' });
    if (list.sections.length > 1 && list.sections.some((section) => !section.title)) {
      context.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'every section needs a title when there are several',
      });
    }
  });

const Location = z.object({
  type: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: text(1024, 'location name').optional(),
  address: text(1024, 'address').optional(),
});

const Contacts = z.object({
  type: z.literal('contacts'),
  contacts: z
    .array(
      z.object({
        formattedName: text(1024, 'contact name'),
        firstName: text(512, 'first name').optional(),
        lastName: text(512, 'last name').optional(),
        phones: z
          .array(
            z.object({
              phone: z.string().min(3).max(64),
              type: z.string().max(32).optional(),
              waId: z
                .string()
                .regex(/^\d{6,20}$/)
                .optional(),
            }),
          )
          .max(20)
          .default([]),
        emails: z
          .array(z.object({ email: z.email(), type: z.string().max(32).optional() }))
          .max(20)
          .default([]),
        organization: text(512, 'organization').optional(),
      }),
    )
    .min(1)
    .max(20),
});

const Reaction = z.object({
  type: z.literal('reaction'),
  messageId: z
    .string()
    .regex(/^wamid\.[A-Za-z0-9+/=_-]+$/, { error: 'must be the wamid of the message reacted to' }),
  /** One emoji; empty removes the reaction. */
  emoji: z.string().max(16),
});

export const OutboundContent = z.discriminatedUnion('type', [
  Text,
  Template,
  Media,
  Buttons,
  List,
  Location,
  Contacts,
  Reaction,
]);
export type OutboundContent = z.infer<typeof OutboundContent>;
export type OutboundContentInput = z.input<typeof OutboundContent>;
