/** The e2e suite runs against dist/: `npm test` builds first. Fail early, saying how to fix it. */
import { existsSync } from 'node:fs';
import { assertChromium } from './support/browser';

export default function setup(): void {
  assertChromium();
  if (!existsSync(new URL('../../dist/samtal.js', import.meta.url))) {
    throw new Error('dist/samtal.js is missing: run `npm run build` (npm test does it for you).');
  }
}
