import { useEffect, useRef, type ReactNode } from "react";

/**
 * The chosen row's details, beside its list on a wide window (above it on a
 * narrow one). When it opens it is scrolled into view and takes the focus,
 * so a click on a row visibly does something and the keyboard is there.
 * Key it by what it shows, so each choice opens it afresh.
 */
export function DetailPane({ children }: { children: ReactNode }) {
  const pane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    el.scrollIntoView({ block: "nearest" });
    el.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={pane} className="detail" tabIndex={-1}>
      {children}
    </div>
  );
}
