import { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "./ipc";
import { clockQuery, keys, teamStatusQuery } from "./queries";
import type { SearchHit, TeamRole } from "./ipc";
import { LettersList } from "./features/letters/LettersList";
import type { ComposeHandle } from "./features/compose/Compose";
import { DeletedToast, type DraftRef } from "./features/letters/DeleteDraft";

// The letters list is what start-up shows; the other screens load when first opened.
const Compose = lazy(() => import("./features/compose/Compose").then((m) => ({ default: m.Compose })));
const SentLog = lazy(() => import("./features/log/SentLog").then((m) => ({ default: m.SentLog })));
const Officials = lazy(() => import("./features/officials/Officials").then((m) => ({ default: m.Officials })));
const Positions = lazy(() => import("./features/positions/Positions").then((m) => ({ default: m.Positions })));
const Templates = lazy(() => import("./features/templates/Templates").then((m) => ({ default: m.Templates })));
const DeletedLetters = lazy(() =>
  import("./features/letters/DeletedLetters").then((m) => ({ default: m.DeletedLetters })),
);
const Settings = lazy(() => import("./features/settings/Settings").then((m) => ({ default: m.Settings })));
import { Dialog } from "./components/Dialog";
import { longDatesIn } from "./components/dates";
import { ConnectionBanner } from "./components/ConnectionBanner";

type View =
  | { name: "letters" }
  /** Letters, Deleted letters: the deleted drafts, with Restore. */
  | { name: "deleted" }
  /** `copyOf`: a new letter copied from that one. */
  | { name: "compose"; id: number | null; seq: number; copyOf?: number }
  /** `group`: the log of the letters sent to that group (a committee hit); `seq` opens it afresh. */
  | { name: "log"; group?: string; seq?: number }
  /** `seq` opens the screen afresh at the person or office chosen (a search hit). */
  | { name: "officials"; person?: number; office?: number; seq?: number }
  | { name: "positions"; issue?: number; seq?: number }
  | { name: "templates" }
  | { name: "settings" };

const NAV: [View["name"], string][] = [
  ["letters", "Letters"],
  ["log", "Sent log"],
  ["officials", "Officials"],
  ["positions", "Positions"],
  ["templates", "Templates"],
  ["settings", "Settings"],
];

let readyReported = false;


/** A hit's snippet with the match (in [brackets] from Rust) marked, and its dates written out. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[([^\]]*)\]/).map(longDatesIn);
  return (
    <span className="snippet">
      {parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}
    </span>
  );
}

function GlobalSearch({
  inputRef,
  onHit,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  /** Go to what the hit is: the letter, the person, the office, the issue's positions. */
  onHit: (hit: SearchHit) => void;
}) {
  const [text, setText] = useState("");
  // The hit the arrow keys are on (Enter goes there); a new search starts at the first.
  const [active, setActive] = useState(0);
  const hits = useQuery({
    queryKey: keys.searchFor(text.trim()),
    queryFn: () => ipc.search(text.trim()),
    enabled: text.trim().length >= 2,
  });
  return (
    <div className="global-search" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search everything"
        placeholder="Search letters, officials, positions (Ctrl+F)"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") setText("");
          const shown = Math.min(hits.data?.length ?? 0, 12);
          if ((e.key === "ArrowDown" || e.key === "ArrowUp") && shown > 0) {
            e.preventDefault();
            setActive((a) => Math.max(0, Math.min(shown - 1, a + (e.key === "ArrowDown" ? 1 : -1))));
          }
          // Enter goes to the hit the arrows are on (the first), as a click on it would.
          const chosen = hits.data?.[Math.min(active, shown - 1)];
          if (e.key === "Enter" && chosen && text.trim().length >= 2) {
            e.preventDefault();
            setText("");
            onHit(chosen);
          }
        }}
      />
      {text.trim().length >= 2 && hits.data && (
        <ul className="search-results" aria-label="Search results">
          {hits.data.length === 0 && <li className="muted">Nothing found.</li>}
          {hits.data.slice(0, 12).map((h, i) => (
            <li key={`${h.kind}-${h.id}`} className={i === active ? "active" : undefined} aria-current={i === active ? "true" : undefined}>
              <button
                type="button"
                onClick={() => {
                  setText("");
                  onHit(h);
                }}
              >
                {/* The kind in a column of its own: a long title wraps under itself, not under the kind. */}
                <span className="kind">{h.kind}</span>{" "}
                <span className="hit">
                  <span className="title">{h.title}</span>
                  {/* What the hit is (a person's office and years), as Rust says it. */}
                  {h.detail && <span className="detail"> — {h.detail}</span>}
                  {h.snippet && h.snippet.replace(/[[\]]/g, "") !== h.title && <Snippet text={h.snippet} />}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Whose session it is, on a team record: "dana · drafter, approver", the
 * record's place on hover. Nothing on this computer's own record.
 */
function SessionBadge() {
  const status = useQuery(teamStatusQuery).data;
  if (!status?.team) return null;
  // Approvers, signers and administrators draft too: say what sets them apart.
  const user = status.session.user ?? "";
  return (
    <span
      className="session-badge"
      role="note"
      aria-label={`Signed in as ${user}`}
      title={status.team}
      data-testid="session-badge"
    >
      {user} · {headRoles(status.session.roles).join(", ")}
    </span>
  );
}

export function App() {
  // Keeps the organization's today current (it turns over at midnight in its time zone).
  useQuery({ ...clockQuery, refetchInterval: 60_000 });
  const [view, setView] = useState<View>({ name: "letters" });
  // Each screen opens at its top, whatever was scrolled on the one before.
  const content = useRef<HTMLElement>(null);
  const viewSeq = "seq" in view ? view.seq : undefined;
  useLayoutEffect(() => {
    content.current?.scrollTo?.({ top: 0 });
  }, [view.name, viewSeq]);
  const [leaving, setLeaving] = useState<View | null>(null);
  // The draft just deleted, while its undo is offered.
  const [deleted, setDeleted] = useState<DraftRef | null>(null);
  const undoOver = useCallback(() => setDeleted(null), []);
  // Restored some other way (Deleted letters, the letter's own Restore): its undo is over.
  const restoredElsewhere = useCallback((id: number) => setDeleted((d) => (d?.id === id ? null : d)), []);
  const compose = useRef<ComposeHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const go = useCallback(
    (next: View) => {
      if (view.name === "compose" && compose.current?.dirty()) setLeaving(next);
      else setView(next);
    },
    [view.name],
  );
  const newLetter = useCallback(() => go({ name: "compose", id: null, seq: Date.now() }), [go]);
  const openLetter = useCallback((id: number) => go({ name: "compose", id, seq: Date.now() }), [go]);
  const copyLetter = useCallback((id: number) => go({ name: "compose", id: null, copyOf: id, seq: Date.now() }), [go]);
  const openHit = useCallback(
    (h: SearchHit) => {
      const seq = Date.now();
      if (h.kind === "letter") openLetter(h.id);
      else if (h.kind === "person") go({ name: "officials", person: h.id, seq });
      else if (h.kind === "office") go({ name: "officials", office: h.id, seq });
      // A position hit is the issue (one hit per issue): its id is the issue's.
      else if (h.kind === "position") go({ name: "positions", issue: h.id, seq });
      // A committee hit: the letters sent to it (its name is the group's label).
      else if (h.kind === "committee") go({ name: "log", group: h.title, seq });
    },
    [go, openLetter],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "n") {
        e.preventDefault();
        newLetter();
      } else if (key === "f") {
        e.preventDefault();
        // What was searched before is selected: typing replaces it.
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (key === "e" && view.name === "compose") {
        e.preventDefault();
        compose.current?.exportPdf();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [newLetter, view.name]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (compose.current?.dirty()) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const onShown = useCallback(() => {
    if (readyReported) return;
    readyReported = true;
    if (__TEST_HOOKS__) performance.mark("list committed");
    // Interactive once the list is painted.
    requestAnimationFrame(() => void ipc.appReady().catch(() => undefined));
  }, []);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Amicus</div>
        <button type="button" className="primary new" onClick={newLetter} title="Ctrl+N">
          New letter
        </button>
        <ul>
          {NAV.map(([name, label]) => (
            <li key={name}>
              <button
                type="button"
                aria-current={view.name === name || (view.name === "deleted" && name === "letters") ? "page" : undefined}
                onClick={() => go({ name } as View)}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar">
          <GlobalSearch inputRef={searchBox} onHit={openHit} />
          <SessionBadge />
        </header>
        <ConnectionBanner />
        <main className="content" ref={content}>
          <Suspense fallback={<p className="empty">Opening…</p>}>
          {view.name === "letters" && (
            <LettersList
              onOpen={openLetter}
              onNew={newLetter}
              onShowDeleted={() => go({ name: "deleted" })}
              onShown={onShown}
            />
          )}
          {view.name === "deleted" && (
            <DeletedLetters onOpen={openLetter} onBack={() => go({ name: "letters" })} onRestored={restoredElsewhere} />
          )}
          {view.name === "compose" && (
            <Compose
              key={view.seq}
              letterId={view.id}
              copyOf={view.copyOf ?? null}
              handle={compose}
              onSaved={(id) => setView({ name: "compose", id, seq: view.seq })}
              onCopy={copyLetter}
              onRestored={restoredElsewhere}
              onDeleted={(draft) => {
                // Deleted: off to the letters, with the undo offered there.
                setView({ name: "letters" });
                setDeleted(draft);
              }}
            />
          )}
          {view.name === "log" && <SentLog key={view.seq} onOpen={openLetter} group={view.group} />}
          {view.name === "officials" && (
            <Officials key={view.seq} person={view.person ?? null} office={view.office ?? null} />
          )}
          {view.name === "positions" && <Positions key={view.seq} onOpen={openLetter} issue={view.issue ?? null} />}
          {view.name === "templates" && <Templates />}
          {view.name === "settings" && <Settings />}
          </Suspense>
        </main>
      </div>
      <DeletedToast draft={deleted} onDone={undoOver} onRestored={(d) => openLetter(d.id)} />
      {leaving && (
        <Dialog title="Discard unsaved changes?" onClose={() => setLeaving(null)}>
          <p>This letter has changes that are not saved.</p>
          <div className="actions">
            <button type="button" onClick={() => setLeaving(null)}>
              Keep editing
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setView(leaving);
                setLeaving(null);
              }}
            >
              Discard changes
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** The roles worth naming: "approver" rather than "drafter, approver"; "admin" alone. */
function headRoles(roles: TeamRole[]): TeamRole[] {
  if (roles.includes("admin")) return ["admin"];
  return roles.length > 1 ? roles.filter((r) => r !== "drafter") : roles;
}
