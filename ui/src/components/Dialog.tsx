import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { ErrorNote } from "./common";
import { DateField } from "./DateField";
import { DATE_EXAMPLE } from "./dates";

/** Said at a date field left empty that needs a date. */
export const NO_DATE = `Enter the date: the month, day and year, e.g. ${DATE_EXAMPLE}.`;

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** For a longer form (it scrolls inside the window). */
  wide?: boolean;
}

/** How many dialogs are open (one may open another), and the page's own overflow before the first. */
let held = 0;
let pageOverflow = { html: "", body: "" };

/**
 * Hold the page behind the open dialogs still: no scrolling, and no
 * scrollbar of its columns painted through the backdrop (styles.css, under
 * "dialogs", for the columns). Given back as it was when the last one goes,
 * however it goes (closed, or taken off with what opened it).
 */
function holdPage(): () => void {
  const { documentElement: html, body } = document;
  if (held++ === 0) {
    pageOverflow = { html: html.style.overflow, body: body.style.overflow };
    html.style.overflow = "hidden";
    body.style.overflow = "hidden";
    html.classList.add("dialog-open");
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--held === 0) {
      html.style.overflow = pageOverflow.html;
      body.style.overflow = pageOverflow.body;
      html.classList.remove("dialog-open");
    }
  };
}

/**
 * A modal dialog: labelled by its title, focus moves into it and returns
 * where it was on close, Escape closes it, Tab stays inside. It is put at
 * the end of the page, above everything: inside a scrolling column (the
 * letter form) WebKitGTK painted the column's scrollbar through it. The
 * page behind holds still while it is open; a dialog taller than the
 * window scrolls its body, its title and its buttons staying in view.
 */
export function Dialog({ title, onClose, children, wide }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useLayoutEffect(holdPage, []);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>("input, select, textarea, button");
    first?.focus();
    return () => before?.focus();
  }, []);
  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    } else if (e.key === "Tab" && box.current) {
      const items = box.current.querySelectorAll<HTMLElement>(
        "input, select, textarea, button:not(:disabled)",
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  }
  return createPortal(
    <div className="backdrop">
      <div
        ref={box}
        className={wide ? "dialog wide" : "dialog"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}

interface DateProps {
  title: string;
  /** A sentence saying what the action does, shown above the date. */
  note?: string;
  label: string;
  action: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onClose: () => void;
  pending: boolean;
  /** The refusal to show, with what it prefixes ("Not retired"). */
  error: unknown;
  errorPrefix: string;
}

/** A dialog asking for one date before an action (retire, end a term). */
export function DateDialog(p: DateProps) {
  // Asked for with no date in the field: say so there rather than send nothing.
  const [noDate, setNoDate] = useState(false);
  return (
    <Dialog title={p.title} onClose={p.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!p.value) setNoDate(true);
          else p.onSubmit();
        }}
      >
        {p.note && <p className="muted">{p.note}</p>}
        <DateField
          label={p.label}
          value={p.value}
          error={noDate && !p.value ? NO_DATE : null}
          onChange={(d) => p.onChange(d)}
        />
        {p.error != null && <ErrorNote error={p.error} prefix={p.errorPrefix} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={p.pending}>
            {p.action}
          </button>
          <button type="button" onClick={p.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
