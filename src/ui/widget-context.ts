/**
 * What the UI may use: the config, the services and the widget's own state.
 * The UI reaches the network only through these services, never by itself.
 */
import type { ComponentType } from 'preact';
import type { Emitter } from '../api/create-emitter';
import type { SamtalEvents } from '../api/samtal-api';
import type { ResolvedConfig } from '../config/parse-config';
import type { ConsentService } from '../consent/consent-service';
import type { DataRegistry } from '../data/create-data-registry';
import type { Sender } from '../net/create-sender';
import type { WidgetAction } from '../protocol/events';
import type { RightsService } from '../rights/create-rights-service';
import type { Observable } from '../state/create-observable';
import type { KeyValueStore } from '../storage/create-key-value-store';
import type { PreferenceStore } from '../storage/create-preference-store';

/** Which view the open panel shows. */
export type PanelView = 'chat' | 'lead-form' | 'your-data';

/** The widget's own state. */
export interface UiState {
  open: boolean;
  view: PanelView;
  /** Bot replies that arrived while the panel was closed. */
  unread: number;
}

/**
 * The services that need IndexedDB or the network. They are a lazy chunk:
 * a page view where the visitor does nothing never loads them.
 */
export interface WidgetServices {
  sender: Sender;
  store: KeyValueStore;
}

/**
 * The open panel's place for a notice: the consent banner, while the visitor
 * has not decided, docks there instead of standing beside the panel, so the
 * two never compete for the screen (the panel keeps its size; on a phone the
 * full-screen panel would otherwise hide the banner).
 */
export interface PanelNoticeHost {
  /** The element between the panel's header and its view. */
  slot: Element;
  /** Puts focus back into the panel (its message box or first control). */
  focusPanel(): void;
}

/** A panel view other than the chat, loaded as its own chunk when first shown. */
export type ViewComponent = ComponentType<{ context: WidgetContext }>;

export interface WidgetContext {
  config: ResolvedConfig;
  root: ShadowRoot;
  ui: Observable<UiState>;
  /** Set by the panel while it is open; null while it is closed. */
  panelNotice: Observable<PanelNoticeHost | null>;
  emitter: Emitter<SamtalEvents>;
  consent: ConsentService;
  preferences: PreferenceStore;
  data: DataRegistry;
  /** Loaders of the panel's other views (contact form, your data), each a lazy chunk. */
  views: Partial<Record<Exclude<PanelView, 'chat'>, () => Promise<ViewComponent>>>;
  /** Loads (once) and returns the storage and network services. */
  services(): Promise<WidgetServices>;
  /** Loads (once) the visitor's rights to correct, restrict and object; the same service `Samtal.data` uses. */
  rights(): Promise<RightsService>;
  /** Records a widget interaction for telemetry; does nothing unless analytics is granted. */
  track(action: WidgetAction, lengthBucket?: string): void;
}
