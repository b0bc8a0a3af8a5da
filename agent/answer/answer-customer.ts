import type { ContentBlock, Message } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseChat, ModelUsage } from '#agent/model/converse-chat.ts';
import { UpstreamError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { Turn } from '#core/stores/conversation-history.ts';
import type { Passage, PassageRetriever } from '#kb/retrieve-passages.ts';
import type { AgentTool, EffectGuard, ToolContext, ToolResult } from '#tools/agent-tool.ts';
import { runTool } from '#tools/run-tool.ts';
import { conversationContext, withConversationContext } from './conversation-context.ts';
import { readModelReply } from './model-reply.ts';
import { passagesForQuestion, type RetrievalSettings } from './passages-for-question.ts';
import { systemPrompt } from './system-prompt.ts';
import { turnsWithinBudget } from './token-budget.ts';
import { whatsAppMessages } from './whatsapp-format.ts';

export interface AgentDependencies {
  model: ConverseChat;
  retriever: PassageRetriever;
  /**
   * Each tool has its own input type; runTool parses the model's arguments with the tool's schema.
   * A function builds them for each answer (the invoice tool is described with the current catalog).
   */
  tools: readonly AgentTool<unknown>[] | (() => Promise<readonly AgentTool<unknown>[]>);
  retrieval?: RetrievalSettings;
  audit: AuditStore;
  maxToolRounds?: number;
  /** Past this, no new model round starts (the reply would come too late to be useful). */
  timeBudgetMs?: number;
  /** Tokens of conversation history the prompt may carry (the oldest turns are left out first). */
  historyTokenBudget?: number;
  /** Tokens (input and output, all rounds) one reply may spend; past this, no new model round starts. */
  replyTokenBudget?: number;
}

export interface AgentAnswer {
  messages: string[];
  citations: Array<{ title: string; uri: string; chunkId: string | null }>;
  /** The tools called, with the arguments the model gave (kept for the audit and the evals). */
  toolCalls: Array<{ name: string; ok: boolean; input?: Record<string, unknown> }>;
  handedOff: boolean;
  /** A quote the agent sent (its buttons are the answer): the customer's yes or no confirms or declines it. */
  quote?: { invoiceId: string; wamid: string };
  /** The model's tokens for this answer, all rounds (absent when no model was asked). */
  usage?: ModelUsage;
}

/**
 * One considered answer to what the customer wrote since the business last spoke: passages
 * retrieved from the Knowledge Base in every language, Nova Pro (or the offline stand-in)
 * with the tools bound, a bounded number of tool rounds within a time budget, then the answer
 * formatted for WhatsApp with customer-safe citations.
 */
export async function answerCustomer(
  dependencies: AgentDependencies,
  conversation: Conversation,
  turns: readonly Turn[],
  request: {
    /** The newest message answered: names the request, so a retried step converges. */
    requestId: string;
    /** What the customer wrote that this answer is for (the pending messages, oldest first). */
    question?: string;
    effects: EffectGuard;
  },
): Promise<AgentAnswer> {
  const started = Date.now();
  const question = request.question ?? latestCustomerText(turns);
  const [passages, tools] = await Promise.all([
    passagesForQuestion(dependencies.retriever, question, dependencies.retrieval),
    typeof dependencies.tools === 'function' ? dependencies.tools() : dependencies.tools,
  ]);
  const context: ToolContext = {
    conversation,
    requestId: request.requestId,
    now: new Date(),
    question,
    sources: passages.map((passage) => passage.citation),
    effects: request.effects,
  };
  const history = turnsWithinBudget(turns, dependencies.historyTokenBudget ?? 3000);
  const system = systemPrompt(passages);
  const messages: Message[] = withConversationContext(chatTurns(history), conversationContext(conversation));
  const toolCalls: AgentAnswer['toolCalls'] = [];
  let tokensSpent = 0;
  const usage: ModelUsage = { modelCalls: 0, inputTokens: 0, outputTokens: 0 };
  const maxToolRounds = dependencies.maxToolRounds ?? 3;
  for (let round = 0; ; round += 1) {
    const reply = await dependencies.model.converse({ system, messages, tools });
    messages.push(reply.message);
    tokensSpent += reply.totalTokens;
    usage.modelCalls += reply.usage.modelCalls;
    usage.inputTokens += reply.usage.inputTokens;
    usage.outputTokens += reply.usage.outputTokens;
    // Nova's reply in any of its shapes (several blocks, <thinking>, reasoning, tool calls, stop
    // reasons): only sendable text ends the turn; anything else goes to a person (the router's fallback).
    const read = readModelReply(reply, { toolsAllowed: round < maxToolRounds });
    if (read.kind === 'text') return { ...finish(read.text, passages, toolCalls), usage };
    if (read.kind === 'unsendable') {
      throw new UpstreamError(`The model's reply cannot be sent (${read.reason})`, {
        retryable: false,
        details: { reason: read.reason, stopReason: read.stopReason ?? null },
      });
    }
    const calls = read.calls;
    // A reply that needs more rounds than its budgets allow goes to a person (the router's fallback).
    if (Date.now() - started > (dependencies.timeBudgetMs ?? 20_000))
      throw new UpstreamError('The answer took longer than its time budget');
    if (tokensSpent > (dependencies.replyTokenBudget ?? 12_000))
      throw new UpstreamError(`The answer spent ${tokensSpent} tokens, more than its budget`);
    // Every call's result goes back in one user turn, as Converse requires.
    const results: ContentBlock[] = [];
    let endsTurn: ToolResult['endsTurn'];
    for (const call of calls) {
      const agentTool = tools.find((candidate) => candidate.name === call.name);
      const result: ToolResult = agentTool
        ? await runTool(agentTool, context, call.args, dependencies.audit)
        : { ok: false, data: { error: 'unknown-tool', message: `There is no tool ${call.name}` } };
      toolCalls.push({ name: call.name, ok: result.ok, ...argumentsOf(call.args) });
      endsTurn ??= result.endsTurn;
      results.push({
        toolResult: {
          toolUseId: call.id,
          content: [{ json: result.data as Record<string, never> }],
          status: result.ok ? 'success' : 'error',
        },
      });
    }
    // The tool answered the customer itself (a quote with its buttons): nothing more to say.
    if (endsTurn)
      return {
        messages: [],
        citations: [],
        toolCalls,
        handedOff: false,
        ...(endsTurn.quote ? { quote: endsTurn.quote } : {}),
        usage,
      };
    messages.push({ role: 'user', content: results });
  }
}

function finish(
  text: string,
  passages: readonly Passage[],
  toolCalls: AgentAnswer['toolCalls'],
): AgentAnswer {
  const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))]
    .map((index) => passages[index - 1])
    .filter((passage): passage is Passage => Boolean(passage));
  const body = text.replace(/\s*\[\d+\]/g, '').trim();
  const sources =
    cited.length > 0
      ? `\n\n_Source: ${[...new Set(cited.map((passage) => passage.citation))].join('; ')}_`
      : '';
  return {
    messages: whatsAppMessages(`${body}${sources}`),
    citations: cited.map((passage) => ({
      title: passage.citation,
      uri: passage.source.uri,
      chunkId: passage.source.chunkId,
    })),
    toolCalls,
    handedOff: toolCalls.some((call) => call.name === 'request_human' && call.ok),
  };
}

/** What the customer wrote since the business last spoke, joined: a burst is one question. */
function latestCustomerText(turns: readonly Turn[]): string {
  const lastBusiness = turns.map((turn) => turn.role).lastIndexOf('business');
  return turns
    .slice(lastBusiness + 1)
    .filter((turn) => turn.role === 'customer')
    .map((turn) => turn.text)
    .join('\n');
}

/** Bedrock wants user and assistant turns alternating, starting and ending with the user. */
function chatTurns(turns: readonly Turn[]): Message[] {
  const merged: Array<{ role: Turn['role']; text: string }> = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (last?.role === turn.role) last.text = `${last.text}\n${turn.text}`;
    else merged.push({ role: turn.role, text: turn.text });
  }
  while (merged[0]?.role === 'business') merged.shift();
  while (merged.at(-1)?.role === 'business') merged.pop();
  return merged.map((turn) => ({
    role: turn.role === 'customer' ? 'user' : 'assistant',
    content: [{ text: turn.text }],
  }));
}

/** The model's arguments as the record keeps them: an object, and not more than 2 KB of it. */
function argumentsOf(args: unknown): { input?: Record<string, unknown> } {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return {};
  return JSON.stringify(args).length <= 2048 ? { input: args as Record<string, unknown> } : {};
}
