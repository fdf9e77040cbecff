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

describe('createSseParser limits', () => {
  it('joins a long line that arrives in many small chunks', () => {
    const events: SseEvent[] = [];
    const parser = createSseParser((event) => events.push(event), { maxEventLength: 100_000 });
    const line = `data: ${'x'.repeat(50_000)}\n\n`;
    for (let index = 0; index < line.length; index += 7) parser.push(line.slice(index, index + 7));
    expect(events).toEqual([{ event: 'message', data: 'x'.repeat(50_000) }]);
  });

  it.each([
    ['a line without its end', ['data: ', 'y'.repeat(60), 'y'.repeat(60)]],
    ['a long line in one chunk', [`event: ${'y'.repeat(200)}\n\n`]],
    ['data lines that add up', ['data: 1234567890\n'.repeat(20), '\n']],
  ])('stops at %s past maxEventLength, says so once, and parses nothing after', (_name, chunks) => {
    const events: SseEvent[] = [];
    let told = 0;
    const parser = createSseParser((event) => events.push(event), {
      maxEventLength: 100,
      onTooLong: () => told++,
    });
    for (const chunk of chunks) parser.push(chunk);
    parser.push('\n\ndata: after\n\n');
    expect(told).toBe(1);
    expect(events).toEqual([]);
  });
});
