/**
 * Parses Samtal's Markdown subset (contract §5) with CommonMark 0.31.2's
 * block algorithm (spec appendix, "Phase 1: block structure"), restricted to
 * the blocks of the subset: paragraphs, bullet and ordered lists (nested, with
 * lazy continuation lines, tight or loose) and fenced code blocks. Headings,
 * block quotes, thematic breaks, tables, indented code, HTML blocks and link
 * reference definitions are not recognised: their lines stay paragraph text,
 * and each is reported in `outsideSubset`. Inline content goes through
 * `parseInline`.
 *
 * Linear in the length of the source: each line is looked at once per open
 * container, and containers nest at most `maxListDepth` lists deep. Pure (no
 * DOM, no I/O), so the widget renders with it and the server checks a
 * language model's reply with it.
 */

import {
  bulletMarker,
  closingFence,
  openingFence,
  orderedMarker,
  setextUnderline,
  thematicBreak,
} from './markdown-syntax';
import type { MarkdownBlock, MarkdownConstruct, MarkdownIssue } from './markdown-tree';
import { parseInline } from './parse-inline';
import type { SubsetInspector } from './subset-inspector';

/** Lists nest at most this deep; a deeper marker is text. */
export const maxListDepth = 8;

/** At most this many issues are listed; one is enough to know a reply is outside the subset. */
const maxIssues = 100;

// Four columns of indentation make indented code in CommonMark (spec §4.4).
const codeIndent = 4;

interface ListData {
  ordered: boolean;
  bullet: string;
  delimiter: string;
  start: number;
  markerOffset: number;
  padding: number;
}

interface Block {
  kind: 'document' | 'list' | 'item' | 'paragraph' | 'fence';
  parent: Block | null;
  children: Block[];
  open: boolean;
  startLine: number;
  endLine: number;
  lines: string[];
  list: ListData | null;
  fenceChar: string;
  fenceLength: number;
  fenceOffset: number;
}

function createBlock(kind: Block['kind'], parent: Block | null, line: number): Block {
  return {
    kind,
    parent,
    children: [],
    open: true,
    startLine: line,
    endLine: line,
    lines: [],
    list: null,
    fenceChar: '',
    fenceLength: 0,
    fenceOffset: 0,
  };
}

/** Tabs in a line's indentation become spaces, to the next multiple of four columns (spec §2.2). */
function expandIndentTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let column = 0;
  let index = 0;
  let prefix = '';
  for (; index < line.length; index++) {
    const char = line.charAt(index);
    if (char === ' ') {
      prefix += ' ';
      column++;
    } else if (char === '\t') {
      const width = 4 - (column % 4);
      prefix += ' '.repeat(width);
      column += width;
    } else break;
  }
  return prefix + line.slice(index);
}

const sticky = (pattern: RegExp, text: string, at: number): RegExpExecArray | null => {
  pattern.lastIndex = at;
  return pattern.exec(text);
};

/** Parses a reply into blocks. Never throws; what the subset does not know is text. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  return parseMarkdownWith(source, null).blocks;
}

/**
 * Parses a reply, and lists what in it is outside the subset: what the
 * parser meets itself (unsafe links, images, rules, setext headings, deep
 * nesting) and, with an `inspector`, everything else CommonMark would read.
 */
export function parseMarkdownWith(
  source: string,
  inspector: SubsetInspector | null,
): { blocks: MarkdownBlock[]; issues: MarkdownIssue[] } {
  const issues: MarkdownIssue[] = [];
  const report = (construct: MarkdownConstruct, line: number) => {
    if (issues.length < maxIssues) issues.push({ construct, line });
  };
  const lines = source.replace(/\0/g, '\uFFFD').split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  const document = createBlock('document', null, 1);
  let tip = document;
  let oldTip = document;
  let lastMatched = document;
  let allClosed = true;
  let lineNumber = 0;
  let line = '';
  let offset = 0;
  let nextNonspace = 0;
  let indent = 0;
  let blank = false;

  const findNextNonspace = () => {
    let index = offset;
    while (line.charAt(index) === ' ' || line.charAt(index) === '\t') index++;
    nextNonspace = index;
    indent = index - offset;
    blank = index >= line.length;
  };

  const finalize = (block: Block, endLine: number) => {
    block.open = false;
    block.endLine = endLine;
    if (block.kind === 'item') {
      const last = block.children[block.children.length - 1];
      block.endLine = last ? last.endLine : block.startLine;
    } else if (block.kind === 'list') {
      const last = block.children[block.children.length - 1];
      if (last) block.endLine = last.endLine;
    } else if (block.kind === 'paragraph' && inspector !== null) {
      const construct = inspector.paragraphStart(block.lines[0] ?? '');
      if (construct !== null) report(construct, block.startLine);
    }
    tip = block.parent ?? document;
  };

  const closeUnmatched = () => {
    if (allClosed) return;
    while (oldTip !== lastMatched) {
      const parent = oldTip.parent ?? document;
      finalize(oldTip, lineNumber - 1);
      oldTip = parent;
    }
    allClosed = true;
  };

  const canContain = (parent: Block, kind: Block['kind']) =>
    parent.kind === 'list'
      ? kind === 'item'
      : parent.kind === 'document' || parent.kind === 'item'
        ? kind !== 'item'
        : false;

  const addChild = (kind: Block['kind']): Block => {
    while (!canContain(tip, kind)) finalize(tip, lineNumber - 1);
    const block = createBlock(kind, tip, lineNumber);
    tip.children.push(block);
    tip = block;
    return block;
  };

  const listDepth = (block: Block) => {
    let depth = 0;
    for (let current: Block | null = block; current; current = current.parent)
      if (current.kind === 'list') depth++;
    return depth;
  };

  /** 0: the line continues `block`; 1: it does not; 2: it closed a fence and is used up. */
  const continues = (block: Block): 0 | 1 | 2 => {
    if (block.kind === 'item') {
      const data = block.list as ListData;
      if (blank) {
        if (block.children.length === 0) return 1;
        offset = nextNonspace;
      } else if (indent >= data.markerOffset + data.padding) {
        offset += data.markerOffset + data.padding;
      } else return 1;
      return 0;
    }
    if (block.kind === 'paragraph') return blank ? 1 : 0;
    if (block.kind === 'fence') {
      const closing =
        indent < codeIndent && line.charAt(nextNonspace) === block.fenceChar
          ? sticky(closingFence, line, nextNonspace)
          : null;
      if (closing && closing[0].length >= block.fenceLength) {
        finalize(block, lineNumber);
        return 2;
      }
      let spaces = block.fenceOffset;
      while (spaces > 0 && line.charAt(offset) === ' ') {
        offset++;
        spaces--;
      }
      return 0;
    }
    return 0;
  };

  /** A list item starting here (spec §5.2), or null. */
  const listMarker = (container: Block): ListData | null => {
    if (indent >= codeIndent) return null;
    let marker = sticky(bulletMarker, line, nextNonspace);
    let data: ListData;
    if (marker) {
      data = {
        ordered: false,
        bullet: marker[0],
        delimiter: '',
        start: 1,
        markerOffset: indent,
        padding: 0,
      };
    } else {
      marker = sticky(orderedMarker, line, nextNonspace);
      // An ordered list interrupts a paragraph only when it starts at 1.
      if (!marker || (container.kind === 'paragraph' && marker[1] !== '1')) return null;
      data = {
        ordered: true,
        bullet: '',
        delimiter: marker[2] ?? '.',
        start: Number(marker[1]),
        markerOffset: indent,
        padding: 0,
      };
    }
    const markerEnd = nextNonspace + marker[0].length;
    const after = line.charAt(markerEnd);
    if (after !== '' && after !== ' ' && after !== '\t') return null;
    let contentStart = markerEnd;
    while (line.charAt(contentStart) === ' ' || line.charAt(contentStart) === '\t') contentStart++;
    const blankItem = contentStart >= line.length;
    // An empty item cannot interrupt a paragraph.
    if (container.kind === 'paragraph' && blankItem) return null;
    const spaces = contentStart - markerEnd;
    if (spaces >= 5 || spaces < 1 || blankItem) {
      data.padding = marker[0].length + 1;
      offset = markerEnd + (after === '' ? 0 : 1);
    } else {
      data.padding = marker[0].length + spaces;
      offset = contentStart;
    }
    return data;
  };

  /** Reports block syntax that CommonMark would read here but the subset leaves as text. */
  const inspectBlockStart = (container: Block) => {
    if (blank || inspector === null) return;
    const construct = inspector.blockStart({
      line,
      at: nextNonspace,
      indented: indent >= codeIndent,
      // The tip, not the container: an indented line after a paragraph continues it lazily.
      inParagraph:
        container.kind === 'paragraph' || (indent >= codeIndent && tip.kind === 'paragraph'),
      paragraphLastLine:
        container.kind === 'paragraph' ? (container.lines[container.lines.length - 1] ?? '') : '',
    });
    if (construct !== null) report(construct, lineNumber);
  };

  const incorporateLine = (raw: string) => {
    lineNumber++;
    line = expandIndentTabs(raw);
    offset = 0;
    let container = document;
    oldTip = tip;
    for (;;) {
      const last = container.children[container.children.length - 1];
      if (!last?.open) break;
      container = last;
      findNextNonspace();
      const result = continues(container);
      if (result === 2) return;
      if (result === 1) {
        container = container.parent ?? document;
        break;
      }
    }
    allClosed = container === oldTip;
    lastMatched = container;

    let matchedLeaf = container.kind === 'fence';
    while (!matchedLeaf) {
      findNextNonspace();
      const char = line.charAt(nextNonspace);
      // A setext underline or a thematic break comes before a list item in
      // CommonMark (`* * *` is a rule, not three lists); outside the subset,
      // the line is text.
      if (indent < codeIndent && !blank && /[-=*_]/.test(char)) {
        if (container.kind === 'paragraph' && sticky(setextUnderline, line, nextNonspace)) {
          report('heading', lineNumber);
          offset = nextNonspace;
          break;
        }
        if (char !== '=' && sticky(thematicBreak, line, nextNonspace)) {
          report('thematic-break', lineNumber);
          offset = nextNonspace;
          break;
        }
      }
      if (indent < codeIndent && (char === '`' || char === '~')) {
        const fence = sticky(openingFence, line, nextNonspace);
        if (fence) {
          closeUnmatched();
          const block = addChild('fence');
          block.fenceChar = fence[0].charAt(0);
          block.fenceLength = fence[0].length;
          block.fenceOffset = indent;
          offset = nextNonspace + fence[0].length;
          container = block;
          matchedLeaf = true;
          break;
        }
      }
      if ((indent < codeIndent || container.kind === 'list') && /[-+*0-9]/.test(char)) {
        const offsetBefore = offset;
        const data = listMarker(container);
        if (data) {
          if (listDepth(container) + (container.kind === 'list' ? 0 : 1) > maxListDepth) {
            offset = offsetBefore;
            report('nesting', lineNumber);
          } else {
            closeUnmatched();
            const open = tip.list;
            if (
              tip.kind !== 'list' ||
              open === null ||
              open.ordered !== data.ordered ||
              open.bullet !== data.bullet ||
              open.delimiter !== data.delimiter
            ) {
              addChild('list').list = data;
            }
            container = addChild('item');
            container.list = data;
            continue;
          }
        }
      }
      inspectBlockStart(container);
      offset = nextNonspace;
      break;
    }

    // A lazy continuation line (spec §5.1): paragraph text that is not indented enough.
    if (!allClosed && !blank && tip.kind === 'paragraph') {
      tip.lines.push(line.slice(offset));
      return;
    }
    closeUnmatched();
    if (container.kind === 'fence' || container.kind === 'paragraph') {
      container.lines.push(line.slice(offset));
    } else if (!blank) {
      const paragraph = addChild('paragraph');
      offset = nextNonspace;
      paragraph.lines.push(line.slice(offset));
    }
  };

  for (const raw of lines) incorporateLine(raw);
  while (tip !== document) finalize(tip, lineNumber);
  finalize(document, lineNumber);

  return { blocks: toBlocks(document.children, report, inspector), issues };
}

/** Whether `block` and the next are separated by a blank line (commonmark.js `endsWithBlankLine`). */
function blankLineAfter(blocks: readonly Block[], index: number): boolean {
  const next = blocks[index + 1];
  const block = blocks[index];
  return next !== undefined && block !== undefined && block.endLine !== next.startLine - 1;
}

function isTight(list: Block): boolean {
  return list.children.every(
    (item, index) =>
      !blankLineAfter(list.children, index) &&
      item.children.every((_child, childIndex) => !blankLineAfter(item.children, childIndex)),
  );
}

function toBlocks(
  blocks: readonly Block[],
  report: (construct: MarkdownConstruct, line: number) => void,
  inspector: SubsetInspector | null,
): MarkdownBlock[] {
  return blocks.map((block): MarkdownBlock => {
    if (block.kind === 'fence')
      return { type: 'code-block', text: block.lines.slice(1).join('\n') };
    if (block.kind === 'list') {
      const data = block.list as ListData;
      return {
        type: 'list',
        ordered: data.ordered,
        start: data.start,
        tight: isTight(block),
        items: block.children.map((item) => toBlocks(item.children, report, inspector)),
      };
    }
    const text = trimSpacesAndTabs(block.lines.join('\n'));
    const lineStarts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
      lineStarts.push(index + 1);
    const children = parseInline(
      text,
      (construct, offset) => {
        report(construct, block.startLine + (offset === null ? 0 : lineOf(lineStarts, offset)));
      },
      inspector,
    );
    return { type: 'paragraph', children };
  });
}

/** The text without spaces and tabs at either end (a loop: `/[ \t]+$/` is quadratic on inner runs). */
function trimSpacesAndTabs(text: string): string {
  const isSpace = (code: number) => code === 32 || code === 9;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** The 0-based line of `offset`, from the ascending offsets where lines start. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
