import { ConversationChangedError, ForbiddenError } from '#core/errors/app-errors.ts';
import type { Conversation, ConversationState } from '#core/stores/conversation.ts';
import type { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import type { EffectGuard } from '#tools/agent-tool.ts';

/**
 * The effect guard of one answer (see EffectGuard): every effect is reserved on the conversation
 * item against the state and version the bot read and the lease this job holds, at the moment of
 * the effect, not before the answer began.
 */
export class BotEffects implements EffectGuard {
  private expectedState: ConversationState;
  private expectedVersion: number;
  /** The effect this answer reserved and has not ended yet (ended by `run`, or by the write that settles a reply). */
  held: string | undefined;

  constructor(
    private readonly replies: ReplyCoordination,
    private readonly conversationId: string,
    private readonly owner: string,
    read: Pick<Conversation, 'state' | 'version'>,
    private readonly holdMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.expectedState = read.state;
    this.expectedVersion = read.version;
  }

  expected() {
    return { state: this.expectedState, version: this.expectedVersion };
  }

  ownerChanged(conversation: Pick<Conversation, 'state' | 'version'>): void {
    this.expectedState = conversation.state;
    this.expectedVersion = conversation.version;
  }

  /**
   * Reserves an effect and leaves it reserved (the caller ends it, e.g. in the write that settles a
   * reply). True when the same effect was already in flight: an earlier attempt crashed during it.
   */
  async reserve(key: string): Promise<boolean> {
    const outcome = await this.replies.reserveEffect(this.conversationId, {
      key,
      owner: this.owner,
      expected: this.expected(),
      untilMs: this.now() + this.holdMs,
    });
    if (outcome !== 'refused') {
      this.held = key;
      return outcome === 'resumed';
    }
    throw new ConversationChangedError(
      `The conversation changed before the bot's effect ${key.split(':')[0]}: a person took over, or another answer holds it`,
      { details: { effect: key.split(':')[0] } },
    );
  }

  async run<T>(key: string, effect: () => Promise<T>): Promise<T> {
    // After its own handoff the bot only tells the customer so: no more templates or invoices.
    if (this.expectedState !== 'bot')
      throw new ForbiddenError('This conversation is handed over to a person; only they act on it now');
    await this.reserve(key);
    try {
      return await effect();
    } finally {
      await this.replies.release(this.conversationId, { effectKey: key });
      this.held = undefined;
    }
  }
}
