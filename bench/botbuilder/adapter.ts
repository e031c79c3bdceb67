// An in-process Bot Framework adapter: runs the middleware pipeline and the bot on one activity and returns the replies; no network, no timers.
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder-core';

const repliesKey = Symbol('bench.replies');

/**
 * Unlike botbuilder-core's TestAdapter, replies are kept per turn (TestAdapter has one queue
 * for every conversation, and its TestFlow polls it every 5 ms), so many conversations can run
 * at once and a turn's replies are known as soon as processActivity resolves.
 */
export class InProcessAdapter extends BotAdapter {
  private nextId = 0;

  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(repliesKey, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get<Partial<Activity>[] | undefined>(repliesKey);
    if (!replies) throw new Error('InProcessAdapter: sendActivities outside processActivity');
    return activities.map((activity) => {
      const id = String(this.nextId++);
      replies.push({ ...activity, id });
      return { id };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('InProcessAdapter: updateActivity is not supported');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('InProcessAdapter: deleteActivity is not supported');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}

/** A user's message as a channel would deliver it. */
export function userMessage(conversationId: string, userId: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    text,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1/bench',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: conversationId },
    from: { id: userId, name: userId },
    recipient: { id: 'bot', name: 'Sportello bench bot' },
  };
}
