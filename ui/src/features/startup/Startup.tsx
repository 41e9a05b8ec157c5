// Start-up: before the app shows, Rust says whether the record opened. If it
// did not, a full-window screen says why and offers the ways out: open another
// file, create a new record, or restore one of the record's backups; for a
// team record its server could not be reached (or the settings saved for it
// cannot be read), try again, use this computer's own record, or sign in
// again. Once one works, every query starts afresh and the app shows.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { errorText } from "../../ipc";
import { ErrorNote, readable } from "../../components/common";
import { startupQuery } from "../../queries";
import { OWN_RECORD_TOAST, TeamSignInForm, parseTeamPlace } from "../settings/TeamRecord";
import { useWindowToast } from "../../components/Toast";

/** `children` once the record is open; the failure screen if it could not be. */
export function StartupGate({ children }: { children: ReactNode }) {
  const startup = useQuery(startupQuery);
  if (startup.isError) {
    return <StartupFailed message={errorText(startup.error)} dbPath={null} backups={[]} />;
  }
  if (!startup.data) return <p className="empty">Opening the record…</p>;
  if (startup.data.state === "failed") {
    const { message, db_path, backups, team } = startup.data;
    if (team) return <TeamUnreachable message={message} team={team} />;
    return <StartupFailed message={message} dbPath={db_path} backups={backups} />;
  }
  return <>{children}</>;
}

type Way = { kind: "choose" } | { kind: "create" } | { kind: "restore"; backup: string };

const FAILED: Record<Way["kind"], string> = {
  choose: "That file could not be opened",
  create: "The new record could not be made",
  restore: "The backup could not be restored",
};

/** The last part of a path ("amicus-2025-03-01.db"). */
function fileName(path: string): string {
  return path.split(/[/\\]/).pop() || path;
}

function StartupFailed({ message, dbPath, backups }: { message: string; dbPath: string | null; backups: string[] }) {
  const client = useQueryClient();
  const open = useMutation({
    mutationFn: async (way: Way): Promise<boolean> => {
      if (way.kind === "restore") {
        await ipc.recordRestore(way.backup);
        return true;
      }
      const path = way.kind === "choose" ? await ipc.chooseDatabase() : await ipc.chooseNewDatabase();
      if (!path) return false;
      // A path that does not exist yet is created.
      await ipc.recordOpen(path);
      return true;
    },
    // Everything asked before (the letters start-up prefetched, the clock)
    // failed or belongs to the old record: start again, from start-up.
    onSuccess: (opened) => (opened ? client.resetQueries() : undefined),
  });
  return (
    <main className="startup" aria-labelledby="startup-title">
      <h1 id="startup-title">Amicus could not open its record</h1>
      <p className="error">{readable(message)}</p>
      {dbPath && (
        <p>
          Record: <code>{dbPath}</code>
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={open.isPending} onClick={() => open.mutate({ kind: "choose" })}>
          Choose another file…
        </button>
        <button type="button" disabled={open.isPending} onClick={() => open.mutate({ kind: "create" })}>
          Create a new record…
        </button>
      </div>
      {backups.length > 0 && (
        <>
          <h2>Backups of this record</h2>
          <ul className="backups" aria-label="Backups">
            {backups.map((b) => (
              <li key={b}>
                <button
                  type="button"
                  title={b}
                  disabled={open.isPending}
                  onClick={() => open.mutate({ kind: "restore", backup: b })}
                >
                  Restore {fileName(b)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {open.isPending && (
        <p className="muted" role="status">
          Opening…
        </p>
      )}
      {open.isError && <ErrorNote error={open.error} prefix={FAILED[open.variables.kind]} />}
    </main>
  );
}

type TeamWay = "retry" | "leave";

/**
 * The time of day on this computer's clock ("10:42:05"): when the server was
 * last tried. The organization's clock comes from the record, which is not
 * open here; this is a time on the screen, not a date kept anywhere.
 */
function timeNow(): string {
  return new Intl.DateTimeFormat("en-US", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date());
}

/**
 * The team record (`team`, its place) could not be reached at start, or the
 * settings saved for it (`team` is then that file) cannot be read.
 */
function TeamUnreachable({ message, team }: { message: string; team: string }) {
  // A place is an address (postgres://…); a file is the saved settings.
  const settingsFile = !team.includes("://");
  const client = useQueryClient();
  const [signingIn, setSigningIn] = useState(false);
  // When the server was last tried and did not answer: each try says so anew.
  const [triedAt, setTriedAt] = useState<string | null>(null);
  const tryAgain = useRef<HTMLButtonElement>(null);
  const say = useWindowToast();
  const open = useMutation({
    mutationFn: (way: TeamWay) => (way === "retry" ? ipc.recordRetry() : ipc.teamLeave()),
    // As after opening a file: start again, from start-up; off the team
    // record, saying so over the window that follows.
    onSuccess: (_done, way) => {
      if (way === "leave") say(OWN_RECORD_TOAST, "warning");
      return client.resetQueries();
    },
    onError: (_error, way) => {
      if (way === "retry") setTriedAt(timeNow());
    },
  });
  const retryFailed = open.isError && open.variables === "retry";
  // The button is disabled while it tries, which may take the focus from it:
  // give it back, unless the focus has gone somewhere else meanwhile.
  useEffect(() => {
    const button = tryAgain.current;
    const active = document.activeElement;
    if (retryFailed && button && (active === null || active === document.body || active === button)) button.focus();
  }, [retryFailed, triedAt]);
  const retrying = open.isPending && open.variables === "retry";
  return (
    <main className="startup" aria-labelledby="startup-title">
      <h1 id="startup-title">
        {settingsFile ? "Amicus could not read its team record settings" : "Amicus could not reach the team record"}
      </h1>
      {/* Once a try has failed, its alert says why (the same words, most often): said once, there. */}
      {!retryFailed && <p className="error">{readable(message)}</p>}
      <p>
        {settingsFile ? "Settings file" : "Team record"}: <code>{team}</code>
      </p>
      <div className="actions">
        <button
          ref={tryAgain}
          type="button"
          className="primary"
          disabled={open.isPending}
          onClick={() => open.mutate("retry")}
        >
          {retrying ? "Trying…" : "Try again"}
        </button>
        <button type="button" disabled={open.isPending} onClick={() => open.mutate("leave")}>
          Use this computer's own record
        </button>
        <button
          type="button"
          aria-expanded={signingIn}
          disabled={open.isPending}
          onClick={() => setSigningIn((shown) => !shown)}
        >
          Sign in again…
        </button>
      </div>
      {open.isPending && (
        <p className="muted" role="status">
          {retrying ? "Trying the team record again…" : "Opening…"}
        </p>
      )}
      {open.isError && (
        <ErrorNote
          error={open.error}
          prefix={
            retryFailed ? `Still no answer at ${triedAt ?? timeNow()}` : "This computer's own record could not be opened"
          }
        />
      )}
      {signingIn && (
        <TeamSignInForm
          start={settingsFile ? undefined : parseTeamPlace(team)}
          onConnected={() => void client.resetQueries()}
        />
      )}
    </main>
  );
}
