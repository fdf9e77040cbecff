/**
 * A language model behind an OpenAI-compatible `/chat/completions` API
 * (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp's server, LM Studio),
 * through the official `openai` client, streaming. The client retries once
 * on 429 (honouring `Retry-After`) and 5xx; the caller's signal bounds it all.
 */
import OpenAI from 'openai';

/** One message of the prompt, in the chat-completions shape. */
export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelClient {
  /** The model's answer as text pieces, in order. Rejects on any failure; `signal` aborts. */
  stream(messages: readonly ModelMessage[], signal: AbortSignal): AsyncIterable<string>;
}

export interface ModelClientOptions {
  /** The API's base (`http://127.0.0.1:11434/v1`); a trailing `/chat/completions` is accepted too. */
  url: string;
  model: string;
  /** Sent as a bearer token; local servers need none. */
  apiKey?: string | undefined;
  /** Longest answer asked for, in tokens. */
  maxTokens?: number;
  fetch?: typeof globalThis.fetch;
}

/** The API base from what an operator may paste: the base itself or the full endpoint URL. */
export function modelApiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
}

export function createModelClient({
  url,
  model,
  apiKey,
  maxTokens = 500,
  fetch,
}: ModelClientOptions): ModelClient {
  const client = new OpenAI({
    baseURL: modelApiBase(url),
    // Local servers take no key, but the client insists on one.
    apiKey: apiKey ?? 'no-key',
    maxRetries: 1,
    timeout: 60_000,
    // Failures reach the caller as errors, and the server logs them in its own words.
    logLevel: 'off',
    ...(fetch ? { fetch } : {}),
  });
  return {
    async *stream(messages, signal) {
      const completion = await client.chat.completions.create(
        {
          model,
          messages: messages.map(({ role, content }) => ({ role, content })),
          stream: true,
          temperature: 0.2,
          max_tokens: maxTokens,
        },
        { signal },
      );
      for await (const chunk of completion) {
        const piece = chunk.choices[0]?.delta?.content;
        if (typeof piece === 'string' && piece !== '') yield piece;
      }
    },
  };
}
