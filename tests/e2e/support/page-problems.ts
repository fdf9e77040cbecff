/**
 * What went wrong on a page, collected as it happens, for a test to expect
 * empty: console errors and warnings (Chromium also logs refused requests and
 * CSP violations there), uncaught errors, and optionally every answer of 400
 * or more and every request that failed.
 */
import type { Page } from 'playwright-core';

export interface ProblemOptions {
  /** A console message that is not the widget's doing (Chromium's own warnings, say). */
  ignore?: (text: string) => boolean;
  /** Also `"<status>: <url>"` for every response with status 400 or more. */
  errorResponses?: boolean;
  /**
   * Also `"failed: <url> <error>"` for every request that failed, except
   * `net::ERR_ABORTED` (the widget's own doing, e.g. ending a stream).
   */
  failedRequests?: boolean;
}

/** Starts listening on `page`; the returned list grows as problems arrive. */
export function recordProblems(page: Page, options: ProblemOptions = {}): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (options.ignore?.(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  if (options.failedRequests) {
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
    });
  }
  if (options.errorResponses) {
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
  }
  return problems;
}
