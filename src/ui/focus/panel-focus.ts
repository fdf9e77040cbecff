/**
 * Where keyboard focus goes when the panel opens, changes view or closes:
 * the one place that decides it (WCAG 2.4.3, focus order). The panel calls
 * `focusPanel` after it opens or switches view and `returnFocusToLauncher`
 * when it closes, and the consent banner docked in the panel calls
 * `focusPanel` when a decision removes it. Only lazy chunks import this
 * file, so it adds nothing to what every page loads.
 */
import { focusableElements } from './focusable-elements';

/**
 * The control that should hold focus in the open panel: the message box; in
 * a view other than the chat, its back button (the way out); without either
 * (no chat endpoint), the first control of the view, then of the panel.
 */
export function panelFocusTarget(panel: Element): HTMLElement | null {
  const preferred =
    panel.querySelector<HTMLElement>('[part="message-input"]') ??
    panel.querySelector<HTMLElement>('[data-panel-back]');
  if (preferred) return preferred;
  const body = panel.querySelector('[data-panel-body]');
  return (body && focusableElements(body)[0]) ?? focusableElements(panel)[0] ?? null;
}

/** Moves focus into the open panel; returns false when there is no panel to focus. */
export function focusPanel(root: ShadowRoot): boolean {
  const panel = root.querySelector('[part="panel"]');
  const target = panel && panelFocusTarget(panel);
  if (!target) return false;
  target.focus();
  return true;
}

/**
 * After the panel closed: focus goes back to the launcher when it was inside
 * the widget, so a keyboard user is never left on a removed element. Focus on
 * the host page (the site called `Samtal.close()`) is left where it is.
 */
export function returnFocusToLauncher(root: ShadowRoot, hadFocus: boolean): void {
  if (hadFocus) root.querySelector<HTMLElement>('[part="launcher"]')?.focus();
}
