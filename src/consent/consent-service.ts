/** What the rest of the widget needs from consent. */
import type { ConsentChoice, ConsentSnapshot } from '../api/samtal-api';
import type { Observable } from '../state/create-observable';

export interface ConsentService {
  /** The current decision; the UI and the gate read it. */
  snapshot: Observable<ConsentSnapshot>;
  /** The site's consent tool (host mode) or the API decides. */
  set(choice: ConsentChoice): void;
  /** Forget the decision and ask again. */
  reset(): void;
  dispose(): void;
}
