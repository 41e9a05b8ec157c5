import { useEffect, useState } from "react";

/** A notice that goes away by itself after `ms`; a new one starts the wait again. */
export function useNotice(ms = 10_000): [string | null, (text: string | null) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), ms);
    return () => clearTimeout(t);
  }, [notice, ms]);
  return [notice, setNotice];
}

/** A toast where the eye is, announced to screen readers: what an action did. */
export function Toast({ text, onDismiss }: { text: string | null; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite" className="notice toast">
      {text && (
        <>
          <span>{text}</span>{" "}
          <button type="button" className="link" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
