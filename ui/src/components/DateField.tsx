import { useId, useState, type ReactNode } from "react";
import { DATE_EXAMPLE, dateInWords, parseDate, type ParsedDate } from "./dates";
import { NO_SPELLCHECK } from "./common";

interface Props {
  label: ReactNode;
  /** The date (YYYY-MM-DD), or "" when the field holds none. */
  value: string;
  /**
   * The date the field now holds (YYYY-MM-DD), or "" while it holds none;
   * `typed` tells an empty field from one holding something that is not a
   * date (yet), for a form that must not take the latter for "no date".
   */
  onChange: (iso: string, typed: ParsedDate["kind"]) => void;
  name?: string;
  /** Shown while empty; "Any date" for a filter. */
  placeholder?: string;
  /** A refusal about this date from elsewhere (Rust, the form), shown unless the field has its own. */
  error?: string | null;
  className?: string;
  /**
   * In a filter row: the day in words only when there is something to say
   * (what was typed is not already written 2018-09-24), and no room kept
   * for it under the field. A refusal is always said.
   */
  quiet?: boolean;
}

/**
 * A date typed as people type it ("09242018", "9/24/2018", "2018-09-24"),
 * with the day it was read as in words beside it ("Monday, September 24,
 * 2018") or, for something that is not a date, why ("February 30 isn't a
 * date"). A half-typed date is only questioned once the field is left.
 */
export function DateField({ label, value, onChange, name, placeholder, error, className, quiet }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  const [left, setLeft] = useState(false);
  // A new value from outside (a default arriving, another choice) replaces
  // the text, unless the text already says it or is still being typed.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    const mine = parseDate(text);
    const says = mine.kind === "date" ? mine.iso : "";
    if (says !== value) setText(value);
  }
  const parsed = parseDate(text);
  const own = parsed.kind === "wrong" || (parsed.kind === "partial" && left) ? parsed.message : null;
  const problem = own ?? error ?? null;
  const words = parsed.kind === "date" && !(quiet && text.trim() === parsed.iso) ? dateInWords(parsed.iso) : null;
  return (
    <div className={`date-field${quiet ? " quiet" : ""}${className ? ` ${className}` : ""}`}>
      <label>
        {label}
        <input
          type="text"
          name={name}
          autoComplete="off"
          {...NO_SPELLCHECK}
          value={text}
          placeholder={placeholder ?? DATE_EXAMPLE}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-note`}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            setLeft(false);
            const p = parseDate(next);
            const iso = p.kind === "date" ? p.iso : "";
            if (iso !== value || p.kind !== parsed.kind) onChange(iso, p.kind);
          }}
          onBlur={() => {
            setLeft(true);
            // Once left, a date reads the one way (2018-09-24), its words beside it.
            if (parsed.kind === "date") setText(parsed.iso);
          }}
        />
      </label>
      <p id={`${id}-note`} className={problem ? "error field-error" : "date-words"} aria-live="polite">
        {problem ?? words}
      </p>
    </div>
  );
}
