/**
 * Whether the console has navigated since it loaded. On the first view focus
 * stays where the browser put it; after a navigation the new view's heading
 * takes it (WCAG 2.4.3, focus order), as a full page load would.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';

export const NavigatedContext = createContext(false);

/** True once `location` has changed from the one the console started on. */
export function useHasNavigated(location: string): boolean {
  const first = useRef(location);
  const [navigated, setNavigated] = useState(false);
  useEffect(() => {
    if (location !== first.current) setNavigated(true);
  }, [location]);
  return navigated;
}

export function useNavigated(): boolean {
  return useContext(NavigatedContext);
}
