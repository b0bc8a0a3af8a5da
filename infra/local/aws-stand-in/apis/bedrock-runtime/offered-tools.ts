import { includesMeaning, topicalMeanings } from './prompt-words.ts';

/** A tool as Converse offers it to the model: `toolConfig.tools[].toolSpec`. */
export interface OfferedTool {
  name: string;
  description?: string | undefined;
  /** `inputSchema.json`: the JSON Schema of the tool's input. */
  inputSchema?: unknown;
}

/** A service the invoice tool can bill, read from its schema's enum and its description. */
export interface OfferedService {
  id: string;
  name: string;
}

/** A template the template tool says it may send. */
export interface OfferedTemplate {
  name: string;
  language: string;
  parameters: number;
}

/**
 * The services `create_invoice_link` takes, as a model reads them off the request: the ids are its
 * `serviceId` enum, each named as the tool's description names it ("website-starter: Website
 * Starter"), or by its id's words when the description does not. Nothing is known in advance.
 */
export function offeredServices(tool: OfferedTool | undefined): OfferedService[] {
  const serviceId = propertyOf(tool?.inputSchema, 'serviceId');
  const ids = Array.isArray(serviceId?.enum)
    ? serviceId.enum.filter((id): id is string => typeof id === 'string')
    : [];
  const described = `${tool?.description ?? ''}\n${typeof serviceId?.description === 'string' ? serviceId.description : ''}`;
  return ids.map((id) => {
    const named = new RegExp(`(?:^|[\\s,;(\\[])${escapeRegExp(id)}\\s*[:=—–-]+\\s*([^,;\\n(]+)`).exec(
      described,
    );
    const name = named?.[1]
      ?.split(/\s+[—–-]\s+/)[0]
      ?.trim()
      .replace(/[.\s]+$/, '');
    return { id, name: name || id.replace(/[-_]+/g, ' ') };
  });
}

/** The one service the customer's words name; none when they name none or several equally. */
export function serviceNamed(words: string, services: readonly OfferedService[]): OfferedService | undefined {
  const said = new Set(topicalMeanings(words));
  const scored = services
    .map((service) => {
      const nameMeanings = new Set([...topicalMeanings(service.name), ...topicalMeanings(service.id)]);
      const covered = [...nameMeanings].filter((meaning) => includesMeaning(said, meaning)).length;
      return { service, score: covered + covered / Math.max(1, nameMeanings.size) };
    })
    .filter((candidate) => candidate.score > 0)
    .sort((first, second) => second.score - first.score);
  const [best, next] = scored;
  if (!best || (next && next.score === best.score)) return undefined;
  return best.service;
}

/** The templates `send_template` lists in its description ("name (language, N parameters: …)"). */
export function offeredTemplates(tool: OfferedTool | undefined): OfferedTemplate[] {
  return [
    ...(tool?.description ?? '').matchAll(/([a-z0-9_]+) \(([a-z]{2,3}(?:_[A-Z]{2})?), (\d+) parameters?/g),
  ].map((match) => ({ name: match[1] ?? '', language: match[2] ?? '', parameters: Number(match[3]) }));
}

function propertyOf(schema: unknown, name: string): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const properties = (schema as { properties?: unknown }).properties;
  if (!properties || typeof properties !== 'object') return undefined;
  const property = (properties as Record<string, unknown>)[name];
  return property && typeof property === 'object' ? (property as Record<string, unknown>) : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
