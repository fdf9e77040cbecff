/**
 * The conversation (parts `message-list`, `message`) and the composer. Bot
 * text goes through the Markdown subset into Preact nodes, never into HTML.
 * Finished bot replies and failures are announced once each through a polite
 * live region; the streaming text itself is not, so a screen reader does not
 * read every chunk.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatMessage, VisitorMessage } from '../../chat/conversation';
import type { ChatService } from '../../chat/create-chat-service';
import { chatTexts } from '../../i18n/chat-texts';
import { formatText } from '../../i18n/define-texts';
import { formatList } from '../../i18n/define-texts';
import { redactionTexts } from '../../i18n/redaction-texts';
import { markdownToPlainText } from '../../markdown/markdown-to-plain-text';
import { parseMarkdown } from '../../markdown/parse-markdown';
import type { ChatAction } from '../../protocol/chat';
import { useObservable } from '../use-observable';
import type { WidgetContext } from '../widget-context';
import { Composer } from './composer';
import { MarkdownView } from './markdown-view';

export interface ChatViewProps {
  context: WidgetContext;
  /** Null when the site has no chat endpoint: the view offers the contact form instead. */
  chat: ChatService | null;
  botName: string;
}

const kindTextKeys = {
  personnummer: 'kindPersonnummer',
  card: 'kindCard',
  iban: 'kindIban',
} as const;

function BotText({ text }: { text: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <MarkdownView blocks={blocks} />;
}

export function ChatView({ context, chat, botName }: ChatViewProps) {
  const { locale } = context.config;
  const texts = chatTexts[locale];
  const input = useRef<HTMLTextAreaElement>(null);
  const openContactForm = context.views['lead-form']
    ? () => context.ui.set((state) => ({ ...state, view: 'lead-form' }))
    : null;

  if (chat === null) {
    return (
      <div class="chat chat--offline">
        <p class="chat__welcome">{texts.noChat}</p>
        {openContactForm && (
          <button type="button" class="chat__primary" onClick={openContactForm}>
            {texts.contactForm}
          </button>
        )}
      </div>
    );
  }
  return (
    <Conversation
      context={context}
      chat={chat}
      botName={botName}
      inputRef={input}
      openContactForm={openContactForm}
    />
  );
}

interface ConversationProps {
  context: WidgetContext;
  chat: ChatService;
  botName: string;
  inputRef: { current: HTMLTextAreaElement | null };
  openContactForm: (() => void) | null;
}

function Conversation({ context, chat, botName, inputRef, openContactForm }: ConversationProps) {
  const { locale } = context.config;
  const texts = chatTexts[locale];
  const { messages, waiting } = useObservable(chat.state);
  const list = useRef<HTMLOListElement>(null);
  const [announcement, setAnnouncement] = useState('');
  // What was already on screen when the panel opened is not news.
  const announced = useRef<Set<string> | null>(null);

  useEffect(() => {
    const seen = announced.current;
    const settled = messages.filter(
      (message) =>
        (message.from === 'bot' && !message.streaming) ||
        (message.from === 'visitor' && message.status === 'failed'),
    );
    if (seen === null) {
      announced.current = new Set(settled.map(announcementKey));
      return;
    }
    const fresh = settled.filter((message) => !seen.has(announcementKey(message)));
    if (fresh.length === 0) return;
    for (const message of fresh) seen.add(announcementKey(message));
    setAnnouncement(
      fresh
        .map((message) =>
          message.from === 'bot'
            ? formatText(texts.announceReply, {
                name: botName,
                text: markdownToPlainText(parseMarkdown(message.text)),
              })
            : texts[message.failure ?? 'network'],
        )
        .join(' '),
    );
  }, [messages]);

  // Stay at the newest message while the visitor is there; leave them be
  // when they scrolled up to read.
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [messages, waiting]);

  const last = messages[messages.length - 1];
  const streamingText = last?.from === 'bot' && last.streaming === true && last.text !== '';
  const actions = last?.from === 'bot' && !last.streaming ? (last.actions ?? []) : [];

  const send = (text: string) => chat.send(text);
  const runAction = (action: ChatAction) => {
    if (action.type === 'quick-reply') {
      context.track('quick-reply');
      chat.send(action.value);
      inputRef.current?.focus();
    } else openContactForm?.();
  };

  const redactionNote = (message: VisitorMessage) => {
    if (!message.redacted || message.redacted.length === 0) return null;
    const words = redactionTexts[locale];
    const kinds = formatList(
      locale,
      message.redacted.map((kind) => words[kindTextKeys[kind]]),
    );
    return <p class="chat__note">{formatText(words.note, { kinds })}</p>;
  };

  return (
    <div class="chat">
      <ol
        class="chat__messages"
        part="message-list"
        ref={list}
        aria-label={texts.messages}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll area must be reachable by keyboard to be scrolled by it (WCAG 2.1.1)
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
        }}
      >
        {messages.length === 0 && (
          <li class="chat__welcome">
            <BotText text={texts.welcome} />
          </li>
        )}
        {messages.map((message) => (
          <li key={message.id} class={`chat__row chat__row--${message.from}`}>
            <div
              part="message"
              data-from={message.from}
              class={`message message--${message.from}`}
              aria-busy={message.from === 'bot' && message.streaming ? 'true' : undefined}
            >
              <span class="visually-hidden">{message.from === 'bot' ? botName : texts.you}: </span>
              {message.from === 'bot' ? (
                <BotText text={message.text} />
              ) : (
                <p class="message__plain">{message.text}</p>
              )}
            </div>
            {message.from === 'visitor' && redactionNote(message)}
            {message.from === 'visitor' && message.status === 'failed' && (
              <div class="chat__failure">
                <p>{texts[message.failure ?? 'network']}</p>
                <button type="button" class="chat__retry" onClick={() => chat.retry(message.id)}>
                  {texts.retry}
                </button>
              </div>
            )}
          </li>
        ))}
        {waiting && !streamingText && (
          <li class="chat__typing">
            <span class="typing" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <span class="visually-hidden">{formatText(texts.typing, { name: botName })}</span>
          </li>
        )}
      </ol>
      {actions.length > 0 && (
        <fieldset class="chat__actions">
          <legend class="visually-hidden">{texts.quickReplies}</legend>
          {actions.map((action, index) =>
            action.type === 'contact-form' && openContactForm === null ? null : (
              <button
                key={index}
                type="button"
                class={action.type === 'contact-form' ? 'chip chip--primary' : 'chip'}
                onClick={() => runAction(action)}
              >
                {action.type === 'quick-reply' ? action.label : texts.contactForm}
              </button>
            ),
          )}
        </fieldset>
      )}
      <Composer
        texts={texts}
        locale={locale}
        inputRef={inputRef}
        onSend={send}
        lengthAsSent={chat.lengthAsSent}
      />
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}

function announcementKey(message: ChatMessage): string {
  return message.from === 'visitor' ? `${message.id}:failed:${message.failure}` : message.id;
}
