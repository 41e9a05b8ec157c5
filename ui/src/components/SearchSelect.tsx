import { useId, useState } from "react";

/** Something a search field can choose. */
export interface Choice {
  id: number;
  label: string;
  /** Said after the label, quieter ("office, U.S. Department of Commerce"). */
  detail?: string;
}

interface Props {
  label: string;
  name?: string;
  /** What is typed (the parent finds the options for it). */
  text: string;
  onText: (text: string) => void;
  /** What matches the text, best first. */
  options: Choice[];
  chosen: Choice | null;
  onChoose: (choice: Choice | null) => void;
  placeholder?: string;
  /** Said under the field when something is typed and nothing matches. */
  noMatch?: string;
  /** A refusal about this choice, shown under the field. */
  error?: string | null;
  /** Shown, not changed (e.g. a setting only administrators may change). */
  disabled?: boolean;
  /** The id of what says more about the field (why it is disabled). */
  describedBy?: string;
}

/**
 * Choose one thing by typing part of its name: the matches show under the
 * field, best first; the arrow keys move through them, Enter takes one,
 * Escape clears. Typing again after a choice starts a new search.
 */
export function SearchSelect(p: Props) {
  const id = useId();
  const [highlight, setHighlight] = useState(0);
  const open = p.chosen === null && p.text.trim() !== "" && p.options.length > 0;
  const current = Math.min(highlight, Math.max(p.options.length - 1, 0));
  const take = (c: Choice) => {
    p.onChoose(c);
    p.onText(c.label);
    setHighlight(0);
  };
  const clear = () => {
    p.onChoose(null);
    p.onText("");
  };
  return (
    <div className="search-select">
      <div className="picker-row">
        <label className="grow">
          {p.label}
          <input
            name={p.name}
            role="combobox"
            autoComplete="off"
            value={p.chosen ? p.chosen.label : p.text}
            placeholder={p.placeholder}
            aria-expanded={open}
            aria-controls={`${id}-options`}
            aria-activedescendant={open ? `${id}-${current}` : undefined}
            aria-invalid={p.error ? true : undefined}
            disabled={p.disabled}
            aria-describedby={p.describedBy}
            onChange={(e) => {
              if (p.chosen) p.onChoose(null);
              p.onText(e.target.value);
              setHighlight(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                const step = e.key === "ArrowDown" ? 1 : -1;
                setHighlight((current + step + p.options.length) % Math.max(p.options.length, 1));
              } else if (e.key === "Enter" && open) {
                e.preventDefault();
                const c = p.options[current];
                if (c) take(c);
              } else if (e.key === "Escape" && (p.text || p.chosen)) {
                e.stopPropagation();
                clear();
              }
            }}
          />
        </label>
        {p.chosen && (
          <button
            type="button"
            className="small"
            aria-label={`Clear ${p.label.toLowerCase()}`}
            disabled={p.disabled}
            aria-describedby={p.describedBy}
            onClick={clear}
          >
            ×
          </button>
        )}
      </div>
      {open && (
        <ul className="suggestions" id={`${id}-options`} role="listbox" aria-label={p.label}>
          {p.options.map((c, i) => (
            <li key={c.id} id={`${id}-${i}`} role="option" aria-selected={i === current}>
              <button type="button" onClick={() => take(c)}>
                {c.label}
                {c.detail && <span className="muted"> — {c.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {p.chosen === null && p.text.trim() !== "" && p.options.length === 0 && p.noMatch && (
        <p className="muted field-note">{p.noMatch}</p>
      )}
      {p.error && <p className="error field-error">{p.error}</p>}
    </div>
  );
}
