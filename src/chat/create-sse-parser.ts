/**
 * A `text/event-stream` parser after the WHATWG "event stream interpretation"
 * rules, for text that arrives in chunks split anywhere: inside a field name,
 * between `\r` and `\n`, in the middle of a line. Pure: the transport feeds
 * it decoded text.
 *
 * Memory stays bounded whatever a server sends: a line, or an event's data
 * lines together, longer than `maxEventLength` stop the parser and report
 * `onTooLong` once. Each chunk is scanned once, so a long line arriving in
 * small pieces costs its length, not its length squared.
 */

/** One dispatched event: its `event:` name (default `message`) and joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds the next piece of the stream. Ignored once the parser has stopped. */
  push(chunk: string): void;
  /** The stream ended; a last event without its blank line is dropped, as the spec says. */
  end(): void;
}

export interface SseParserOptions {
  /** Characters a line, or an event's data, may hold. Default: unlimited. */
  maxEventLength?: number;
  /** Told once when a line or an event passed `maxEventLength`; nothing is parsed after it. */
  onTooLong?: () => void;
}

export function createSseParser(
  onEvent: (event: SseEvent) => void,
  { maxEventLength = Number.POSITIVE_INFINITY, onTooLong = () => {} }: SseParserOptions = {},
): SseParser {
  // The current line so far, in pieces: joined once when the line ends.
  let pending: string[] = [];
  let pendingLength = 0;
  let eventName = '';
  let data: string[] = [];
  let dataLength = 0;
  let stopped = false;
  // A chunk that ends in `\r` may be followed by the `\n` of the same line break.
  let skipLeadingNewline = false;

  const stop = () => {
    stopped = true;
    pending = [];
    data = [];
    onTooLong();
  };

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: eventName || 'message', data: data.join('\n') });
    eventName = '';
    data = [];
    dataLength = 0;
  };

  const processLine = (line: string) => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') {
      dataLength += value.length + 1;
      if (dataLength > maxEventLength) stop();
      else data.push(value);
    }
  };

  return {
    push(chunk) {
      if (stopped) return;
      let start = 0;
      if (skipLeadingNewline && chunk.startsWith('\n')) start = 1;
      skipLeadingNewline = false;
      for (let index = start; index < chunk.length && !stopped; index++) {
        const char = chunk.charCodeAt(index);
        if (char !== 13 && char !== 10) continue;
        if (pendingLength + index - start > maxEventLength) {
          stop();
          return;
        }
        pending.push(chunk.slice(start, index));
        const line = pending.join('');
        pending = [];
        pendingLength = 0;
        if (chunk.charCodeAt(index) === 13) {
          if (index + 1 === chunk.length) skipLeadingNewline = true;
          else if (chunk.charCodeAt(index + 1) === 10) index++;
        }
        start = index + 1;
        processLine(line);
      }
      if (stopped || start >= chunk.length) return;
      pending.push(chunk.slice(start));
      pendingLength += chunk.length - start;
      if (pendingLength > maxEventLength) stop();
    },
    end() {
      pending = [];
      pendingLength = 0;
      eventName = '';
      data = [];
      dataLength = 0;
    },
  };
}
