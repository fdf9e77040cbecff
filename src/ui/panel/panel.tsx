/**
 * The chat panel (parts `panel`, `close`): a labelled dialog with the bot's
 * name, a menu, and the current view. Non-modal beside the page on wide
 * screens; below 480 px wide or 560 px tall it covers the screen and is modal, so focus stays in
 * it. Escape anywhere in the widget closes it (mount-widget); where focus
 * goes on open, on a change of view and on close is decided in
 * focus/panel-focus.ts.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatService } from '../../chat/create-chat-service';
import { chatTexts } from '../../i18n/chat-texts';
import { coreTexts } from '../../i18n/core-texts';
import { focusPanel } from '../focus/panel-focus';
import { trapFocus } from '../focus/trap-focus';
import { useObservable } from '../use-observable';
import type { PanelView, WidgetContext } from '../widget-context';
import { ChatView } from './chat-view';
import { LazyView } from './lazy-view';
import { panelId } from './panel-id';
import { type MenuItem, PanelMenu } from './panel-menu';
import { useCompactLayout } from './use-compact-layout';

export interface PanelProps {
  context: WidgetContext;
  /** Null when the site has no chat endpoint. */
  chat: ChatService | null;
  onRequestClose(): void;
}

export function Panel({ context, chat, onRequestClose }: PanelProps) {
  const { open, view } = useObservable(context.ui);
  const { locale, botName } = context.config;
  const core = coreTexts[locale];
  const texts = chatTexts[locale];
  const title = botName ?? core.defaultBotName;
  const compact = useCompactLayout(context.root, open);
  const titleId = `${panelId}-title`;
  const notice = useRef<HTMLDivElement>(null);

  const showView = (next: PanelView) => context.ui.set((state) => ({ ...state, view: next }));
  const loader = view === 'chat' ? undefined : context.views[view];

  // Offer the notice slot before the first paint, so the undecided banner moves in without a flash.
  useLayoutEffect(() => {
    const slot = notice.current;
    if (!open || slot === null) return;
    context.panelNotice.set({ slot, focusPanel: () => focusPanel(context.root) });
    return () => context.panelNotice.set(null);
  }, [open]);

  // Opening, or switching view, moves focus into the panel (panel-focus.ts decides where).
  useEffect(() => {
    if (open) focusPanel(context.root);
  }, [open, view]);

  if (!open) return null;

  const items: MenuItem[] = [];
  if (chat !== null && view === 'chat') {
    items.push({ label: texts.newConversation, onSelect: () => chat.newConversation() });
  }
  if (context.views['lead-form'] && view !== 'lead-form') {
    items.push({ label: texts.contactForm, onSelect: () => showView('lead-form') });
  }
  if (context.views['your-data'] && view !== 'your-data') {
    items.push({ label: texts.privacySettings, onSelect: () => showView('your-data') });
  }

  return (
    <section
      id={panelId}
      part="panel"
      class={compact ? 'panel panel--compact' : 'panel'}
      // The panel speaks sv or en whatever the page does (WCAG 3.1.2), and
      // both read left to right, even on a right-to-left page.
      lang={locale}
      dir="ltr"
      role="dialog"
      aria-modal={compact ? 'true' : undefined}
      aria-labelledby={titleId}
      // Modal on small screens: Tab wraps around inside the panel. (Escape is the dock's.)
      onKeyDown={(event) => {
        if (compact) trapFocus(event, event.currentTarget);
      }}
    >
      <div class="panel__header">
        {view !== 'chat' && (
          <button
            type="button"
            class="panel__icon-button"
            data-panel-back
            aria-label={texts.back}
            onClick={() => showView('chat')}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z" />
            </svg>
          </button>
        )}
        <h2 class="panel__title" id={titleId}>
          {title}
        </h2>
        {items.length > 0 && <PanelMenu label={texts.menu} items={items} />}
        <button
          type="button"
          part="close"
          class="panel__icon-button"
          aria-label={core.launcherClose}
          onClick={onRequestClose}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M18.3 5.71a1 1 0 0 0-1.41 0L12 10.59 7.11 5.7A1 1 0 0 0 5.7 7.11L10.59 12 5.7 16.89a1 1 0 1 0 1.41 1.41L12 13.41l4.89 4.89a1 1 0 0 0 1.41-1.41L13.41 12l4.89-4.89a1 1 0 0 0 0-1.4z" />
          </svg>
        </button>
      </div>
      <div class="panel__notice" ref={notice} />
      <div
        class={loader ? 'panel__body panel__body--scroll scroll-cue' : 'panel__body'}
        data-panel-body
      >
        {loader ? (
          <LazyView key={view} context={context} load={loader} texts={texts} />
        ) : (
          <ChatView context={context} chat={chat} botName={title} />
        )}
      </div>
    </section>
  );
}
