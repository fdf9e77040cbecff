/** The demo page's own script: the mocked backend and the request inspector. Not part of the widget. */
import { startDemoBackend } from './start-demo-backend';

await startDemoBackend();
