// A letter on paper: its copies' envelopes or a sheet of address labels,
// as a PDF to print (the return address from the letterhead, each
// addressee as the letter addresses them on its date).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { PaperChoice } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote } from "../../components/common";

const NO10: PaperChoice = { kind: "envelopes", name: "10" };
const CHOICES: { choice: PaperChoice; label: string }[] = [
  { choice: NO10, label: "Envelopes, US No. 10 (4⅛ × 9½ in)" },
  { choice: { kind: "envelopes", name: "dl" }, label: "Envelopes, DL (110 × 220 mm)" },
  { choice: { kind: "envelopes", name: "c5" }, label: "Envelopes, C5 (162 × 229 mm)" },
  { choice: { kind: "labels", name: "5160" }, label: "Labels, Avery 5160 (30 a US Letter sheet)" },
  { choice: { kind: "labels", name: "l7160" }, label: "Labels, Avery L7160 (21 an A4 sheet)" },
];

interface Props {
  letterId: number;
  onClose: () => void;
  /** The PDF was written: where, and how many envelopes or labels it holds. */
  onWritten: (path: string, count: number, kind: PaperChoice["kind"]) => void;
}

export function PaperDialog({ letterId, onClose, onWritten }: Props) {
  const [picked, setPicked] = useState(0);
  const choice = CHOICES[picked]?.choice ?? NO10;
  const run = useMutation({
    mutationFn: async () => {
      const what = choice.kind === "envelopes" ? "Envelopes" : "Labels";
      const path = await ipc.chooseSavePath(`${what} for letter ${letterId}.pdf`, { name: "PDF", extensions: ["pdf"] });
      if (!path) return null;
      return { path, count: await ipc.letterPaperExport(letterId, choice, path) };
    },
    onSuccess: (written) => {
      if (written) onWritten(written.path, written.count, choice.kind);
    },
  });
  return (
    <Dialog title="Envelopes and labels" onClose={onClose}>
      <p className="muted">
        One for each addressee, in the letter&rsquo;s order, addressed as the letter addresses them, with your return
        address on the envelopes. Print the PDF on the envelopes or the label sheet.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <fieldset>
          <legend>Print on</legend>
          {CHOICES.map((c, i) => (
            <label className="check" key={`${c.choice.kind}-${c.choice.name}`}>
              <input type="radio" name="paper" checked={picked === i} onChange={() => setPicked(i)} />
              {c.label}
            </label>
          ))}
        </fieldset>
        {run.isError && <ErrorNote error={run.error} prefix="Not written" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={run.isPending}>
            {run.isPending ? "Writing…" : "Save PDF…"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
