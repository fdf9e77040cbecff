/**
 * Inline parsing of one paragraph after CommonMark 0.31.2 §6: code spans,
 * backslash escapes, emphasis and strong emphasis by the delimiter-run
 * algorithm (§6.2 and appendix "An algorithm for parsing nested emphasis
 * and links"), inline links, autolinks and line breaks, plus bare
 * `http(s)://` URLs as GitHub links them.
 *
 * It runs in time linear in the paragraph's length, which the original
 * algorithm does only with care (cmark's and commonmark.js's pathological
 * tests): nodes sit in a linked list so wrapping a range in emphasis or a
 * link is O(1); the emphasis search keeps a floor per delimiter kind
 * (`openersBottom`); links deactivate earlier brackets with one watermark,
 * not a walk; code-span closers are found from one index of backtick runs;
 * a link destination may nest at most 32 parentheses (as cmark allows), so a
 * failed destination is never re-read more than a bounded number of times.
 *
 * Outside the subset, and kept as text: raw HTML, images (`!` then a link),
 * character references (not decoded), link targets other than http, https,
 * mailto and tel. The parser reports the last two itself; an inspector, when
 * given, recognises the rest.
 */

import {
  asciiPunctuation,
  backslashEscape,
  bareUrl,
  bareUrlTrailing,
  bracketedDestination,
  emailAutolink,
  linkTitle,
  plainRun,
  spacesAndOneLineEnding,
  unicodePunctuation,
  unicodeWhitespace,
  uriAutolink,
} from './markdown-syntax';
import type { MarkdownConstruct, MarkdownInline } from './markdown-tree';
import { safeLinkTarget } from './safe-link-target';
import type { SubsetInspector } from './subset-inspector';

/** Emphasis and links deeper than this are flattened to their text; a reply never needs more. */
export const maxInlineDepth = 8;

// cmark's limit on nested parentheses in a link destination (spec §6.3 allows a limit).
const maxDestinationParens = 32;

/** Reports a construct outside the subset at an offset into the paragraph's text. */
export type ReportIssue = (construct: MarkdownConstruct, offset: number | null) => void;

interface InlineNode {
  type: 'text' | 'delimiters' | 'code' | 'break' | 'emphasis' | 'strong' | 'link';
  /** Text of `code`; the delimiter character of `delimiters`. */
  text: string;
  /**
   * Where the text of a `text` node is in the subject: text is always a
   * stretch of the source, so a run of `]` grows one node's end instead of
   * building a string per character.
   */
  start: number;
  end: number;
  /** How many delimiter characters are left, for `delimiters`. */
  count: number;
  /** The link's target, or null when it is not an allowed one. */
  href: string | null;
  /** The `[` of a bracket that may still open a link: never merged with other text. */
  opener: boolean;
  prev: InlineNode | null;
  next: InlineNode | null;
  first: InlineNode | null;
  last: InlineNode | null;
}

interface Delimiter {
  char: string;
  count: number;
  original: number;
  node: InlineNode;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  node: InlineNode;
  prev: Bracket | null;
  previousDelimiter: Delimiter | null;
  index: number;
  /** Opened after `!`: an image in CommonMark, outside the subset. */
  image: boolean;
  offset: number;
}

function createNode(type: InlineNode['type'], text = '', count = 0): InlineNode {
  return {
    type,
    text,
    start: 0,
    end: 0,
    count,
    href: null,
    opener: false,
    prev: null,
    next: null,
    first: null,
    last: null,
  };
}

function createTextNode(start: number, end: number): InlineNode {
  const node = createNode('text');
  node.start = start;
  node.end = end;
  return node;
}

const isWhitespace = (char: string) => unicodeWhitespace.test(char);
const isPunctuation = (char: string) => unicodePunctuation.test(char);

/** The whole code point that ends just before `index` (a line ending at the start). */
function charBefore(text: string, index: number): string {
  if (index === 0) return '\n';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text.charAt(index - 1);
}

/** The whole code point at `index` (a line ending past the end). */
function charAt(text: string, index: number): string {
  if (index >= text.length) return '\n';
  return String.fromCodePoint(text.codePointAt(index) ?? 10);
}

/**
 * Parses a paragraph's text (lines joined by `\n`, ends trimmed) into inline
 * nodes. Never throws.
 */
export function parseInline(
  subject: string,
  report: ReportIssue,
  inspector: SubsetInspector | null,
): MarkdownInline[] {
  let first: InlineNode | null = null;
  let last: InlineNode | null = null;
  let delimiters: Delimiter | null = null;
  let brackets: Bracket | null = null;
  let bracketCount = 0;
  // Brackets with an index up to this one can no longer open a link (no links in links).
  let inactiveThrough = -1;
  let backtickRuns: Map<number, number[]> | null = null;
  const backtickCursor = new Map<number, number>();
  let pos = 0;

  const append = (node: InlineNode) => {
    node.prev = last;
    node.next = null;
    if (last) last.next = node;
    else first = node;
    last = node;
    return node;
  };
  // Plain text joins the text before it, so a run of `]` or `<` is one node,
  // not one per character; a bracket's own `[` stays a node of its own.
  /** Appends the source from `start` to `end` as text. */
  const appendText = (start: number, end: number) => {
    if (last !== null && last.type === 'text' && !last.opener && last.end === start) {
      last.end = end;
      return last;
    }
    return append(createTextNode(start, end));
  };
  const unlink = (node: InlineNode) => {
    if (node.prev) node.prev.next = node.next;
    else first = node.next;
    if (node.next) node.next.prev = node.prev;
    else last = node.prev;
    node.prev = null;
    node.next = null;
  };
  /** Moves the nodes strictly between `after` and `before` (or the end) into `wrapper`, placed after `after`. */
  const wrap = (after: InlineNode, before: InlineNode | null, wrapper: InlineNode) => {
    const inner = after.next;
    const innerLast = before ? before.prev : last;
    if (inner !== null && inner !== before && innerLast !== null) {
      wrapper.first = inner;
      wrapper.last = innerLast;
      inner.prev = null;
      innerLast.next = null;
    }
    wrapper.prev = after;
    wrapper.next = before;
    after.next = wrapper;
    if (before) before.prev = wrapper;
    else last = wrapper;
  };
  const removeDelimiter = (delimiter: Delimiter) => {
    if (delimiter.prev) delimiter.prev.next = delimiter.next;
    if (delimiter.next) delimiter.next.prev = delimiter.prev;
    else delimiters = delimiter.prev;
  };

  /** Spec appendix, "process emphasis", for the delimiters above `stackBottom`. */
  const processEmphasis = (stackBottom: Delimiter | null) => {
    // Per closer kind (character, can also open, length mod 3): below this
    // no opener can match, so no search passes it twice.
    const openersBottom: (Delimiter | null)[] = new Array(12).fill(stackBottom);
    let closer = delimiters;
    while (closer !== null && closer.prev !== stackBottom) closer = closer.prev;
    while (closer !== null) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const bottomIndex =
        (closer.char === '_' ? 0 : 6) + (closer.canOpen ? 3 : 0) + (closer.original % 3);
      let opener = closer.prev;
      let found = false;
      while (opener !== null && opener !== stackBottom && opener !== openersBottom[bottomIndex]) {
        // The "rule of 3" (spec §6.2, rules 9 and 10).
        const oddMatch =
          (closer.canOpen || opener.canClose) &&
          closer.original % 3 !== 0 &&
          (opener.original + closer.original) % 3 === 0;
        if (opener.char === closer.char && opener.canOpen && !oddMatch) {
          found = true;
          break;
        }
        opener = opener.prev;
      }
      const oldCloser = closer;
      if (found && opener !== null) {
        const used = closer.count >= 2 && opener.count >= 2 ? 2 : 1;
        opener.count -= used;
        closer.count -= used;
        opener.node.count = opener.count;
        closer.node.count = closer.count;
        wrap(opener.node, closer.node, createNode(used === 1 ? 'emphasis' : 'strong'));
        // Delimiters between the two can no longer match anything.
        opener.next = closer;
        closer.prev = opener;
        if (opener.count === 0) {
          unlink(opener.node);
          removeDelimiter(opener);
        }
        if (closer.count === 0) {
          unlink(closer.node);
          const next: Delimiter | null = closer.next;
          removeDelimiter(closer);
          closer = next;
        }
      } else {
        closer = closer.next;
        openersBottom[bottomIndex] = oldCloser.prev;
        if (!oldCloser.canOpen) removeDelimiter(oldCloser);
      }
    }
    while (delimiters !== null && delimiters !== stackBottom) removeDelimiter(delimiters);
  };

  /** Where the code span opened by `length` backticks before `from` closes, or -1. */
  const codeSpanCloser = (from: number, length: number): number => {
    if (backtickRuns === null) {
      backtickRuns = new Map();
      for (let index = 0; index < subject.length; index++) {
        if (subject.charCodeAt(index) !== 96) continue;
        const start = index;
        while (subject.charCodeAt(index + 1) === 96) index++;
        const runLength = index - start + 1;
        const runs = backtickRuns.get(runLength);
        if (runs) runs.push(start);
        else backtickRuns.set(runLength, [start]);
      }
    }
    const runs = backtickRuns.get(length);
    if (runs === undefined) return -1;
    // Openers come in text order, so each length's cursor only moves forward.
    let cursor = backtickCursor.get(length) ?? 0;
    while (cursor < runs.length && (runs[cursor] ?? 0) < from) cursor++;
    backtickCursor.set(length, cursor);
    return runs[cursor] ?? -1;
  };

  const codeSpan = () => {
    const start = pos;
    while (subject.charCodeAt(pos) === 96) pos++;
    const length = pos - start;
    const closer = codeSpanCloser(pos, length);
    if (closer === -1) {
      appendText(start, pos);
      return;
    }
    let content = subject.slice(pos, closer).replaceAll('\n', ' ');
    if (
      content.length >= 2 &&
      content.startsWith(' ') &&
      content.endsWith(' ') &&
      /[^ ]/.test(content)
    )
      content = content.slice(1, -1);
    append(createNode('code', content));
    pos = closer + length;
  };

  const lineBreak = () => {
    pos++;
    // Trailing spaces before a line ending belong to no text (spec §6.7, §6.8).
    if (last?.type === 'text') {
      while (last.end > last.start && subject.charCodeAt(last.end - 1) === 32) last.end--;
    }
    append(createNode('break'));
    while (subject.charCodeAt(pos) === 32) pos++;
  };

  const backslash = () => {
    const next = subject.charAt(pos + 1);
    if (next === '\n') {
      // A hard break; unlike a line ending, it leaves the spaces before it alone.
      pos += 2;
      append(createNode('break'));
      while (subject.charCodeAt(pos) === 32) pos++;
    } else if (next !== '' && asciiPunctuation.test(next)) {
      appendText(pos + 1, pos + 2);
      pos += 2;
    } else {
      appendText(pos, pos + 1);
      pos++;
    }
  };

  const delimiterRun = () => {
    const char = subject.charAt(pos);
    const start = pos;
    while (subject.charAt(pos) === char) pos++;
    const count = pos - start;
    const before = charBefore(subject, start);
    const after = charAt(subject, pos);
    const beforeSpace = isWhitespace(before);
    const afterSpace = isWhitespace(after);
    const beforePunct = isPunctuation(before);
    const afterPunct = isPunctuation(after);
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    const canOpen = char === '*' ? leftFlanking : leftFlanking && (!rightFlanking || beforePunct);
    const canClose = char === '*' ? rightFlanking : rightFlanking && (!leftFlanking || afterPunct);
    const node = append(createNode('delimiters', char, count));
    if (!canOpen && !canClose) return;
    const delimiter: Delimiter = {
      char,
      count,
      original: count,
      node,
      canOpen,
      canClose,
      prev: delimiters,
      next: null,
    };
    if (delimiters) delimiters.next = delimiter;
    delimiters = delimiter;
  };

  const openBracket = (image: boolean) => {
    const offset = pos;
    pos++;
    const node = append(createTextNode(offset, offset + 1));
    node.opener = true;
    brackets = {
      node,
      prev: brackets,
      previousDelimiter: delimiters,
      index: bracketCount++,
      image,
      offset,
    };
  };

  /** After `](`: the destination, an optional title and `)`; the target and end, or null. */
  const inlineLinkTail = (from: number): { target: string; end: number } | null => {
    let at = from + 1;
    spacesAndOneLineEnding.lastIndex = at;
    spacesAndOneLineEnding.exec(subject);
    at = spacesAndOneLineEnding.lastIndex;
    let target: string;
    bracketedDestination.lastIndex = at;
    const bracketed = bracketedDestination.exec(subject);
    if (bracketed) {
      target = bracketed[1] ?? '';
      at = bracketedDestination.lastIndex;
    } else {
      if (subject.charAt(at) === '<') return null;
      const start = at;
      let parens = 0;
      for (;;) {
        const code = subject.charCodeAt(at);
        if (Number.isNaN(code)) break;
        if (code === 92 && asciiPunctuation.test(subject.charAt(at + 1))) at += 2;
        else if (code === 40) {
          if (++parens > maxDestinationParens) return null;
          at++;
        } else if (code === 41) {
          if (parens === 0) break;
          parens--;
          at++;
        } else if (code <= 32 || code === 127) break;
        else at++;
      }
      if (parens !== 0) return null;
      target = subject.slice(start, at);
    }
    const beforeTitle = at;
    spacesAndOneLineEnding.lastIndex = at;
    spacesAndOneLineEnding.exec(subject);
    at = spacesAndOneLineEnding.lastIndex;
    if (at > beforeTitle) {
      linkTitle.lastIndex = at;
      if (linkTitle.exec(subject)) {
        at = linkTitle.lastIndex;
        spacesAndOneLineEnding.lastIndex = at;
        spacesAndOneLineEnding.exec(subject);
        at = spacesAndOneLineEnding.lastIndex;
      }
    }
    if (subject.charAt(at) !== ')') return null;
    return { target: target.replace(backslashEscape, '$1'), end: at + 1 };
  };

  const closeBracket = () => {
    const opener = brackets;
    pos++;
    if (opener === null) {
      appendText(pos - 1, pos);
      return;
    }
    brackets = opener.prev;
    const tail =
      opener.index > inactiveThrough && subject.charAt(pos) === '(' ? inlineLinkTail(pos) : null;
    if (tail === null) {
      appendText(pos - 1, pos);
      return;
    }
    processEmphasis(opener.previousDelimiter);
    const link = createNode('link');
    link.href = safeLinkTarget(tail.target);
    if (link.href === null) report('unsafe-link', opener.offset);
    const targetConstruct = inspector?.linkTarget(tail.target) ?? null;
    if (targetConstruct !== null) report(targetConstruct, opener.offset);
    if (opener.image) report('image', opener.offset);
    wrap(opener.node, null, link);
    unlink(opener.node);
    inactiveThrough = opener.index;
    pos = tail.end;
  };

  const angleBracket = () => {
    uriAutolink.lastIndex = pos;
    const uri = uriAutolink.exec(subject);
    emailAutolink.lastIndex = pos;
    const email = uri ? null : emailAutolink.exec(subject);
    const match = uri ?? email;
    if (match) {
      const address = match[1] ?? '';
      const href = safeLinkTarget(uri ? address : `mailto:${address}`);
      if (href === null) {
        report('unsafe-link', pos);
        appendText(pos, pos + match[0].length);
      } else {
        const link = createNode('link');
        link.href = href;
        const label = createTextNode(pos + 1, pos + 1 + address.length);
        link.first = label;
        link.last = label;
        append(link);
      }
      pos += match[0].length;
      return;
    }
    const construct = inspector?.inlineText(subject, pos) ?? null;
    if (construct !== null) report(construct, pos);
    appendText(pos, pos + 1);
    pos++;
  };

  const ampersand = () => {
    const construct = inspector?.inlineText(subject, pos) ?? null;
    if (construct !== null) report(construct, pos);
    appendText(pos, pos + 1);
    pos++;
  };

  while (pos < subject.length) {
    const char = subject.charAt(pos);
    if (char === '\n') lineBreak();
    else if (char === '\\') backslash();
    else if (char === '`') codeSpan();
    else if (char === '*' || char === '_') delimiterRun();
    else if (char === '[') openBracket(false);
    else if (char === ']') closeBracket();
    else if (char === '!' && subject.charAt(pos + 1) === '[') {
      // Images are outside the subset: the `!` stays text, the rest may be a link.
      appendText(pos, pos + 1);
      pos++;
      openBracket(true);
    } else if (char === '<') angleBracket();
    else if (char === '&') ampersand();
    else {
      plainRun.lastIndex = pos;
      const run = plainRun.exec(subject);
      const end = run ? plainRun.lastIndex : pos + 1;
      appendText(pos, end);
      pos = end;
    }
  }
  processEmphasis(null);
  return toTree(subject, first, report);
}

/**
 * The linked nodes as the tree: delimiter runs left over become text, text
 * nodes merge, links inside links and nesting past `maxInlineDepth` are
 * flattened to their contents. Iterative: hostile input can nest emphasis
 * tens of thousands deep, deeper than the call stack.
 */
function toTree(subject: string, start: InlineNode | null, report: ReportIssue): MarkdownInline[] {
  const root: MarkdownInline[] = [];
  const frames: {
    node: InlineNode | null;
    out: MarkdownInline[];
    depth: number;
    inLink: boolean;
  }[] = [{ node: start, out: root, depth: 0, inLink: false }];
  let flattened = false;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame === undefined) break;
    const node = frame.node;
    if (node === null) {
      frames.pop();
      continue;
    }
    frame.node = node.next;
    const { out, depth, inLink } = frame;
    if (node.type === 'text') pushText(out, subject.slice(node.start, node.end));
    else if (node.type === 'delimiters') pushText(out, node.text.repeat(node.count));
    else if (node.type === 'code') out.push({ type: 'code', text: node.text });
    else if (node.type === 'break') out.push({ type: 'break' });
    else {
      const isLink = node.type === 'link';
      const flatten = depth >= maxInlineDepth || (isLink && (inLink || node.href === null));
      // A link inside a link (an autolink in a link's text) cannot be one in HTML either.
      if (depth >= maxInlineDepth || (isLink && inLink)) flattened = true;
      if (flatten) {
        frames.push({ node: node.first, out, depth, inLink: inLink || isLink });
        continue;
      }
      const children: MarkdownInline[] = [];
      if (node.type === 'link') out.push({ type: 'link', href: node.href ?? '', children });
      else out.push({ type: node.type, children });
      frames.push({ node: node.first, out: children, depth: depth + 1, inLink: inLink || isLink });
    }
  }
  if (flattened) report('nesting', null);
  return linkBareUrls(root, false);
}

function pushText(out: MarkdownInline[], text: string): void {
  if (text === '') return;
  const previous = out[out.length - 1];
  if (previous?.type === 'text') previous.text += text;
  else out.push({ type: 'text', text });
}

/** Bare URLs in text outside links become links (depth is bounded by `maxInlineDepth`). */
function linkBareUrls(nodes: MarkdownInline[], inLink: boolean): MarkdownInline[] {
  const result: MarkdownInline[] = [];
  for (const node of nodes) {
    if (node.type === 'text' && !inLink) result.push(...splitBareUrls(node.text));
    else if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') {
      node.children = linkBareUrls(node.children, inLink || node.type === 'link');
      result.push(node);
    } else result.push(node);
  }
  return result;
}

function splitBareUrls(text: string): MarkdownInline[] {
  const parts: MarkdownInline[] = [];
  let cursor = 0;
  bareUrl.lastIndex = 0;
  for (let match = bareUrl.exec(text); match !== null; match = bareUrl.exec(text)) {
    const url = trimBareUrl(match[0]);
    const href = safeLinkTarget(url);
    if (href === null || url.length <= 'https://'.length) continue;
    pushText(parts, text.slice(cursor, match.index));
    parts.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
    cursor = match.index + url.length;
    bareUrl.lastIndex = cursor;
  }
  pushText(parts, text.slice(cursor));
  return parts;
}

/** Drops sentence punctuation and unbalanced closing parentheses from a URL's end (GFM §6.9). */
function trimBareUrl(url: string): string {
  let open = 0;
  let close = 0;
  for (const char of url) {
    if (char === '(') open++;
    else if (char === ')') close++;
  }
  let end = url.length;
  for (;;) {
    const char = url.charAt(end - 1);
    if (bareUrlTrailing.test(char)) end--;
    else if (char === ')' && close > open) {
      close--;
      end--;
    } else break;
  }
  return url.slice(0, end);
}
