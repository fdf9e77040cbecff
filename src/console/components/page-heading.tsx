/**
 * A view's `<h1>`. It also names the browser tab, and takes focus when the
 * view changes, so a screen reader announces where a link led (the way a
 * full page load would).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useNavigated } from './navigation-focus';

export function PageHeading({
  title,
  site,
  children,
}: {
  title: string;
  site?: string;
  children?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const navigated = useNavigated();
  useEffect(() => {
    document.title = site ? `${title} · ${site} · Samtal` : `${title} · Samtal`;
    // Only after a navigation inside the console: on first load focus stays at the top.
    if (navigated) heading.current?.focus();
  }, [title, site, navigated]);
  return (
    <div class="page-heading">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </div>
  );
}
