/**
 * What in a text falls outside the chat's Markdown subset (contract §5:
 * emphasis, links, lists, code). The widget shows such constructs as plain
 * text, which is safe but reads badly, so a knowledge base holding one does
 * not load and a model reply holding one is replaced by the knowledge-base
 * answer. Linear in the text's length; code spans and fenced blocks are exempt.
 */
import { safeLinkTarget } from '../markdown/safe-link-target';

/** One construct outside the subset, on a 1-based line of the text. */
export interface MarkdownProblem {
  line: number;
  message: string;
}

const fence = /^\s{0,3}```/;
const heading = /^\s{0,3}#{1,6}(\s|$)/;
const setextUnderline = /^\s{0,3}=+\s*$/;
const quote = /^\s{0,3}>/;
const thematicBreak = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const tableRow = /^\s*\|.*\|\s*$|^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/;
const htmlTag = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>|<!--/i;
const autolink = /<(https?|mailto|tel):[^>\s]*>/i;
const image = /!\[[^\]]*\]\(/;
const inlineLink = /\[([^\]]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"]*")?\)/g;

/** Removes inline code spans so their contents are not judged. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, ' ');
}

/** Every construct of `text` outside the subset, in order; empty when all of it is inside. */
export function findMarkdownProblems(text: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let inFence = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (fence.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const add = (message: string) => problems.push({ line, message });
    if (heading.test(raw)) add('headings (#) are not in the chat Markdown subset; use **bold**');
    else if (setextUnderline.test(raw) && index > 0 && lines[index - 1]?.trim())
      add('headings (===) are not in the chat Markdown subset; use **bold**');
    else if (quote.test(raw)) add('block quotes (>) are not in the chat Markdown subset');
    else if (thematicBreak.test(raw))
      add('horizontal rules are not in the chat Markdown subset; leave an empty line');
    else if (tableRow.test(raw))
      add('tables are not in the chat Markdown subset; use a list instead');
    const inline = withoutCodeSpans(raw);
    if (image.test(inline)) add('images are not in the chat Markdown subset');
    if (autolink.test(inline)) add('write links as [text](https://…), not <https://…>');
    else if (htmlTag.test(inline)) add('HTML is not in the chat Markdown subset');
    for (const match of inline.matchAll(inlineLink)) {
      const target = match[2] ?? '';
      if (safeLinkTarget(target) === null)
        add(`the link target "${target.slice(0, 80)}" is not an http(s), mailto or tel address`);
    }
  }
  if (inFence) problems.push({ line: lines.length, message: 'a ``` code block is never closed' });
  return problems;
}
