/**
 * The small "Privacy settings" button in the dock, shown once the visitor
 * has decided: one click opens the panel on their data view, where they can
 * see, change or withdraw the choice, export and erase. Plain DOM, like the
 * launcher, because it is on every page.
 */
import type { ConsentSnapshot } from '../../api/samtal-api';
import type { Observable } from '../../state/create-observable';
import { createElement, createIcon } from '../create-element';
import type { DockLayer } from '../mount-widget';

/** A shield outline. */
const shieldIcon =
  'M12 2 4 5v6.1c0 5 3.4 9.7 8 10.9 4.6-1.2 8-5.9 8-10.9V5l-8-3zm0 2.2 6 2.2v4.7c0 3.9-2.5 7.6-6 8.7-3.5-1.1-6-4.8-6-8.7V6.4l6-2.2z';

export interface PrivacyControlOptions {
  label: string;
  snapshot: Observable<ConsentSnapshot>;
  onOpen(): void;
}

/** The control as a dock layer; `element` is the button, to move focus to after a decision. */
export function createPrivacyControl({
  label,
  snapshot,
  onOpen,
}: PrivacyControlOptions): DockLayer & { element: HTMLButtonElement } {
  const element = createElement(
    'button',
    {
      type: 'button',
      class: 'privacy-control',
      'aria-label': label,
      title: label,
      onclick: onOpen,
    },
    createIcon(shieldIcon),
  );
  const render = (current: ConsentSnapshot) => {
    element.hidden = current.status !== 'decided';
  };
  render(snapshot.get());
  const unsubscribe = snapshot.subscribe(render);
  return {
    element,
    dispose() {
      unsubscribe();
      element.remove();
    },
  };
}
