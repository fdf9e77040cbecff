/**
 * The controls inside a container that Tab can reach, in document order.
 * Used by the focus trap and by the panel's focus rules, so both agree on
 * what counts as a control.
 */

const focusableSelector =
  'button:not([disabled]), textarea:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Enabled, tabbable controls in `container` that are not inside a `hidden` or `inert` subtree. */
export function focusableElements(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(focusableSelector)].filter(
    (element) => element.closest('[hidden], [inert]') === null,
  );
}
