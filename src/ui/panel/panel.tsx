/**
 * The chat panel (parts `panel`, `close`): a labelled dialog with the bot's
 * name, a menu, and the current view. Non-modal beside the page on wide
 * screens; below 480 px it covers the screen and is modal, so focus stays in
 * it. Escape closes it (mount-widget then returns focus to the launcher).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ChatService } from '../../chat/create-chat-service';
import { chatTexts } from '../../i18n/chat-texts';
import { coreTexts } from '../../i18n/core-texts';
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

const focusable =
  'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function Panel({ context, chat, onRequestClose }: PanelProps) {
  const { open, view } = useObservable(context.ui);
  const { locale, botName } = context.config;
  const core = coreTexts[locale];
  const texts = chatTexts[locale];
  const title = botName ?? core.defaultBotName;
  const compact = useCompactLayout(context.root, open);
  const back = useRef<HTMLButtonElement>(null);
  const titleId = `${panelId}-title`;

  const showView = (next: PanelView) => context.ui.set((state) => ({ ...state, view: next }));
  const loader = view === 'chat' ? undefined : context.views[view];

  // A view other than the chat starts at its back button, the way out.
  useEffect(() => {
    if (open && view !== 'chat') back.current?.focus();
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
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onRequestClose();
          return;
        }
        // Modal on small screens: Tab wraps around inside the panel.
        if (event.key !== 'Tab' || !compact) return;
        const elements = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter(
          (element) => !element.closest('[hidden]'),
        );
        const first = elements[0];
        const last = elements[elements.length - 1];
        const active = context.root.activeElement;
        if (event.shiftKey && active === first) {
          event.preventDefault();
          last?.focus();
        } else if (!event.shiftKey && active === last) {
          event.preventDefault();
          first?.focus();
        }
      }}
    >
      <header class="panel__header">
        {view !== 'chat' && (
          <button
            type="button"
            class="panel__icon-button"
            ref={back}
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
      </header>
      <div class={loader ? 'panel__body panel__body--scroll' : 'panel__body'}>
        {loader ? (
          <LazyView key={view} context={context} load={loader} texts={texts} />
        ) : (
          <ChatView context={context} chat={chat} botName={title} />
        )}
      </div>
    </section>
  );
}
