/**
 * The Google Consent Mode v2 bridge (opt-in, `data-google-consent-mode`):
 * tells the site's Google tags what the visitor chose for analytics. Only
 * `update`, never `default`: the site sets its own defaults before its tags
 * load. Advertising signals always stay denied, because Samtal asks about
 * measuring, not about ads.
 */
import type { ConsentSnapshot } from '../api/samtal-api';

type Gtag = (command: 'consent', action: 'update', params: Record<string, string>) => void;

/** Calls `gtag('consent', 'update', …)` for a decided snapshot, when the page has gtag. */
export function updateGoogleConsent(
  snapshot: ConsentSnapshot,
  target: { gtag?: unknown } = globalThis as { gtag?: unknown },
): void {
  if (snapshot.status !== 'decided' || typeof target.gtag !== 'function') return;
  (target.gtag as Gtag)('consent', 'update', {
    analytics_storage: snapshot.purposes.analytics ? 'granted' : 'denied',
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
  });
}
