/** The demo company's FAQ bot: pure matching, shared by the demo's mocks and the reference server. */

import type { ChatAction } from '../protocol/chat';
import type { Locale } from '../protocol/common';

/** One answer of the bot. */
export interface BotAnswer {
  text: string;
  actions?: ChatAction[];
}

export function answerChat(_text: string, locale: Locale): BotAnswer {
  return {
    text: locale === 'sv' ? 'Hej! Vad kan jag hjälpa dig med?' : 'Hi! How can I help?',
  };
}
