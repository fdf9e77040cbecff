/**
 * Streams a model's answer to the visitor a sentence at a time, each piece
 * checked against the chat's Markdown subset before it leaves, so nothing the
 * widget cannot show is ever sent. If the model fails (error, 429 or 5xx
 * after the client's retry, a stall, garbage in the stream, an empty answer,
 * or text outside the subset) before its first sentence, the knowledge-base
 * answer is streamed instead; after it, the answer ends at its last good
 * sentence.
 */
import type { ChatAction } from '../protocol/chat';
import type { ModelClient, ModelMessage } from './create-model-client';
import { findMarkdownProblems } from './find-markdown-problems';

/** Why a model answer was not (wholly) used. */
export type ModelFailure = 'error' | 'timeout' | 'empty' | 'outside-subset' | 'too-long';

export interface ModelAnswerOptions {
  client: ModelClient;
  messages: readonly ModelMessage[];
  /** What to send if the model fails before its first sentence. */
  fallback: { text: string; actions?: ChatAction[] };
  /** Actions to attach when the model's answer is used. */
  actions?: ChatAction[] | undefined;
  /** Milliseconds to wait for the first piece, and then between pieces. */
  idleMs: number;
  /** Longest answer, in characters; a longer one counts as a failure. */
  maxLength?: number;
  signal: AbortSignal;
  /** Told once why the model's answer was cut or replaced. */
  onFailure?: (failure: ModelFailure, error?: unknown) => void;
}

/** The answer as it streams, and what it ended with. */
export interface ModelAnswer {
  deltas: AsyncIterable<string>;
  /** Known once `deltas` is done: the actions of whichever answer was sent. */
  actions(): ChatAction[] | undefined;
  /** Known once `deltas` is done: whether the model's words were sent. */
  usedModel(): boolean;
}

// A sentence ends at . ! ? … or : followed by a space, or at a line break.
const sentenceEnd = /[.!?…:](?=\s)|\n/g;

/** The length of `text` up to and including its last sentence end, or 0. */
function lastCommitPoint(text: string): number {
  let cut = 0;
  for (const match of text.matchAll(sentenceEnd)) cut = match.index + match[0].length;
  return cut;
}

function fitsSubset(text: string): boolean {
  return findMarkdownProblems(text).length === 0;
}

/** Splits a known answer into a few word groups, so it streams like a model's. */
export function wordGroups(text: string, size = 4): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const groups: string[] = [];
  const lead = text.match(/^\s+/)?.[0] ?? '';
  for (let start = 0; start < words.length; start += size)
    groups.push((start === 0 ? lead : '') + words.slice(start, start + size).join(''));
  return groups;
}

class Stall extends Error {}

/** Next item of `iterator`, or a `Stall` after `ms`. */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Stall()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function streamModelAnswer({
  client,
  messages,
  fallback,
  actions,
  idleMs,
  maxLength = 4000,
  signal,
  onFailure = () => {},
}: ModelAnswerOptions): ModelAnswer {
  let finalActions: ChatAction[] | undefined;
  let modelUsed = false;
  async function* deltas(): AsyncGenerator<string> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal.addEventListener('abort', abort);
    let sent = '';
    let pending = '';
    let failure: ModelFailure | null = null;
    let cause: unknown;
    const iterator = client.stream(messages, controller.signal)[Symbol.asyncIterator]();
    try {
      while (true) {
        const next = await nextWithin(iterator, idleMs);
        if (next.done) break;
        pending += next.value;
        if (sent.length + pending.length > maxLength) {
          failure = 'too-long';
          break;
        }
        const cut = lastCommitPoint(pending);
        if (cut === 0) continue;
        const piece = pending.slice(0, cut);
        if (!fitsSubset(sent + piece)) {
          failure = 'outside-subset';
          break;
        }
        // Leading blank space of the very first piece is the model clearing its throat.
        const out = sent === '' ? piece.trimStart() : piece;
        pending = pending.slice(cut);
        if (out === '') continue;
        sent += out;
        yield out;
      }
      if (failure === null) {
        const rest = sent === '' ? pending.trim() : pending.trimEnd();
        if (sent === '' && rest === '') failure = 'empty';
        else if (!fitsSubset(sent + rest)) failure = 'outside-subset';
        else if (rest !== '') {
          sent += rest;
          yield rest;
        }
      }
    } catch (error) {
      failure = error instanceof Stall ? 'timeout' : 'error';
      cause = error;
    } finally {
      controller.abort();
      signal.removeEventListener('abort', abort);
      // Closing the iterator ends the HTTP stream; a failing close changes nothing here.
      void iterator.return?.()?.catch?.(() => {});
    }
    if (failure !== null) onFailure(failure, cause);
    if (sent !== '') {
      modelUsed = true;
      finalActions = actions;
      return;
    }
    finalActions = fallback.actions;
    if (signal.aborted) return;
    yield* wordGroups(fallback.text);
  }
  return { deltas: deltas(), actions: () => finalActions, usedModel: () => modelUsed };
}
