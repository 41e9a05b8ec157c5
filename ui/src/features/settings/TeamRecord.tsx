// Settings → Team record: which record this window works on (this
// computer's own file, or the organization's team record on its PostgreSQL
// server, and as whom), and the form that signs in to a team record. The
// start-up screen offers the same form when the team record could not be
// reached.
import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { SecretKept, TeamSignIn } from "../../ipc";
import { ErrorNote, fieldError } from "../../components/common";
import { recordSwitched, teamStatusQuery } from "../../queries";
import { useWindowToast } from "../../components/Toast";

type Place = Pick<TeamSignIn, "server" | "database" | "user">;

const BLANK: TeamSignIn = { server: "", database: "amicus", user: "", password: "", ca_file: null, remember: true };

/** A part of an address, as written (undone if percent-encoded). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The server, database and login of a team record's place, as the shell
 * gives it ("postgres://dana@db.example.org:5433/amicus", or without the
 * scheme): what the sign-in form starts with.
 */
export function parseTeamPlace(place: string): Place {
  const [path, query = ""] = place.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split("?");
  const rest = path ?? "";
  // A server on this computer's socket: postgres://dana@/amicus?host=/var/run/postgresql
  const socket = new URLSearchParams(query).get("host");
  const at = rest.indexOf("@");
  const login = at >= 0 ? rest.slice(0, at) : "";
  const where = at >= 0 ? rest.slice(at + 1) : rest;
  const slash = where.indexOf("/");
  return {
    user: decoded(login.split(":")[0] ?? ""),
    server: (slash >= 0 ? where.slice(0, slash) : where) || socket || "",
    database: decoded(slash >= 0 ? where.slice(slash + 1) : "") || BLANK.database,
  };
}

/** A team record's place as the window says it: "dana@db.example.org/amicus". */
export const placeOf = (r: Place) => `${r.user.trim()}@${r.server.trim()}/${r.database.trim()}`;

/** Said once connected: where the window now works, and where the password is kept. */
export function connectedText(request: TeamSignIn, kept: SecretKept): string {
  const password =
    kept === "keychain"
      ? " The password is in the system keychain."
      : " The password is kept only until Amicus closes.";
  return `Now working on the team record ${placeOf(request)}.${password}`;
}

/**
 * Said over the whole window once it works on this computer's own record
 * instead of the team record (from start-up or from here): the screens look
 * the same on either, and a letter drafted here is not the team's.
 */
export const OWN_RECORD_TOAST = "Now working on this computer's own record, not the team record.";

/** The fields whose refusal is said at the field. */
const FIELDS = ["server", "database", "user", "password", "ca_file"] as const;

/**
 * Sign in to a team record. The shell tries the connection first: a refusal
 * is said (at its field when it names one) with everything typed kept, and
 * the record open until then stays open. `onConnected` follows a success:
 * the window's record is then the team record. `onAttempt` is told as each
 * try starts (what was said of an earlier one is out of date).
 */
export function TeamSignInForm({
  start,
  onConnected,
  onAttempt,
}: {
  /** Where to sign in, when known (signing in again to the team record). */
  start?: Partial<Place>;
  onConnected: (kept: SecretKept, request: TeamSignIn) => void;
  onAttempt?: () => void;
}) {
  const titleId = useId();
  const [r, setR] = useState<TeamSignIn>({ ...BLANK, ...start });
  // What to send is passed at the click: the mutation's own options are
  // refreshed only after the next paint, which may be later than the click.
  const connect = useMutation({
    mutationFn: (request: TeamSignIn) => ipc.teamConnect(request),
    onSuccess: (kept, request) => onConnected(kept, request),
  });
  const err = (f: string) => fieldError(connect.error, f);
  const other = connect.isError && !FIELDS.some((f) => err(f));
  const atField = (f: (typeof FIELDS)[number]) => err(f) && <p className="error field-error">{err(f)}</p>;
  return (
    <form
      className="team-sign-in"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        onAttempt?.();
        connect.mutate({ ...r, ca_file: r.ca_file?.trim() ? r.ca_file : null });
      }}
    >
      <h3 id={titleId}>Use a team record</h3>
      <p className="muted">
        The organization's record on its PostgreSQL server, shared by the staff: everyone signs in with their own
        login, and the server allows each what their roles allow. The server is tried first; until it answers, this
        window keeps the record it has.
      </p>
      <div className="grid2">
        <label>
          Server
          <input
            name="server"
            data-testid="team-server"
            value={r.server}
            placeholder="db.example.org"
            autoComplete="off"
            aria-invalid={!!err("server")}
            onChange={(e) => {
              const server = e.target.value;
              setR((r) => ({ ...r, server }));
            }}
          />
        </label>
        <label>
          Database
          <input
            name="database"
            data-testid="team-database"
            value={r.database}
            autoComplete="off"
            aria-invalid={!!err("database")}
            onChange={(e) => {
              const database = e.target.value;
              setR((r) => ({ ...r, database }));
            }}
          />
        </label>
      </div>
      {atField("server")}
      {atField("database")}
      <div className="grid2">
        <label>
          Your login
          <input
            name="user"
            data-testid="team-user"
            value={r.user}
            autoComplete="username"
            aria-invalid={!!err("user")}
            onChange={(e) => {
              const user = e.target.value;
              setR((r) => ({ ...r, user }));
            }}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            data-testid="team-password"
            type="password"
            value={r.password}
            autoComplete="current-password"
            aria-invalid={!!err("password")}
            onChange={(e) => {
              const password = e.target.value;
              setR((r) => ({ ...r, password }));
            }}
          />
        </label>
      </div>
      {atField("user")}
      {atField("password")}
      <div className="picker-row">
        <label className="grow">
          Organization's CA certificate (optional)
          <input
            name="ca_file"
            data-testid="team-ca-file"
            value={r.ca_file ?? ""}
            placeholder="None"
            aria-invalid={!!err("ca_file")}
            onChange={(e) => {
              const ca = e.target.value;
              setR((r) => ({ ...r, ca_file: ca || null }));
            }}
          />
        </label>
        <button
          type="button"
          onClick={async () => {
            const pem = await ipc.choosePem();
            if (pem) setR((r) => ({ ...r, ca_file: pem }));
          }}
        >
          Choose…
        </button>
      </div>
      {atField("ca_file")}
      <label className="check">
        <input
          type="checkbox"
          name="remember"
          data-testid="team-remember"
          checked={r.remember}
          onChange={(e) => {
            const remember = e.target.checked;
            setR((r) => ({ ...r, remember }));
          }}
        />
        Remember the password in this computer's keychain
      </label>
      {other && <ErrorNote error={connect.error} prefix="Not connected" />}
      <div className="actions">
        <button type="submit" className="primary" data-testid="team-connect" disabled={connect.isPending}>
          {connect.isPending ? "Connecting…" : "Connect"}
        </button>
      </div>
    </form>
  );
}

/** Settings → Team record. */
export function TeamRecord() {
  const client = useQueryClient();
  const status = useQuery(teamStatusQuery);
  const say = useWindowToast();
  // Said in the section, which stays while the record switches under it;
  // only the latest try's outcome: a new try takes it down.
  const [notice, setNotice] = useState<string | null>(null);
  // Once connected, the form the focus was in goes (its Connect button
  // first disabled, then gone) and the section is laid out anew: the focus
  // goes to the notice, kept in view until the team record's status is in.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const reveal = useRef(false);
  const leave = useMutation({
    mutationFn: () => ipc.teamLeave(),
    onMutate: () => {
      reveal.current = false;
      setNotice(null);
    },
    onSuccess: () => {
      setNotice("Now working on this computer's own record.");
      say(OWN_RECORD_TOAST, "warning");
      void recordSwitched(client);
    },
  });
  const s = status.data;
  const session = s?.session;
  const onTeam = !!s?.team;
  useEffect(() => {
    const el = noticeRef.current;
    if (!reveal.current || !el) return;
    el.scrollIntoView({ block: "nearest" });
    const active = document.activeElement;
    if (active === null || active === document.body || sectionRef.current?.contains(active)) {
      el.focus({ preventScroll: true });
    }
    if (onTeam) reveal.current = false;
  }, [notice, onTeam]);
  return (
    <section ref={sectionRef} className="panel" aria-labelledby="team-title" data-testid="team-record">
      <h2 id="team-title">Team record</h2>
      {status.isError && <ErrorNote error={status.error} />}
      {s && s.team === null && (
        <>
          <p>
            This computer's own record: <code>{s.file ?? "in memory"}</code>
          </p>
          <TeamSignInForm
            onAttempt={() => {
              reveal.current = false;
              setNotice(null);
            }}
            onConnected={(kept, request) => {
              reveal.current = true;
              setNotice(connectedText(request, kept));
              void recordSwitched(client);
            }}
          />
        </>
      )}
      {s && s.team !== null && session && (
        <>
          <p data-testid="team-session">
            Team record: <code>{s.team}</code>. You are {session.user ?? "signed in"} (
            {session.roles.length > 0 ? session.roles.join(", ") : "no role yet"}).
          </p>
          <div className="actions">
            <button type="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
              Use this computer's own record instead
            </button>
          </div>
          {leave.isError && <ErrorNote error={leave.error} prefix="Still on the team record" />}
        </>
      )}
      <div role="status" aria-live="polite">
        {notice && (
          <p ref={noticeRef} className="notice" tabIndex={-1} data-testid="team-notice">
            {notice}
          </p>
        )}
      </div>
    </section>
  );
}
