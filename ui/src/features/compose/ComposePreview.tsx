// The live preview beside the letter form: laid out by Rust from the unsaved
// form as it is typed (one request at a time, the newest edit next; see
// preview/livePreview.ts); the previous pages stay up meanwhile.
import { useState } from "preact/hooks";
import { isWholeDate } from "./LetterFields";
import type { NewLetter } from "../../ipc";
import { errorText } from "../../ipc";
import { LivePages } from "../preview/LivePages";
import { useLivePreview, type SavedLetter } from "../preview/livePreview";

/**
 * The preview of `form` as it is typed; `canPreview` once it has a recipient
 * and a template. `saved`: the saved letter the form shows unchanged,
 * once approved, so its pages lose the draft band (and once signed are
 * drawn with the signature); none for a draft or unsaved changes.
 */
export function useDraftPreview(form: NewLetter, saved: SavedLetter | null = null) {
  // A date being typed, or one that is not on the calendar, is never sent
  // (the date field says what is wrong).
  const canPreview = form.recipients.length > 0 && form.template !== "" && isWholeDate(form.date);
  // Which copy of a letter per recipient is shown (Rust lays out the last
  // when there are fewer).
  const [copy, setCopy] = useState(0);
  const preview = useLivePreview(form, canPreview, saved, form.mode === "per_recipient" ? copy : 0);
  const waitingFor = form.recipients.length === 0
    ? "Add a recipient to see the letter."
    : "Enter the letter's date to see the letter.";
  return { preview, canPreview, waitingFor, setCopy };
}

/** With one copy per recipient: which copy the preview shows, and moving between them. */
function CopyPicker({ greetings, copy, setCopy }: { greetings: string[]; copy: number; setCopy: (c: number) => void }) {
  return (
    <div className="copy-picker" role="group" aria-label="Which copy the preview shows">
      <button type="button" className="small" disabled={copy === 0} onClick={() => setCopy(copy - 1)} aria-label="Previous copy">
        ‹
      </button>
      <label>
        Copy{" "}
        <select value={copy} onChange={(e) => setCopy(Number((e.target as HTMLSelectElement).value))}>
          {greetings.map((g, i) => (
            <option key={i} value={i}>
              {i + 1} of {greetings.length}: {g.replace(/^Dear /, "").replace(/:$/, "")}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small"
        disabled={copy >= greetings.length - 1}
        onClick={() => setCopy(copy + 1)}
        aria-label="Next copy"
      >
        ›
      </button>
    </div>
  );
}

/** Field paths in words ("position.statement" → "the position"). */
const FIELD_WORDS: Record<string, string> = {
  subject: "the subject",
  body: "the body",
  "position.issue": "the issue",
  "position.statement": "the issue's position",
  "signer.title": "the signer's title",
};

function stillNeeded(missing: string[]): string {
  const words = [...new Set(missing.map((m) => FIELD_WORDS[m] ?? m))];
  return words.join(", ");
}

export function ComposePreview({ preview, canPreview, waitingFor, setCopy }: ReturnType<typeof useDraftPreview>) {
  const greetings = preview.data?.greetings ?? [];
  return (
    <div className="compose-preview">
      {canPreview && greetings.length > 1 && preview.data && (
        <CopyPicker greetings={greetings} copy={preview.data.copy} setCopy={setCopy} />
      )}
      {!canPreview && <p className="empty">{waitingFor}</p>}
      {canPreview && preview.isError && (
        <p className="error" role="alert">
          The letter cannot be laid out yet: {errorText(preview.error)}
        </p>
      )}
      {canPreview && preview.data && preview.data.missing.length > 0 && (
        <p className="empty">Still to fill in before the letter can be laid out: {stillNeeded(preview.data.missing)}.</p>
      )}
      {canPreview && preview.data && preview.data.pageCount > 0 && <LivePages store={preview.pages} />}
    </div>
  );
}
