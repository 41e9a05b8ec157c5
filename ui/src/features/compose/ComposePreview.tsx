// The live preview beside the letter form: laid out by Rust from the unsaved
// form a moment after typing stops; the previous pages stay up meanwhile.
import { isWholeDate } from "./LetterFields";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { NewLetter } from "../../ipc";
import { errorText } from "../../ipc";
import { useSettled } from "../../components/useSettled";
import { keys } from "../../queries";
import { LetterPreview } from "../preview/LetterPreview";

/** The preview of `form` as it settles; `canPreview` once it has a recipient and a template. */
export function useDraftPreview(form: NewLetter) {
  const settled = useSettled(form, 250);
  // A date being typed, or one that is not on the calendar, is never sent
  // (the date field says what is wrong).
  const canPreview = settled.recipients.length > 0 && settled.template !== "" && isWholeDate(settled.date);
  const preview = useQuery({
    queryKey: keys.draftPreviewOf(settled),
    queryFn: () => ipc.draftPreview(settled),
    enabled: canPreview,
    placeholderData: keepPreviousData,
  });
  const waitingFor = settled.recipients.length === 0
    ? "Add a recipient to see the letter."
    : "Enter the letter's date to see the letter.";
  return { preview, canPreview, waitingFor };
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

export function ComposePreview({ preview, canPreview, waitingFor }: ReturnType<typeof useDraftPreview>) {
  return (
    <div className="compose-preview" aria-busy={preview.isFetching}>
      {!canPreview && <p className="empty">{waitingFor}</p>}
      {canPreview && preview.isError && (
        <p className="error" role="alert">
          The letter cannot be laid out yet: {errorText(preview.error)}
        </p>
      )}
      {canPreview && preview.data && preview.data.missing.length > 0 && (
        <p className="empty">Still to fill in before the letter can be laid out: {stillNeeded(preview.data.missing)}.</p>
      )}
      {canPreview && preview.data && preview.data.pages.length > 0 && <LetterPreview pages={preview.data.pages} />}
    </div>
  );
}
