import { testConfig } from './local-clients.ts';

export interface SentByStandIn {
  messageId: string;
  phoneNumberId: string;
  message: Record<string, unknown> & { to: string; type?: string };
  sentAt: string;
}

/** What the EUM Social stand-in accepted for a customer (it keeps what a real WhatsApp would deliver). */
export async function sentTo(to: string): Promise<SentByStandIn[]> {
  const response = await fetch(`${testConfig().local.awsEndpoint}/__stand-in/social-messaging/sent?to=${to}`);
  return ((await response.json()) as { messages: SentByStandIn[] }).messages;
}
