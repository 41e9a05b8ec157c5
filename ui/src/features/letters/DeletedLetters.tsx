// Letters, Deleted letters: the drafts deleted, the latest first, each with
// when (and on a team record by whom) and Restore, which brings it back as
// it was. The list follows the record (a colleague's deletion or restore
// arrives as a `record-changed` event, queries.ts).
import { useEffect, useState } from "react";
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { LetterSummary } from "../../ipc";
import { ErrorNote, dayIn, longDate, useClock } from "../../components/common";
import { Toast } from "../../components/Toast";
import { keys } from "../../queries";
import { letterName } from "./DeleteDraft";

export const deletedLettersQuery = queryOptions({
  queryKey: keys.deletedLetters,
  queryFn: ipc.lettersDeleted,
});

export function DeletedLetters({
  onOpen,
  onBack,
  onRestored,
}: {
  onOpen: (id: number) => void;
  onBack: () => void;
  /** A draft was restored: an undo still offered for its deletion is over. */
  onRestored?: (id: number) => void;
}) {
  const deleted = useQuery(deletedLettersQuery);
  const timeZone = useClock()?.time_zone;
  const [restored, setRestored] = useState<LetterSummary | null>(null);
  const restore = useMutation({
    mutationFn: (l: LetterSummary) => ipc.letterRestore(l.id),
    onSuccess: (_, l) => {
      setRestored(l);
      onRestored?.(l.id);
    },
  });
  // The news goes away by itself after a while.
  useEffect(() => {
    if (!restored) return;
    const t = setTimeout(() => setRestored(null), 10_000);
    return () => clearTimeout(t);
  }, [restored]);
  const rows = (deleted.data ?? []).filter((l) => !(restore.isSuccess && restore.variables?.id === l.id));
  return (
    <section className="screen" aria-labelledby="deleted-title">
      <header className="screen-head">
        <h1 id="deleted-title">Deleted letters</h1>
        <button type="button" onClick={onBack}>
          Back to letters
        </button>
      </header>
      <p className="muted">
        Deleted drafts are kept, out of the letters list, the search and the sent log. Restore brings one
        back as it was.
      </p>
      {deleted.isPending && <p className="empty">Loading…</p>}
      {deleted.isError && <ErrorNote error={deleted.error} prefix="The deleted letters could not be loaded" />}
      {deleted.data && rows.length === 0 && <p className="empty">No deleted drafts.</p>}
      {restore.isError && <ErrorNote error={restore.error} prefix="Not restored" />}
      {rows.length > 0 && (
        <table className="table" aria-label="Deleted letters">
          <thead>
            <tr>
              <th scope="col" className="num">
                <span aria-hidden="true">No.</span>
                <span className="visually-hidden">Letter number</span>
              </th>
              <th scope="col">Date</th>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Deleted</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id}>
                <td className="num">{l.id}</td>
                <td className="nowrap">{longDate(l.date)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(l.id)}>
                    {l.subject || "(no subject)"}
                  </button>
                </td>
                <td title={l.addressed_to.length < l.recipients.length ? l.recipients.join("; ") : undefined}>{l.addressed_to.join("; ")}</td>
                <td className="nowrap">
                  {l.deleted_at ? longDate(dayIn(l.deleted_at, timeZone)) : "—"}
                  {l.deleted_by && ` by ${l.deleted_by}`}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Restore letter ${l.id}`}
                    disabled={restore.isPending}
                    onClick={() => restore.mutate(l)}
                  >
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Toast text={restored ? `${letterName(restored)} restored.` : null} onDismiss={() => setRestored(null)}>
        {restored && (
          <button type="button" className="link" onClick={() => onOpen(restored.id)}>
            Open
          </button>
        )}
      </Toast>
    </section>
  );
}
