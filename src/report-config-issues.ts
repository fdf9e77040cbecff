/** Tells the site owner what is wrong with the config: one console line per bad key. */
import type { ConfigIssue } from './config/parse-config';

export function reportConfigIssues(issues: readonly ConfigIssue[]): void {
  for (const issue of issues) {
    console.error(
      `Samtal: ${issue.key} ${issue.message}. The widget is not shown and nothing is sent.`,
    );
  }
}
