/** Copies a text to the clipboard and says so in the live region. */
import { useAnnounce } from './announcer';

export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const announce = useAnnounce();
  return (
    <button
      type="button"
      class="button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          announce(done);
        } catch {
          // Clipboard refused (permissions, insecure context): the text stays selectable on the page.
        }
      }}
    >
      {label}
    </button>
  );
}
