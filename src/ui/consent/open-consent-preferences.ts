/**
 * The consent preferences (part `preferences`), a lazy chunk opened from the
 * banner's Settings: `necessary` shown as always on, one switch per optional
 * purpose saying what it collects, for how long and who receives it, none
 * switched on at first. A dialog: focus moves in, Tab stays inside, Escape
 * closes, and the opener gets focus back (the banner does that in `onClose`).
 */
import type { ConsentChoice } from '../../api/samtal-api';
import { preferencesTexts } from '../../i18n/preferences-texts';
import type { Locale } from '../../protocol/common';
import { adoptStyles } from '../adopt-styles';
import { createElement, createIcon, icons } from '../create-element';
import { trapFocus } from '../focus/trap-focus';
import css from './preferences.css?inline';

/** Opens the preferences in `container`; the lazy chunk's entry. */
export type OpenPreferences = (options: {
  container: Element;
  locale: Locale;
  /** Texts already on screen, to which the preferences add their own for the receipt. */
  shownTexts: readonly string[];
  onSave(choice: ConsentChoice, shownTexts: readonly string[]): void;
  /** Closed without saving (Escape, the close button). */
  onClose(): void;
}) => { close(): void };

const titleId = 'samtal-preferences-title';
const introId = 'samtal-preferences-intro';

function createSwitch(name: string, labelId: string, descriptionId: string): HTMLButtonElement {
  const element = createElement('button', {
    type: 'button',
    role: 'switch',
    class: 'switch',
    name,
    'aria-checked': 'false',
    'aria-labelledby': labelId,
    'aria-describedby': descriptionId,
    onclick: () => {
      element.setAttribute(
        'aria-checked',
        element.getAttribute('aria-checked') === 'true' ? 'false' : 'true',
      );
    },
  });
  return element;
}

function purpose(key: string, name: string, control: Node, description: string): HTMLLIElement {
  return createElement(
    'li',
    { class: 'purpose' },
    createElement(
      'div',
      { class: 'purpose__head' },
      createElement('h3', { id: `samtal-purpose-${key}` }, name),
      control,
    ),
    createElement('p', { id: `samtal-purpose-${key}-description` }, description),
  );
}

/** Opens the preferences inside `container`; see {@link OpenPreferences}. */
export const openConsentPreferences: OpenPreferences = ({
  container,
  locale,
  shownTexts,
  onSave,
  onClose,
}) => {
  const texts = preferencesTexts[locale];
  const root = container.getRootNode();
  const removeStyles = root instanceof ShadowRoot ? adoptStyles(root, css) : () => {};
  const analytics = createSwitch(
    'analytics',
    'samtal-purpose-analytics',
    'samtal-purpose-analytics-description',
  );
  const marketing = createSwitch(
    'marketing',
    'samtal-purpose-marketing',
    'samtal-purpose-marketing-description',
  );
  const closeButton = createElement(
    'button',
    {
      type: 'button',
      class: 'preferences__close',
      'aria-label': texts.close,
      onclick: () => cancel(),
    },
    createIcon(icons.close),
  );
  const saveButton = createElement(
    'button',
    {
      type: 'button',
      class: 'preferences__save',
      onclick: () => {
        const choice = {
          analytics: analytics.getAttribute('aria-checked') === 'true',
          marketing: marketing.getAttribute('aria-checked') === 'true',
        };
        // Saved while focus is still inside, so the banner can move it before the dialog goes.
        onSave(choice, [...shownTexts, ...ownTexts]);
        close();
      },
    },
    texts.save,
  );
  // In the order shown, after the banner's: what the receipt's textHash proves.
  const ownTexts = [
    texts.title,
    texts.close,
    texts.intro,
    texts.necessaryName,
    texts.necessaryState,
    texts.necessaryDescription,
    texts.analyticsName,
    texts.analyticsDescription,
    texts.marketingName,
    texts.marketingDescription,
    texts.save,
  ];

  const dialog = createElement(
    'div',
    {
      part: 'preferences',
      class: 'preferences',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      'aria-describedby': introId,
      lang: locale,
      onkeydown: (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Escape') {
          event.stopPropagation();
          cancel();
        } else {
          trapFocus(event as KeyboardEvent, dialog);
        }
      },
    },
    createElement(
      'div',
      { class: 'preferences__header' },
      createElement('h2', { id: titleId }, texts.title),
      closeButton,
    ),
    createElement('p', { id: introId }, texts.intro),
    createElement(
      'ul',
      { class: 'preferences__list' },
      purpose(
        'necessary',
        texts.necessaryName,
        createElement('span', {}, texts.necessaryState),
        texts.necessaryDescription,
      ),
      purpose('analytics', texts.analyticsName, analytics, texts.analyticsDescription),
      purpose('marketing', texts.marketingName, marketing, texts.marketingDescription),
    ),
    saveButton,
  );

  function close(): void {
    dialog.remove();
    removeStyles();
  }

  function cancel(): void {
    close();
    onClose();
  }

  container.append(dialog);
  closeButton.focus();
  return { close };
};
