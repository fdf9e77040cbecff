/**
 * The composer's count near the limit speaks in the right grammatical number
 * in both languages ("1 character left", not "1 characters left").
 */
import { fireEvent, render } from '@testing-library/preact';
import { createRef } from 'preact';
import { describe, expect, it } from 'vitest';
import { chatTexts } from '../../src/i18n/chat-texts';
import { maxMessageLength } from '../../src/protocol/chat';
import type { Locale } from '../../src/protocol/common';
import { Composer } from '../../src/ui/panel/composer';

function composer(locale: Locale) {
  const view = render(
    <Composer
      texts={chatTexts[locale]}
      locale={locale}
      inputRef={createRef()}
      onSend={() => ({ status: 'sent' })}
      lengthAsSent={(text) => text.trim().length}
    />,
  );
  const input = view.container.querySelector('textarea') as HTMLTextAreaElement;
  return {
    type(length: number) {
      fireEvent.input(input, { target: { value: 'a'.repeat(length) } });
      return view.container.querySelector('.composer__count')?.textContent;
    },
  };
}

describe('the composer count', () => {
  it.each([
    ['en', 1, '1 character left'],
    ['en', 2, '2 characters left'],
    ['en', 21, '21 characters left'],
    ['sv', 1, '1 tecken kvar'],
    ['sv', 2, '2 tecken kvar'],
  ] as const)('%s, %i left: %s', (locale, left, expected) => {
    expect(composer(locale).type(maxMessageLength - left)).toBe(expected);
  });

  it('says by how much a message is over, in the right number', () => {
    const { type } = composer('en');
    // The textarea's maxLength stops typing, but redaction can lengthen what is sent.
    expect(type(maxMessageLength + 1)).toContain('1 character too long');
    expect(type(maxMessageLength + 2)).toContain('2 characters too long');
  });
});
