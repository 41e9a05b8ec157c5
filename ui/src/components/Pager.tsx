// A long list shown a page at a time: "Showing 201–400 of 586", with the
// pages before and after a click away (issue 30: lists used to stop at 200).

/** How many rows a list shows at a time (the officials list's page in Rust too). */
export const PAGE = 200;

export function Pager({
  offset,
  shown,
  total,
  onOffset,
  what,
}: {
  /** The first row shown, from 0. */
  offset: number;
  /** How many rows are shown. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  /** What the rows are ("officials"), for the buttons' names. */
  what: string;
}) {
  if (total <= PAGE && offset === 0) return null;
  const n = (x: number) => x.toLocaleString("en-US");
  const last = offset + shown;
  const rest = Math.max(total - last, 0);
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <p className="muted" role="status">
        Showing {shown === 0 ? "none" : `${n(offset + 1)}–${n(last)}`} of {n(total)}
      </p>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
        Previous {PAGE}
      </button>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + PAGE)}>
        {rest > 0 ? `Next ${Math.min(PAGE, rest)}` : "Next"}
      </button>
    </nav>
  );
}
