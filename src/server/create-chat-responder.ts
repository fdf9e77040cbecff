/**
 * Decides who answers a chat message (contract §7): the site's own bot when
 * one is configured and up, else a language model worded from the knowledge
 * base when one is configured, else the knowledge base itself. Whatever
 * leaves for the site's bot or a model has personal identity numbers, card
 * numbers and IBANs redacted first, with the widget's own rules, so a
 * bypassed widget leaks nothing either.
 */

import { buildModelPrompt } from '../bot/build-model-prompt';
import { createBridgeClient } from '../bot/create-bridge-client';
import type { BotAnswer } from '../bot/create-knowledge-bot';
import { createModelClient, type ModelClient } from '../bot/create-model-client';
import { streamModelAnswer, wordGroups } from '../bot/stream-model-answer';
import { redactMessage } from '../fields/redact-message';
import { redactionTexts } from '../i18n/redaction-texts';
import type { ChatAction, ChatRequest } from '../protocol';
import type { ConversationMemory } from './create-conversation-memory';
import { createConversationMemory } from './create-conversation-memory';
import type { KnowledgeRegistry } from './create-knowledge-registry';
import type { ServerConfig } from './server-config';

/** One reply as it is produced: text in pieces, then its actions. */
export interface ReplyInProgress {
  id: string;
  deltas: AsyncIterable<string>;
  /** Known once `deltas` is done. */
  actions(): ChatAction[] | undefined;
}

export interface ChatResponder {
  respond(request: ChatRequest, signal: AbortSignal): Promise<ReplyInProgress[]>;
  /** Forgets the in-memory turns of these conversations (an erasure). */
  forget(site: string, conversationIds: readonly string[]): void;
}

export interface ChatResponderOptions {
  config: ServerConfig;
  knowledge: KnowledgeRegistry;
  newId: () => string;
  /** The model key, from `SAMTAL_LLM_API_KEY`; never from a config file. */
  llmApiKey?: string | undefined;
  /** For tests: a client of a loopback model server is made from the config anyway. */
  model?: ModelClient;
  memory?: ConversationMemory;
  log?: (message: string) => void;
}

async function* fixed(pieces: string[]): AsyncGenerator<string> {
  yield* pieces;
}

function knownReply(
  id: string,
  answer: { text: string; actions?: ChatAction[] | undefined },
): ReplyInProgress {
  return { id, deltas: fixed(wordGroups(answer.text)), actions: () => answer.actions };
}

/** Every kind of number the widget can redact, always, before text leaves for another system. */
export function redactForOthers(text: string, locale: ChatRequest['locale']): string {
  return redactMessage(text, ['personnummer', 'card', 'iban'], redactionTexts[locale]).text;
}

export function createChatResponder({
  config,
  knowledge,
  newId,
  llmApiKey,
  model = config.llm
    ? createModelClient({ url: config.llm.url, model: config.llm.model, apiKey: llmApiKey })
    : undefined,
  memory = createConversationMemory(),
  log = (message) => console.error(`samtal-server: ${message}`),
}: ChatResponderOptions): ChatResponder {
  const bridge = config.bot
    ? createBridgeClient({
        url: config.bot.url,
        protocol: config.bot.protocol,
        timeoutMs: config.bot.timeoutSeconds * 1000,
      })
    : undefined;

  function answerFromModel(
    request: ChatRequest,
    redacted: string,
    answer: BotAnswer,
    signal: AbortSignal,
  ): ReplyInProgress[] {
    const bot = knowledge.botFor(request.site);
    const retrieved = bot.retrieve(redacted, request.locale, 3);
    const { site, conversationId } = request;
    const history = memory.turns(site, conversationId);
    memory.add(site, conversationId, { from: 'visitor', text: redacted });
    // Small talk and questions the knowledge base knows nothing about need no model.
    if (
      model === undefined ||
      (answer.source.kind !== 'entry' && answer.source.kind !== 'fallback') ||
      retrieved.length === 0
    ) {
      memory.add(site, conversationId, { from: 'bot', text: answer.text });
      return [knownReply(newId(), answer)];
    }
    const streamed = streamModelAnswer({
      client: model,
      messages: buildModelPrompt({
        locale: request.locale,
        entries: retrieved.map((candidate) => candidate.entry),
        history,
        question: redacted,
      }),
      fallback: answer,
      actions: answer.source.kind === 'entry' ? answer.actions : undefined,
      idleMs: (config.llm?.timeoutSeconds ?? 10) * 1000,
      signal,
      onFailure: (failure, error) =>
        log(
          `the language model's answer was not used whole (${failure}${error instanceof Error ? `: ${error.message}` : ''}); the knowledge base answered`,
        ),
    });
    let text = '';
    async function* remembered(): AsyncGenerator<string> {
      for await (const piece of streamed.deltas) {
        text += piece;
        yield piece;
      }
      memory.add(site, conversationId, { from: 'bot', text });
    }
    return [{ id: newId(), deltas: remembered(), actions: streamed.actions }];
  }

  return {
    forget: (site, ids) => memory.forget(site, ids),
    async respond(request, signal) {
      const redacted = redactForOthers(request.message.text, request.locale);
      const bot = knowledge.botFor(request.site);
      if (bridge) {
        const asked = await bridge.ask(
          { ...request, message: { ...request.message, text: redacted } },
          signal,
        );
        if (asked.success) return asked.replies.map((reply) => knownReply(newId(), reply));
        log(`the site's own bot did not answer (${asked.error}); the knowledge base answered`);
      }
      const answer = bot.answer(redacted, request.locale);
      if (model === undefined) return [knownReply(newId(), answer)];
      return answerFromModel(request, redacted, answer, signal);
    },
  };
}
