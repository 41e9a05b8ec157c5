// Print… (and Ctrl+P): the letter's exact PDFs to a printer of this
// computer, through its print service: which printer, how many of each copy,
// two-sided, the tray; for a letter with several copies, one job each or one
// for them all. Rust prints and records it in the letter's history.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { PrintRequest, Printed } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, fieldError } from "../../components/common";

interface Props {
  letterId: number;
  /** Only this copy (a copy's own Print…). */
  copy?: number | null;
  onClose: () => void;
  onPrinted: (printed: Printed) => void;
}

export function PrintDialog({ letterId, copy = null, onClose, onPrinted }: Props) {
  const printers = useQuery({ queryKey: ["printers"], queryFn: ipc.printersList, staleTime: 30_000 });
  // How many documents the whole letter prints as: Rust counts them (one per
  // addressee for a letter per recipient, one for a joint letter).
  const counted = useQuery({ queryKey: ["letter-print-copies", letterId], queryFn: () => ipc.letterPrintCopies(letterId) });
  const copies = counted.data ?? 1;
  const [chosen, setChosen] = useState<string | null>(null);
  const printer = chosen ?? printers.data?.[0]?.name ?? "";
  const [count, setCount] = useState("1");
  const [twoSided, setTwoSided] = useState(false);
  const [tray, setTray] = useState("");
  const [oneJob, setOneJob] = useState(false);
  const several = copies > 1 && copy === null;
  const request: PrintRequest = {
    letter_id: letterId,
    copy,
    printer: printer || null,
    copies: Number(count),
    two_sided: twoSided,
    tray: tray.trim() || null,
    one_job: several && oneJob,
  };
  const print = useMutation({ mutationFn: (r: PrintRequest) => ipc.letterPrint(r), onSuccess: (p) => onPrinted(p) });
  const none = printers.isSuccess && printers.data.length === 0;
  const countError = fieldError(print.error, "copies");
  const printerError = fieldError(print.error, "printer");
  const title = copy !== null ? `Print copy ${copy}` : "Print";
  return (
    <Dialog title={title} onClose={onClose}>
      <p className="muted">
        The letter exactly as exported, at its own paper size
        {several ? `: ${copies} copies, one for each addressee` : ""}.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          print.mutate(request);
        }}
      >
        {printers.isError && <ErrorNote error={printers.error} prefix="No printers" />}
        {none && <p className="error">This computer has no printer set up: add one in the system&rsquo;s printer settings.</p>}
        <div className="grid2">
          <label>
            Printer
            <select value={printer} onChange={(e) => setChosen(e.target.value)} disabled={!printers.data?.length} aria-invalid={printerError ? true : undefined}>
              {(printers.data ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                  {p.default ? " (default)" : ""}
                </option>
              ))}
            </select>
          </label>
          <label>
            {several ? "Copies of each" : "Copies"}
            <input
              inputMode="numeric"
              value={count}
              aria-invalid={countError ? true : undefined}
              onChange={(e) => setCount(e.target.value.replace(/\D/g, ""))}
            />
          </label>
          <label>
            Paper tray (optional)
            <input value={tray} placeholder="The printer's choice" onChange={(e) => setTray(e.target.value)} />
          </label>
        </div>
        {printerError && <p className="error field-error">{printerError}</p>}
        {countError && <p className="error field-error">{countError}</p>}
        <label className="check">
          <input type="checkbox" checked={twoSided} onChange={(e) => setTwoSided(e.target.checked)} />
          Both sides of the sheet
        </label>
        {several && (
          <label className="check">
            <input type="checkbox" checked={oneJob} onChange={(e) => setOneJob(e.target.checked)} />
            All copies in one print job (one stack), not one job each
          </label>
        )}
        {print.isError && !countError && !printerError && <ErrorNote error={print.error} prefix="Not printed" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={print.isPending || !printer || !count}>
            {print.isPending ? "Printing…" : "Print"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
