import { useState } from 'react';

/**
 * A button that puts `text` on the clipboard, and says "copied" beside it in a live region (a
 * screen reader hears it; nothing moves). A refused clipboard says nothing rather than "copied".
 */
export function CopyButton({ text, label, copiedLabel }: { text: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {label}
      </button>{' '}
      <span aria-live="polite">{copied ? copiedLabel : ''}</span>
    </>
  );
}
