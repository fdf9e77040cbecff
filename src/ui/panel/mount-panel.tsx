/**
 * Entry of the panel chunk: adopts its styles, starts the conversation and
 * renders the Preact panel. The conversation lives as long as the widget, so
 * a reply that arrives while the panel is closed raises the unread count.
 * The stored history is read here, when the visitor first shows interest,
 * never on a plain page view.
 */
import { render } from 'preact';
import { createChatHistory } from '../../chat/create-chat-history';
import { createChatService } from '../../chat/create-chat-service';
import { createChatTransport } from '../../chat/create-chat-transport';
import { adoptStyles } from '../adopt-styles';
import { returnFocusToLauncher } from '../focus/panel-focus';
import type { WidgetContext } from '../widget-context';
import chatCss from './chat.css?inline';
import { Panel } from './panel';
import css from './panel.css?inline';

/** Renders the panel into `slot`; returns the unmount. */
export type PanelMount = (
  slot: Element,
  context: WidgetContext,
  requestClose: () => void,
) => () => void;

export const mountPanel: PanelMount = (slot, context, requestClose) => {
  const { config, ui, emitter } = context;
  const removeStyles = adoptStyles(context.root, css, chatCss);
  const chat =
    config.chat === undefined
      ? null
      : createChatService({
          site: config.site,
          locale: config.locale,
          redact: config.redact,
          transport: createChatTransport({
            endpoint: config.chat,
            timeoutSeconds: config.chatTimeout,
          }),
          history: context
            .services()
            .then(({ store }) =>
              createChatHistory({ store, site: config.site, historyDays: config.historyDays }),
            ),
          onMessage: (message) => emitter.emit('message', message),
          onBotReply: () => {
            if (!ui.get().open) ui.set((state) => ({ ...state, unread: state.unread + 1 }));
          },
          onSent: (bucket) => context.track('message-sent', bucket),
        });
  const clearUnread = () => {
    if (ui.get().open && ui.get().unread > 0) ui.set((state) => ({ ...state, unread: 0 }));
  };
  let wasOpen = ui.get().open;
  const unsubscribe = ui.subscribe((state) => {
    clearUnread();
    // Runs as the state changes, before the panel re-renders: focus is still where it was.
    if (wasOpen && !state.open)
      returnFocusToLauncher(context.root, context.root.activeElement !== null);
    wasOpen = state.open;
  });
  clearUnread();
  render(<Panel context={context} chat={chat} onRequestClose={requestClose} />, slot);
  return () => {
    unsubscribe();
    chat?.dispose();
    render(null, slot);
    removeStyles();
  };
};
