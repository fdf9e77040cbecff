/**
 * The gate: the one function that decides whether anything may leave for a
 * collector endpoint (contract §3). Receipts, leads and erasure requests are
 * the visitor's own acts and always allowed; telemetry only while analytics
 * is granted under the current decision.
 */
import type { ConsentSnapshot } from '../api/samtal-api';
import type { CollectorEndpoint } from '../protocol/common';

export function maySend(endpoint: CollectorEndpoint, consent: ConsentSnapshot): boolean {
  if (endpoint !== 'events') return true;
  return consent.status === 'decided' && consent.purposes.analytics;
}
