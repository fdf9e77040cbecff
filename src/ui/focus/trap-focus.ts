/**
 * The one focus trap, for the consent preferences dialog and the full-screen
 * panel: a modal dialog keeps Tab and Shift+Tab inside itself (WAI-ARIA APG,
 * dialog pattern). Called from the dialog's own keydown handler, so it adds
 * no listener to the host page.
 */
import { focusableElements } from './focusable-elements';

/**
 * On Tab at the last control (Shift+Tab at the first), or with focus outside
 * `container`, moves focus to the other end and prevents the default move.
 * An event an inner dialog has already handled is left alone.
 */
export function trapFocus(event: KeyboardEvent, container: Element): void {
  if (event.key !== 'Tab' || event.defaultPrevented) return;
  const elements = focusableElements(container);
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (first === undefined || last === undefined) {
    event.preventDefault();
    return;
  }
  const root = container.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  const outside = active === null || !container.contains(active);
  if (event.shiftKey && (outside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (outside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
