/**
 * One knowledge-base file (contract §7) from its text: YAML front matter
 * between `---` lines, parsed by the `yaml` package so every problem has a
 * line, checked with zod, and a Markdown-subset body. Pure.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ChatAction } from '../protocol/chat';
import { findMarkdownProblems } from './find-markdown-problems';
import {
  fallbackFrontMatterSchema,
  frontMatterSchema,
  type KnowledgeProblem,
  maxAnswerLength,
} from './knowledge-base';

/** What one file says: its questions and keywords (empty for a fallback), answer and actions. */
export interface ParsedKnowledgeFile {
  questions: string[];
  keywords: string[];
  answer: string;
  actions?: ChatAction[];
}

export type ParseKnowledgeFileResult =
  | { success: true; data: ParsedKnowledgeFile }
  | { success: false; problems: KnowledgeProblem[] };

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
}

const delimiter = /^---[ \t]*$/;

/** Splits `---\n…\n---\n` off the text; null when the text does not open with front matter. */
function splitFrontMatter(
  text: string,
): { yaml: string; body: string; bodyLine: number } | null | 'unclosed' {
  const lines = text.split(/\r\n|\r|\n/);
  if (!delimiter.test(lines[0] ?? '')) return null;
  for (let index = 1; index < lines.length; index++) {
    if (delimiter.test(lines[index] ?? '')) {
      return {
        yaml: lines.slice(1, index).join('\n'),
        body: lines.slice(index + 1).join('\n'),
        bodyLine: index + 2,
      };
    }
  }
  return 'unclosed';
}

function where(path: PropertyKey[]): string {
  return path.length === 0
    ? 'the front matter'
    : path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
        )
        .join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** zod/mini carries no message texts; these say what a site owner should change. */
function describeIssue(issue: ZodIssueLike): string {
  const field = where(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${field} has an unknown key ${(issue.keys ?? []).map((key) => `"${key}"`).join(', ')} (allowed: questions, keywords, actions)`;
    case 'invalid_type':
      if (issue.path.length === 0)
        return 'the front matter must be a YAML mapping (key: value lines)';
      return issue.expected === 'array'
        ? `${field} must be a list`
        : issue.expected === 'string'
          ? `${field} must be text`
          : issue.expected === 'object'
            ? `${field} must be a mapping like { type: contact-form }`
            : `${field} is required`;
    case 'invalid_union':
      return `${field} must be { type: quick-reply, label, value } or { type: contact-form }`;
    case 'invalid_value':
      return `${field} must be one of ${JSON.stringify(issue.expected ?? '')}`;
    default:
      return issue.message && issue.message !== 'Invalid input'
        ? `${field} ${issue.message}`
        : `${field} is not valid (${issue.code})`;
  }
}

/**
 * Parses one file. `file` names it in problems; `fallback` selects the
 * `_fallback.md` rules (front matter optional, no questions needed).
 */
export function parseKnowledgeFile(
  file: string,
  text: string,
  { fallback = false }: { fallback?: boolean } = {},
): ParseKnowledgeFileResult {
  const problem = (line: number, message: string): ParseKnowledgeFileResult => ({
    success: false,
    problems: [{ file, line, message }],
  });
  const source = text.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(source);
  if (split === 'unclosed')
    return problem(1, 'the front matter opened by --- is never closed by a --- line');
  if (split === null && !fallback) {
    return problem(
      1,
      'the file must start with YAML front matter between two --- lines, listing questions',
    );
  }
  const { yaml, body, bodyLine } = split ?? { yaml: '', body: source, bodyLine: 1 };
  const problems: KnowledgeProblem[] = [];

  let frontMatter: unknown = {};
  if (split !== null) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(yaml, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const reason = error.message.split('\n', 1)[0] ?? error.message;
        problems.push({
          file,
          line: lineAt(error.pos[0]),
          message: `YAML: ${reason.replace(/ at line \d+, column \d+:?$/, '')}`,
        });
      }
      return { success: false, problems };
    }
    const schema = fallback ? fallbackFrontMatterSchema : frontMatterSchema;
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 50 }) ?? {};
    } catch (error) {
      // yaml refuses aliases that would expand beyond reason (a "billion laughs" file).
      return problem(2, `YAML: ${(error as Error).message}`);
    }
    const checked = schema.safeParse(raw);
    if (checked.success) frontMatter = checked.data;
    else {
      for (const issue of checked.error.issues as ZodIssueLike[]) {
        // An unknown key is found by its own name, anything else along its path.
        const path =
          issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined
            ? [...issue.path, issue.keys[0]]
            : issue.path;
        // The deepest node that exists along the path carries the line.
        let line = 2;
        for (let depth = path.length; depth >= 0; depth--) {
          const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
          if (isNode(node) && node.range) {
            line = lineAt(node.range[0]);
            break;
          }
        }
        const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
        problems.push({
          file,
          line,
          message: missing ? `${where(issue.path)} is required` : describeIssue(issue),
        });
      }
    }
  }

  const answer = body.trim();
  const leading = body.slice(0, body.length - body.trimStart().length);
  const leadingBlankLines = (leading.match(/\n/g) ?? []).length;
  if (answer === '') {
    problems.push({
      file,
      line: bodyLine,
      message: 'the answer is missing: write it below the front matter',
    });
  } else if (answer.length > maxAnswerLength) {
    problems.push({
      file,
      line: bodyLine,
      message: `the answer is ${answer.length} characters; at most ${maxAnswerLength} fit in a chat reply`,
    });
  } else {
    for (const found of findMarkdownProblems(answer)) {
      problems.push({
        file,
        line: bodyLine + leadingBlankLines + found.line - 1,
        message: found.message,
      });
    }
  }
  if (problems.length > 0) return { success: false, problems };

  const data = frontMatter as {
    questions?: string[];
    keywords?: string[];
    actions?: ChatAction[];
  };
  const parsed: ParsedKnowledgeFile = {
    questions: fallback ? [] : (data.questions ?? []),
    keywords: fallback ? [] : (data.keywords ?? []),
    answer,
  };
  if (data.actions !== undefined && data.actions.length > 0) parsed.actions = data.actions;
  return { success: true, data: parsed };
}
