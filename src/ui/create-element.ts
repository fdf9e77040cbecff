/**
 * A tiny DOM builder for the parts every page loads (launcher, banner). They
 * are written without Preact on purpose: Preact with hooks is ~6 KB gzip and
 * zod/mini ~6 KB, and what loads before any interaction must stay under
 * 12 KB. Text goes in as text nodes only; there is no way to pass HTML.
 */

/** Attributes, `on…` listeners (functions) and properties to set. */
export type ElementProps = Record<
  string,
  string | number | boolean | null | undefined | ((event: Event) => void)
>;

/** A child: an element, or a string inserted as a text node. */
export type Child = Node | string | null | undefined | false;

export function createElement<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  setProps(element, props);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Sets attributes and listeners; `false`, null and undefined remove an attribute. */
export function setProps(element: Element, props: ElementProps): void {
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === false || value === null || value === undefined) {
      element.removeAttribute(name);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 icon from one path. */
export function createIcon(path: string): SVGSVGElement {
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(svgNamespace, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

/** Icon paths used by more than one part. */
export const icons = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8.4L4.6 21.2A1 1 0 0 1 3 20.4V6a2 2 0 0 1 1-2zm3 5a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 9zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 12 9zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 17 9z',
  close:
    'M18.3 5.71a1 1 0 0 0-1.41 0L12 10.59 7.11 5.7A1 1 0 0 0 5.7 7.11L10.59 12 5.7 16.89a1 1 0 1 0 1.41 1.41L12 13.41l4.89 4.89a1 1 0 0 0 1.41-1.41L13.41 12l4.89-4.89a1 1 0 0 0 0-1.4z',
} as const;
