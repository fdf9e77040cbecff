/**
 * Debian's Chromium through playwright-core. `npx playwright install` cannot
 * work on our machines, so the browser comes from `apt-get install chromium`.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian puts Chromium; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags our machines need: no sandbox as root, and no background traffic to Google. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the command that installs Chromium when it is missing. */
export function assertChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}. Install it with:\n  apt-get update && apt-get install -y chromium`,
    );
  }
}

/**
 * Chromium for a test. Playwright turns the back/forward cache off by
 * default; `backForwardCache: true` keeps Chromium's own default (on), for
 * the tests that check a page is restored from it.
 */
export async function launchBrowser(
  options: { backForwardCache?: boolean } = {},
): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  });
}
