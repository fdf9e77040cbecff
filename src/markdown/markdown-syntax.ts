/**
 * The character classes and patterns of the Markdown parser, after the
 * CommonMark spec 0.31.2 (https://spec.commonmark.org/0.31.2/), in one place.
 *
 * Every pattern is sticky (`y`) and run at an offset, never on a slice of
 * the rest of the text, and none can backtrack more than linearly: each
 * repetition consumes a character the next cannot. That is what keeps the
 * parser linear in the length of its input.
 */

/** Unicode whitespace: Zs, tab, line feed, form feed, carriage return (spec §2.1). */
export const unicodeWhitespace = /[\p{Zs}\t\n\f\r]/u;

/** Unicode punctuation: the P and S general categories (spec §2.1, since 0.31). */
export const unicodePunctuation = /[\p{P}\p{S}]/u;

/** ASCII punctuation, which a backslash escapes (spec §2.4). */
export const asciiPunctuation = /[!-/:-@[-`{-~]/;

/** A backslash escape anywhere in a link destination (spec §6.6). */
export const backslashEscape = /\\([!-/:-@[-`{-~])/g;

/** A run of characters with no inline meaning. */
export const plainRun = /[^\n`[\]\\!<&*_]+/y;

/** An entity or numeric character reference (spec §2.5). */
export const characterReference =
  /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** Whether a string holds a character reference anywhere. */
export const containsCharacterReference =
  /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** A URI autolink, `<scheme:…>` (spec §6.5). */
export const uriAutolink = /<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<> \p{Cc}]*)>/uy;

/** An email autolink, `<local@domain>` (spec §6.5, after the HTML spec's valid email address). */
export const emailAutolink =
  /<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/y;

/**
 * The start of raw HTML (spec §6.6): a tag, a closing tag, a comment, a
 * processing instruction, a declaration or CDATA. Only to report it; it is
 * always shown as text.
 */
export const htmlStart =
  /<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|\/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|![A-Za-z]|!\[CDATA\[)/y;

/**
 * The start of an HTML block that may interrupt a paragraph (spec §4.6,
 * conditions 1–6). Only to report it; its lines are always text.
 */
export const htmlBlockStart =
  /<(?:(?:script|pre|style|textarea)(?:[ \t>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[|\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$))/iy;

/** `<…>`, the bracketed form of a link destination (spec §6.3). */
export const bracketedDestination = /<((?:[^<>\n\\]|\\.)*)>/y;

/** A link title in quotes or parentheses (spec §6.3). */
export const linkTitle = /"(?:\\[\s\S]|[^\\"])*"|'(?:\\[\s\S]|[^\\'])*'|\((?:\\[\s\S]|[^\\()])*\)/y;

/** Spaces or tabs with at most one line ending among them. */
export const spacesAndOneLineEnding = /[ \t]*(?:\n[ \t]*)?/y;

/** A bullet list marker (spec §5.2). */
export const bulletMarker = /[*+-]/y;

/** An ordered list marker: 1–9 digits and `.` or `)` (spec §5.2). */
export const orderedMarker = /(\d{1,9})([.)])/y;

/** An opening code fence: three or more backticks (no backtick after) or tildes (spec §4.5). */
export const openingFence = /`{3,}(?![^\n]*`)|~{3,}/y;

/** A closing code fence: only spaces or tabs may follow it (spec §4.5). */
export const closingFence = /(?:`{3,}|~{3,})(?=[ \t]*$)/y;

/** An ATX heading's opening (spec §4.2). */
export const atxHeading = /#{1,6}(?:[ \t]|$)/y;

/** A thematic break (spec §4.1). */
export const thematicBreak = /(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/y;

/** A setext heading underline (spec §4.3). */
export const setextUnderline = /(?:=+|-+)[ \t]*$/y;

/** A table's delimiter row (GitHub Flavored Markdown §4.10). */
export const tableDelimiterRow = /\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/y;

/** A link reference definition's label and colon (spec §4.7). */
export const linkDefinition = /[ \t]*\[(?:\\.|[^\\[\]])+\]:/y;

/** A bare `http(s)://` URL, linked as GitHub does (GFM §6.9), not glued to a word before it. */
export const bareUrl = /(?<![\p{L}\p{N}])https?:\/\/[^\s<>"`]+/giu;

/** Characters that end a bare URL's sentence rather than the URL (GFM §6.9). */
export const bareUrlTrailing = /[?!.,:*_~'"]/;
