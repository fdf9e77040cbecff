/** Keeps the visitor's consent decision and tells the widget when it changes. */
import type { ConsentSnapshot } from '../api/samtal-api';
import { z } from '../protocol/zod-setup';
import { createObservable } from '../state/create-observable';
import type { PreferenceStore } from '../storage/create-preference-store';
import type { ConsentService } from './consent-service';

const storedConsent = z.object({
  id: z.string(),
  analytics: z.boolean(),
  marketing: z.boolean(),
  decidedAt: z.string(),
  policyVersion: z.string(),
});

export interface ConsentServiceOptions {
  preferences: PreferenceStore;
  policyVersion: string;
  globalPrivacyControl: boolean;
  newId?: () => string;
  now?: () => Date;
}

export function createConsentService(options: ConsentServiceOptions): ConsentService {
  const { preferences, policyVersion, globalPrivacyControl } = options;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  const undecided: ConsentSnapshot = {
    status: 'undecided',
    purposes: { necessary: true, analytics: false, marketing: false },
    id: null,
    decidedAt: null,
    method: null,
    policyVersion,
    globalPrivacyControl,
  };
  const stored = preferences.get('consent', storedConsent);
  const snapshot = createObservable<ConsentSnapshot>(
    stored && stored.policyVersion === policyVersion
      ? {
          ...undecided,
          status: 'decided',
          purposes: { necessary: true, analytics: stored.analytics, marketing: stored.marketing },
          id: stored.id,
          decidedAt: stored.decidedAt,
        }
      : undecided,
  );
  return {
    snapshot,
    set(choice) {
      const record = { id: newId(), ...choice, decidedAt: now().toISOString(), policyVersion };
      preferences.set('consent', record);
      snapshot.set({
        ...undecided,
        status: 'decided',
        purposes: { necessary: true, ...choice },
        id: record.id,
        decidedAt: record.decidedAt,
        method: 'host',
      });
    },
    reset() {
      preferences.delete('consent');
      snapshot.set(undecided);
    },
    dispose() {},
  };
}
