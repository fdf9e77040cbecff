/**
 * The message box (parts `message-input`, `send`): several lines, Enter
 * sends, Shift+Enter adds a line, and send stays disabled while the box is
 * empty. The box grows with its text through CSS (`field-sizing`), not
 * through style attributes.
 *
 * Sending never waits for a native form submission: a page may frame the
 * widget in an iframe sandboxed without `allow-forms`, where the browser
 * drops every submission (only the events before it still fire). The send
 * button's click and Enter in the box call `submit` themselves; the form's
 * own submit event, should anything still raise one, does the same.
 *
 * The limit counts the text as it will be sent, after redaction has put its
 * placeholders in, so a message over it is caught here, where the visitor
 * can shorten it, rather than refused by the server for good.
 */
import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { SendResult } from '../../chat/create-chat-service';
import { type CountForms, formatCount } from '../../i18n/format-count';
import { maxMessageLength } from '../../protocol/chat';
import type { Locale } from '../../protocol/common';

export type ComposerTexts = {
  inputLabel: string;
  inputPlaceholder: string;
  inputHint: string;
  send: string;
} & CountForms<'charactersLeft' | 'tooLongAsSent'>;

export interface ComposerProps {
  texts: ComposerTexts;
  /** Chooses the counted phrases' plural forms. */
  locale: Locale;
  inputRef: Ref<HTMLTextAreaElement>;
  onSend(text: string): SendResult;
  /** The length of `text` as it will be sent (trimmed and redacted). */
  lengthAsSent(text: string): number;
}

// The count appears only near the limit, where it helps.
const showCountBelow = 200;

export function Composer({ texts, locale, inputRef, onSend, lengthAsSent }: ComposerProps) {
  const [text, setText] = useState('');
  // Set when a send was refused as too long; cleared as the text changes.
  const [refused, setRefused] = useState(false);
  const id = useId();
  const empty = text.trim() === '';
  const left = maxMessageLength - (empty ? 0 : lengthAsSent(text));
  const tooLong = left < 0;

  const submit = () => {
    if (empty) return;
    const result = onSend(text);
    if (result.status === 'sent') {
      setText('');
      setRefused(false);
    } else if (result.status === 'too-long') setRefused(true);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label class="visually-hidden" for={`${id}-input`}>
        {texts.inputLabel}
      </label>
      <textarea
        id={`${id}-input`}
        ref={inputRef}
        part="message-input"
        class="composer__input"
        rows={1}
        maxLength={maxMessageLength}
        placeholder={texts.inputPlaceholder}
        aria-describedby={tooLong ? `${id}-hint ${id}-too-long` : `${id}-hint`}
        aria-invalid={tooLong ? 'true' : undefined}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setRefused(false);
        }}
        onKeyDown={(event) => {
          // While an input method composes a word, Enter picks the word.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <span class="visually-hidden" id={`${id}-hint`}>
        {texts.inputHint}
      </span>
      {tooLong ? (
        // An alert once a send was refused, so it is heard; polite while typing.
        <span
          class="composer__count composer__count--over"
          id={`${id}-too-long`}
          role={refused ? 'alert' : undefined}
          aria-live={refused ? undefined : 'polite'}
        >
          {formatCount(locale, texts, 'tooLongAsSent', -left)}
        </span>
      ) : (
        left < showCountBelow && (
          <span class="composer__count" aria-live="polite">
            {formatCount(locale, texts, 'charactersLeft', left)}
          </span>
        )
      )}
      <button
        type="submit"
        part="send"
        class="composer__send"
        disabled={empty}
        aria-label={texts.send}
        onClick={(event) => {
          // Not the browser's submission, which a sandboxed frame blocks.
          event.preventDefault();
          submit();
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3.4 20.4 21 12 3.4 3.6a.7.7 0 0 0-1 .8L4.5 11 14 12l-9.5 1-2.1 6.6a.7.7 0 0 0 1 .8z" />
        </svg>
      </button>
    </form>
  );
}
