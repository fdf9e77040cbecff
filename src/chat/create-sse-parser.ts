/**
 * A `text/event-stream` parser after the WHATWG "event stream interpretation"
 * rules, for text that arrives in chunks split anywhere: inside a field name,
 * between `\r` and `\n`, in the middle of a line. Pure: the transport feeds
 * it decoded text.
 */

/** One dispatched event: its `event:` name (default `message`) and joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds the next piece of the stream. */
  push(chunk: string): void;
  /** The stream ended; a last event without its blank line is dropped, as the spec says. */
  end(): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  // A chunk that ends in `\r` may be followed by the `\n` of the same line break.
  let skipLeadingNewline = false;

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: eventName || 'message', data: data.join('\n') });
    eventName = '';
    data = [];
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
    else if (field === 'data') data.push(value);
  };

  return {
    push(chunk) {
      let text = chunk;
      if (skipLeadingNewline && text.startsWith('\n')) text = text.slice(1);
      skipLeadingNewline = false;
      buffer += text;
      let start = 0;
      for (let index = 0; index < buffer.length; index++) {
        const char = buffer[index];
        if (char !== '\r' && char !== '\n') continue;
        processLine(buffer.slice(start, index));
        if (char === '\r') {
          if (index + 1 === buffer.length) skipLeadingNewline = true;
          else if (buffer[index + 1] === '\n') index++;
        }
        start = index + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      eventName = '';
      data = [];
    },
  };
}
