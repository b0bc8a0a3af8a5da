import { z } from 'zod';

/** One bubble of the simulated customer's chat, as the simulator API returns it. */
export interface SimMessage {
  direction: 'in' | 'out';
  wamid: string;
  type: string;
  text: string | null;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  timestamp: string;
  failure?: { code: number; title: string };
  /** For interactive messages from the business: what the customer can tap. */
  buttons?: Array<{ id: string; title: string }>;
  listRows?: Array<{ id: string; title: string; description?: string }>;
  listButton?: string;
  media?: { mediaId: string; mimeType: string; fileName?: string };
  location?: { latitude: number; longitude: number; name?: string };
  /** The wamid this message answers or reacts to. */
  replyTo?: string;
  reactions?: string[];
}

const CustomerFields = {
  businessPhone: z.string().min(1).max(64),
  from: z
    .string()
    .transform((value) => value.replace(/\D/g, ''))
    .pipe(z.string().regex(/^\d{6,15}$/, { error: 'from must be a phone number' })),
  name: z.string().trim().min(1).max(256),
};

/** `POST /sim/api/messages`: the scriptable text message. */
export const SimTextMessage = z.object({ ...CustomerFields, text: z.string().min(1).max(65_536) });

export const SimAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(65_536), replyTo: z.string().optional() }),
  z.object({
    type: z.enum(['image', 'document', 'audio', 'video']),
    fileName: z.string().min(1).max(240),
    mimeType: z.string().min(3).max(128),
    dataBase64: z.base64().max(22_000_000),
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(256).optional(),
    address: z.string().max(512).optional(),
  }),
  z.object({
    type: z.literal('button_reply'),
    messageId: z.string().min(1),
    id: z.string().min(1).max(256),
    title: z.string().min(1).max(20),
  }),
  z.object({
    type: z.literal('list_reply'),
    messageId: z.string().min(1),
    id: z.string().min(1).max(200),
    title: z.string().min(1).max(24),
    description: z.string().max(72).optional(),
  }),
  z.object({ type: z.literal('reaction'), messageId: z.string().min(1), emoji: z.string().max(16) }),
]);
export type SimAction = z.infer<typeof SimAction>;

/** `POST /sim/api/customer-actions`: anything a customer can do in the chat. */
export const SimCustomerAction = z.object({ ...CustomerFields, action: SimAction });

export const SimSwitches = z.object({
  businessPhone: z.string().min(1),
  waId: z.string().regex(/^\d{6,15}$/),
  /** The customer's number cannot be reached: sends fail with 131026. */
  unreachable: z.boolean().optional(),
  /** The customer last wrote more than 24 hours ago: free-form sends fail with 131047. */
  windowAged: z.boolean().optional(),
});

/** `POST /sim/api/business-messages`: a reply typed on the business side, sent through the real outbound path. */
export const SimBusinessMessage = z.object({
  businessPhone: z.string().min(1),
  to: z.string().regex(/^\+?\d{6,15}$/),
  text: z.string().min(1).max(4096),
});
