/**
 * The message box (parts `message-input`, `send`): several lines, Enter
 * sends, Shift+Enter adds a line, and send stays disabled while the box is
 * empty. The box grows with its text through CSS (`field-sizing`), not
 * through style attributes.
 */
import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { formatText } from '../../i18n/define-texts';
import { maxMessageLength } from '../../protocol/chat';

export interface ComposerTexts {
  inputLabel: string;
  inputPlaceholder: string;
  inputHint: string;
  send: string;
  charactersLeft: string;
}

export interface ComposerProps {
  texts: ComposerTexts;
  inputRef: Ref<HTMLTextAreaElement>;
  onSend(text: string): void;
}

// The count appears only near the limit, where it helps.
const showCountBelow = 200;

export function Composer({ texts, inputRef, onSend }: ComposerProps) {
  const [text, setText] = useState('');
  const id = useId();
  const empty = text.trim() === '';
  const left = maxMessageLength - text.length;

  const submit = () => {
    if (empty) return;
    onSend(text);
    setText('');
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
        aria-describedby={`${id}-hint`}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
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
      {left < showCountBelow && (
        <span class="composer__count" aria-live="polite">
          {formatText(texts.charactersLeft, { count: left })}
        </span>
      )}
      <button
        type="submit"
        part="send"
        class="composer__send"
        disabled={empty}
        aria-label={texts.send}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3.4 20.4 21 12 3.4 3.6a.7.7 0 0 0-1 .8L4.5 11 14 12l-9.5 1-2.1 6.6a.7.7 0 0 0 1 .8z" />
        </svg>
      </button>
    </form>
  );
}
