import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../src/chat/create-sse-parser';

const stream =
  'event: reply-start\r\ndata: {"id":"r1"}\r\n\r\n' +
  ': keep-alive comment\n' +
  'event: reply-delta\rdata: {"id":"r1",\rdata: "text":"a"}\r\r' +
  'data:no space\n\n' +
  'event: done\ndata: {}\n\n';

const expected: SseEvent[] = [
  { event: 'reply-start', data: '{"id":"r1"}' },
  { event: 'reply-delta', data: '{"id":"r1",\n"text":"a"}' },
  { event: 'message', data: 'no space' },
  { event: 'done', data: '{}' },
];

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('createSseParser', () => {
  it('reads events with \\n, \\r\\n and \\r line ends, comments and multi-line data', () => {
    expect(parse([stream])).toEqual(expected);
  });

  it('gives the same events however the stream is split in two', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
    }
  });

  it('gives the same events one character at a time', () => {
    expect(parse([...stream])).toEqual(expected);
  });

  it('drops a last event that never got its blank line', () => {
    expect(parse(['event: done\ndata: {}\n'])).toEqual([]);
  });
});
