/**
 * axe-core over a whole page: WCAG 2.0–2.2 A and AA plus best practice, with
 * the target-size rule (WCAG 2.2, 2.5.8) on. The script is evaluated over
 * CDP, so the page's own CSP stays as it is.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** Fails with `label` and each finding as `rule (impact): targets` when axe finds anything. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // A fading toast measured halfway would report a contrast its settled state does not have.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished)),
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const runner = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              nodes: Array<{ target: unknown }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await runner.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      rules: { 'target-size': { enabled: true } },
    });
    return result.violations.map(
      (entry) =>
        `${entry.id} (${entry.impact}): ${entry.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
    );
  });
  expect(violations, label).toEqual([]);
}
