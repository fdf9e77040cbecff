/**
 * The inspector that recognises Markdown outside the subset (CommonMark
 * 0.31.2 and GitHub's tables), for `findMarkdownOutsideSubset`.
 */
import {
  atxHeading,
  characterReference,
  containsCharacterReference,
  htmlBlockStart,
  htmlStart,
  linkDefinition,
  tableDelimiterRow,
} from './markdown-syntax';
import type { SubsetInspector } from './subset-inspector';

const sticky = (pattern: RegExp, text: string, at: number): boolean => {
  pattern.lastIndex = at;
  return pattern.test(text);
};

/** Reports what CommonMark reads where the subset reads text. */
export const markdownOutsideSubset: SubsetInspector = {
  blockStart({ line, at, indented, inParagraph, paragraphLastLine }) {
    if (indented) return inParagraph ? null : 'indented-code';
    const char = line.charAt(at);
    if (char === '#' && sticky(atxHeading, line, at)) return 'heading';
    if (char === '>') return 'block-quote';
    if (
      char === '<' &&
      (sticky(htmlBlockStart, line, at) ||
        // Any other tag starts an HTML block too, but cannot interrupt a paragraph (condition 7).
        (!inParagraph && sticky(htmlStart, line, at)))
    )
      return 'html';
    if (
      inParagraph &&
      line.includes('|') &&
      paragraphLastLine.includes('|') &&
      sticky(tableDelimiterRow, line, at)
    )
      return 'table';
    return null;
  },
  paragraphStart: (line) => (sticky(linkDefinition, line, 0) ? 'link-definition' : null),
  inlineText(subject, at) {
    if (subject.charAt(at) === '<') return sticky(htmlStart, subject, at) ? 'html' : null;
    return sticky(characterReference, subject, at) ? 'character-reference' : null;
  },
  linkTarget: (target) => (containsCharacterReference.test(target) ? 'character-reference' : null),
};
