// The dates of a term in office, as both "Add official" and an office's
// "Add holder" ask for them: from, until (empty while still in office), acting.
import { DateField } from "../../components/DateField";

interface Props {
  start: string;
  end: string;
  acting: boolean;
  onStart: (date: string) => void;
  /** `unfinished`: what is typed in "Until" is not (yet) a date, so it must not be read as "still in office". */
  onEnd: (date: string, unfinished: boolean) => void;
  onActing: (acting: boolean) => void;
  /** The refusal for a field ("start_on", "end_on"), if any. */
  errorFor?: (field: string) => string | null;
}

export function TermFields({ start, end, acting, onStart, onEnd, onActing, errorFor }: Props) {
  return (
    <>
      <div className="grid2">
        <DateField label="From" name="start_on" value={start} error={errorFor?.("start_on")} onChange={(d) => onStart(d)} />
        <DateField
          label="Until (empty: still in office)"
          name="end_on"
          value={end}
          placeholder="Still in office"
          error={errorFor?.("end_on")}
          onChange={(d, typed) => onEnd(d, typed === "partial" || typed === "wrong")}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={acting} onChange={(e) => onActing(e.target.checked)} />
        Acting
      </label>
    </>
  );
}
