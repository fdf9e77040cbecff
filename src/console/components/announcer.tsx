/**
 * One polite live region for the whole console: "Lead marked as handled",
 * "Copied". A message stays visible for a few seconds, then clears.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';

const AnnounceContext = createContext<(message: string) => void>(() => {});

/** Announces `message` to screen readers and shows it in the status bar. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function Announcer({ children }: { children: ComponentChildren }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((next: string) => {
    clearTimeout(timer.current);
    // Clear first, so the same message twice is announced twice.
    setMessage('');
    requestAnimationFrame(() => setMessage(next));
    timer.current = setTimeout(() => setMessage(''), 6000);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div class={message ? 'toast toast--shown' : 'toast'} role="status" aria-live="polite">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}
