/**
 * A whole knowledge base from its files' texts (contract §7): `sv/*.md` and
 * `en/*.md`, each an answer, `_fallback.md` the answer when nothing matches.
 * Pure: the server reads the folder, the demo bundles the files, both call this.
 */
import type { Locale } from '../protocol/common';
import {
  emptyKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeEntry,
  type KnowledgeProblem,
} from './knowledge-base';
import { parseKnowledgeFile } from './parse-knowledge-file';

/** One file: `path` relative to the knowledge folder (`sv/prices.md`), `file` as shown in messages. */
export interface KnowledgeSource {
  path: string;
  file: string;
  text: string;
}

export type BuildKnowledgeBaseResult =
  | { success: true; data: KnowledgeBase; warnings: KnowledgeProblem[] }
  | { success: false; problems: KnowledgeProblem[] };

/** The name of the fallback answer's file in each locale folder. */
export const fallbackFileName = '_fallback.md';

const answerPath = /^(sv|en)\/([^/]+\.md)$/;

/** Whether a folder-relative path is part of a knowledge base; others (README.md, images) are not. */
export function isKnowledgePath(path: string): boolean {
  const match = answerPath.exec(path);
  return match !== null && !match[2]?.startsWith('.');
}

function normalised(question: string): string {
  return question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Parses every file; on any problem, reports them all (sorted by file and
 * line) and no knowledge base, so a half-broken one is never served.
 */
export function buildKnowledgeBase(sources: readonly KnowledgeSource[]): BuildKnowledgeBaseResult {
  const knowledge = emptyKnowledgeBase();
  const problems: KnowledgeProblem[] = [];
  const warnings: KnowledgeProblem[] = [];
  const seen: Record<Locale, Map<string, string>> = { sv: new Map(), en: new Map() };
  const ordered = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const source of ordered) {
    const match = answerPath.exec(source.path);
    if (match === null || !isKnowledgePath(source.path)) continue;
    const locale = match[1] as Locale;
    const name = match[2] ?? '';
    const fallback = name === fallbackFileName;
    const result = parseKnowledgeFile(source.file, source.text, { fallback });
    if (!result.success) {
      problems.push(...result.problems);
      continue;
    }
    const { questions, keywords, answer, actions } = result.data;
    if (fallback) {
      knowledge[locale].fallback = actions ? { answer, actions } : { answer };
      continue;
    }
    for (const question of questions) {
      const key = normalised(question);
      const other = seen[locale].get(key);
      if (other !== undefined && other !== source.file) {
        warnings.push({
          file: source.file,
          line: 1,
          message: `the question "${question}" is also in ${other}; the first file by name wins`,
        });
      } else seen[locale].set(key, source.file);
    }
    const entry: KnowledgeEntry = { id: source.path, locale, questions, keywords, answer };
    if (actions) entry.actions = actions;
    knowledge[locale].entries.push(entry);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    return { success: false, problems };
  }
  return { success: true, data: knowledge, warnings };
}

/**
 * `file:line: message`, one per line, as compilers print them; `file: message`
 * for a problem with the file or folder as a whole (line 0).
 */
export function formatKnowledgeProblems(problems: readonly KnowledgeProblem[]): string {
  return problems
    .map(({ file, line, message }) =>
      line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`,
    )
    .join('\n');
}
