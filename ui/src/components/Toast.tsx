import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

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

/** What a toast says: that an action was done, or done with something to heed. */
export type Tone = "done" | "warning";

/**
 * A toast, announced to screen readers: what an action did. It sits over
 * the foot of the navigation column, where it covers none of a screen's
 * fields or the letter's preview. A warning is styled as one, never as
 * success. `children`: an action on what was done (Open).
 */
export function Toast({
  text,
  tone = "done",
  onDismiss,
  children,
}: {
  text: string | null;
  tone?: Tone;
  onDismiss: () => void;
  children?: ReactNode;
}) {
  return (
    <div role="status" aria-live="polite" className={tone === "warning" ? "toast warn" : "notice toast"}>
      {text && (
        <>
          <span className="toast-text">{text}</span>
          {children && <span className="toast-actions">{children}</span>}
          <button type="button" className="link toast-dismiss" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </>
      )}
    </div>
  );
}

/** Says a toast over the whole window (WindowToast): `say(text, tone)`. */
type Say = (text: string, tone?: Tone) => void;

const SayContext = createContext<Say>(() => undefined);

/**
 * A toast over the whole window, for what outlasts the screen it was done on
 * (the record switched from the start-up screen or from Settings): whatever
 * is below calls useWindowToast() to say one. It stays `ms` (long enough to
 * be seen on the screen that follows), or until dismissed.
 */
export function WindowToast({ children, ms = 30_000 }: { children: ReactNode; ms?: number }) {
  const [said, setSaid] = useState<{ text: string; tone: Tone } | null>(null);
  useEffect(() => {
    if (!said) return;
    const t = setTimeout(() => setSaid(null), ms);
    return () => clearTimeout(t);
  }, [said, ms]);
  const say = useCallback<Say>((text, tone = "done") => setSaid({ text, tone }), []);
  return (
    <SayContext.Provider value={say}>
      {children}
      <Toast text={said?.text ?? null} tone={said?.tone} onDismiss={() => setSaid(null)} />
    </SayContext.Provider>
  );
}

/** Say a toast over the whole window; nothing is said outside a WindowToast. */
export function useWindowToast(): Say {
  return useContext(SayContext);
}
