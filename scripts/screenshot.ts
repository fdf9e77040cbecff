/**
 * Takes screenshots of a page as a visitor sees it, for looking at changes:
 *   npx tsx scripts/screenshot.ts http://127.0.0.1:5173/ out.png [width] [height] [actions…]
 * Actions: `click:<css in shadow root>`, `type:<text>`, `press:<key>`, `wait:<ms>`, `dark`,
 * `page:<css on the page>` (click outside the widget).
 */
import { launchBrowser } from '../tests/e2e/support/browser';

const [
  url = 'http://127.0.0.1:5173/',
  out = 'screenshot.png',
  width = '1280',
  height = '800',
  ...actions
] = process.argv.slice(2);
const browser = await launchBrowser();
const context = await browser.newContext({
  viewport: { width: Number(width), height: Number(height) },
  colorScheme: actions.includes('dark') ? 'dark' : 'light',
});
const page = await context.newPage();
page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
await page.goto(url);
await page.waitForSelector('samtal-chat', { state: 'attached', timeout: 10_000 });
await page.waitForTimeout(500);
for (const action of actions) {
  if (action.startsWith('click:'))
    await page
      .locator(`samtal-chat >> ${action.slice(6)}`)
      .first()
      .click();
  if (action.startsWith('page:')) await page.locator(action.slice(5)).first().click();
  if (action.startsWith('type:')) await page.keyboard.type(action.slice(5));
  if (action.startsWith('press:')) await page.keyboard.press(action.slice(6));
  if (action.startsWith('wait:')) await page.waitForTimeout(Number(action.slice(5)));
}
await page.screenshot({ path: out });
await browser.close();
console.log(`Saved ${out}`);
