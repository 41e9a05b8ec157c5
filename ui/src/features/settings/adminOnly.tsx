// The organization's own settings on a team record: the administrators'.
import { useId, type ReactNode } from "react";
import { useMay } from "../../components/common";

interface AdminOnly {
  /** This session may not change the section (a team record, not an administrator). */
  locked: boolean;
  /** Said at the top of the section when locked. */
  note: ReactNode;
  /** Spread on each of the section's controls: disabled, and described by the note. */
  field: { disabled?: boolean; "aria-describedby"?: string };
  /** Spread on the section's Save button (with its own `disabled`): why it cannot be pressed. */
  explain: { title?: string; "aria-describedby"?: string };
}

/**
 * The organization's letterhead, time zone and mail server (and the
 * four-eyes rule) are set by administrators on a team record: the server
 * refuses anyone else ("permission denied", crates/store/pg/02-roles.sql,
 * amicus_settings_roles), so their forms are shown read-only rather than
 * refused at Save. On this computer's own record everyone may. `what`
 * finishes "Only an administrator may change …" ("the letterhead").
 */
export function useAdminOnly(what: string): AdminOnly {
  const may = useMay();
  const id = useId();
  if (may("admin")) return { locked: false, note: null, field: {}, explain: {} };
  return {
    locked: true,
    note: (
      <p id={id} className="muted admin-only">
        Set by your administrators.
      </p>
    ),
    field: { disabled: true, "aria-describedby": id },
    explain: { title: `Only an administrator may change ${what} on the team record`, "aria-describedby": id },
  };
}
