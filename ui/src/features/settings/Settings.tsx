import { useMemo, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { FileMargins, Letterhead, LetterheadFileView } from "../../ipc";
import { ErrorNote, fieldError, useToday } from "../../components/common";
import { SearchSelect, type Choice } from "../../components/SearchSelect";
import { catalogQuery, keys, teamStatusQuery } from "../../queries";
import { Dialog } from "../../components/Dialog";
import { MailForm } from "./MailForm";
import { TeamRecord } from "./TeamRecord";
import { useAdminOnly } from "./adminOnly";

const SIDES = [
  ["top", "Top"],
  ["right", "Right"],
  ["bottom", "Bottom"],
  ["left", "Left"],
] as const;

/** The page as the margins leave it: the letterhead file beneath, the letter's text in the frame. */
export function MarginsDiagram({ file }: { file: LetterheadFileView }) {
  const [w, h] = file.paper === "a4" ? [595.28, 841.89] : [612, 792];
  const m = file.margins;
  const textW = Math.max(0, w - m.left - m.right);
  const textH = Math.max(0, h - m.top - m.bottom);
  const inches = (pt: number) => `${Math.round((pt / 72) * 100) / 100} in`;
  return (
    <svg
      className="margins-diagram"
      viewBox={`0 0 ${w} ${h}`}
      width={w / 4}
      height={h / 4}
      role="img"
      aria-label={`The letter's text area: ${inches(textW)} wide and ${inches(textH)} tall, ${inches(m.top)} from the top and ${inches(m.left)} from the left`}
    >
      <rect width={w} height={h} fill="#fff" stroke="#999" />
      <rect x={6} y={6} width={w - 12} height={h - 12} fill="#eef3fb" stroke="#7a8fb3" strokeDasharray="8 6" />
      <text x={20} y={36} fontSize={22} fill="#4a5f86">
        {file.name}
      </text>
      <rect data-testid="text-area" x={m.left} y={m.top} width={textW} height={textH} fill="#fff" stroke="#1c335c" strokeWidth={3} />
      {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
        <line key={i} x1={m.left + 12} x2={m.left + textW - 12} y1={m.top + 30 + i * 36} y2={m.top + 30 + i * 36} stroke="#bbb" strokeWidth={8} />
      ))}
    </svg>
  );
}

function LetterheadFile({
  file,
  locked,
  field,
  onFile,
  onMargins,
}: {
  file: LetterheadFileView | null;
  locked: boolean;
  field: Record<string, unknown>;
  onFile: (f: LetterheadFileView | null) => void;
  onMargins: (m: FileMargins) => void;
}) {
  const use = useMutation({
    mutationFn: (path: string) => ipc.letterheadFileSet(path, null),
    onSuccess: (view) => onFile(view),
  });
  const remove = useMutation({ mutationFn: ipc.letterheadFileRemove, onSuccess: () => onFile(null) });
  return (
    <fieldset className="letterhead-file" aria-labelledby="letterhead-file-title">
      <legend id="letterhead-file-title">Letterhead file</legend>
      {file ? (
        <p>
          Using <strong>{file.name}</strong> ({file.pages === 1 ? "one page, on the first page only" : "two pages: the first page, then the continuation pages"},{" "}
          {file.paper === "a4" ? "A4" : "US Letter"}). It is printed beneath every letter; the name, address and logo above are not
          drawn.
        </p>
      ) : null}
      {file && file.not_archival.length > 0 ? (
        <p className="note" role="note">
          Letters on it are tagged for screen readers but are not archival PDF/A files: {file.not_archival.join("; ")}. Ask
          whoever made the file for one with its fonts embedded and its colours in RGB.
        </p>
      ) : null}
      {file ? null : <p>None: letters draw the letterhead from the name, address and logo above.</p>}
      <div className="actions">
        <button
          type="button"
          {...field}
          disabled={locked || use.isPending}
          onClick={async () => {
            const pdf = await ipc.choosePdf();
            if (pdf) use.mutate(pdf);
          }}
        >
          Use a letterhead file…
        </button>
        {file && (
          <button type="button" {...field} disabled={locked || remove.isPending} onClick={() => remove.mutate()}>
            Stop using the file
          </button>
        )}
      </div>
      {use.isError && <ErrorNote error={use.error} prefix="Not used" />}
      {remove.isError && <ErrorNote error={remove.error} prefix="Not removed" />}
      {file && (
        <div className="margins-row">
          <div className="grid2">
            {SIDES.map(([side, label]) => (
              <label key={side}>
                {label} margin (points)
                <input
                  type="number"
                  min={0}
                  step={1}
                  value={file.margins[side]}
                  {...field}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isFinite(v)) onMargins({ ...file.margins, [side]: v });
                  }}
                />
              </label>
            ))}
          </div>
          <MarginsDiagram file={file} />
        </div>
      )}
    </fieldset>
  );
}

function LetterheadForm({ start }: { start: Letterhead }) {
  const [l, setL] = useState(start);
  const opt = (v: string) => (v.trim() ? v : null);
  const save = useMutation({ mutationFn: () => ipc.letterheadSave(l) });
  const nameError = fieldError(save.error, "name");
  const logoError = fieldError(save.error, "logo");
  const admin = useAdminOnly("the letterhead");
  return (
    <form
      className="panel"
      aria-labelledby="letterhead-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!admin.locked) save.mutate();
      }}
    >
      <h2 id="letterhead-title">Organization and letterhead</h2>
      {admin.note}
      <div className="grid2">
        <label>
          Name
          <input value={l.name} {...admin.field} aria-invalid={!!nameError} onChange={(e) => setL({ ...l, name: e.target.value })} />
        </label>
        <label>
          Department or council (under the name)
          <input value={l.unit ?? ""} {...admin.field} onChange={(e) => setL({ ...l, unit: opt(e.target.value) })} />
        </label>
      </div>
      {nameError && <p className="error field-error">{nameError}</p>}
      <label>
        Address (as printed, one line each)
        <textarea rows={2} value={l.address.join("\n")} {...admin.field} onChange={(e) => setL({ ...l, address: e.target.value.split("\n") })} />
      </label>
      <div className="grid2">
        <label>
          Phone
          <input value={l.phone ?? ""} {...admin.field} onChange={(e) => setL({ ...l, phone: opt(e.target.value) })} />
        </label>
        <label>
          Website
          <input value={l.website ?? ""} {...admin.field} onChange={(e) => setL({ ...l, website: opt(e.target.value) })} />
        </label>
      </div>
      <div className="picker-row">
        <label className="grow">
          Logo (PNG)
          <input
            value={l.logo ?? ""}
            {...admin.field}
            aria-invalid={!!logoError}
            placeholder="No logo"
            onChange={(e) => setL({ ...l, logo: opt(e.target.value) })}
          />
        </label>
        <button
          type="button"
          {...admin.field}
          onClick={async () => {
            const png = await ipc.choosePng();
            if (png) setL({ ...l, logo: png });
          }}
        >
          Choose…
        </button>
        {l.logo && (
          <button type="button" {...admin.field} onClick={() => setL({ ...l, logo: null })}>
            Remove
          </button>
        )}
      </div>
      {logoError && <p className="error field-error">{logoError}</p>}
      <LetterheadFile
        file={l.file}
        locked={admin.locked}
        field={admin.field}
        onFile={(file) => setL((cur) => ({ ...cur, file }))}
        onMargins={(margins) => setL((cur) => (cur.file ? { ...cur, file: { ...cur.file, margins } } : cur))}
      />
      {save.isError && !nameError && !logoError && <ErrorNote error={save.error} prefix="Not saved" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={admin.locked || save.isPending} {...admin.explain}>
          Save letterhead
        </button>
      </div>
      <div role="status" aria-live="polite">
        {save.isSuccess && <p className="notice">Saved. New letters use this letterhead; letters already sent keep theirs.</p>}
      </div>
    </form>
  );
}

function Signers() {
  const catalog = useQuery(catalogQuery);
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const add = useMutation({
    mutationFn: () => ipc.signerAdd(name, title.trim() || null),
    onSuccess: () => {
      setName("");
      setTitle("");
    },
  });
  // A signer's handwritten signature: a PNG chosen here, or taken off file.
  const signature = useMutation({
    mutationFn: async ({ id, remove }: { id: number; remove: boolean }) => {
      const path = remove ? null : await ipc.choosePng();
      if (!remove && !path) return null;
      await ipc.signerSignatureSet(id, path);
      return remove ? "removed" : "set";
    },
  });
  const nameError = fieldError(add.error, "name");
  return (
    <div className="panel">
      <h2>Signers</h2>
      <p className="muted">
        A signer's signature image (a PNG, ideally on a transparent background) is drawn above their name on
        the letters they sign. Letters already signed keep the image they were signed with.
      </p>
      <ul aria-label="Signers" className="signers">
        {catalog.data?.signers.map((s) => (
          <li key={s.id}>
            <span className="grow">
              {s.name}
              {s.title ? `, ${s.title}` : ""}
              {!s.has_signature && <span className="muted"> — no signature image</span>}
            </span>
            {s.has_signature && <SignatureImage id={s.id} name={s.name} />}
            <button
              type="button"
              className="small"
              disabled={signature.isPending}
              onClick={() => signature.mutate({ id: s.id, remove: false })}
            >
              {s.has_signature ? "Replace signature…" : "Add signature…"}
            </button>
            {s.has_signature && (
              <button
                type="button"
                className="small"
                disabled={signature.isPending}
                onClick={() => signature.mutate({ id: s.id, remove: true })}
              >
                Remove signature
              </button>
            )}
          </li>
        ))}
      </ul>
      {signature.isError && <ErrorNote error={signature.error} prefix="Signature not changed" />}
      <form
        className="picker-row"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <label className="grow">
          Signer's name
          <input value={name} aria-invalid={!!nameError} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="grow">
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending}>
          Add signer
        </button>
      </form>
      {nameError && <p className="error field-error">{nameError}</p>}
      {add.isError && !nameError && <ErrorNote error={add.error} prefix="Not added" />}
    </div>
  );
}

/** The IANA time zones this system knows, if it can say (empty otherwise: the name is typed). */
function knownTimeZones(): string[] {
  try {
    return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  } catch {
    return [];
  }
}

/** A zone's name as typed words match it: "America/New_York" → "america/new york". */
const zoneWords = (zone: string) => zone.toLowerCase().replace(/_/g, " ");

/**
 * The zones matching what was typed ("new york", "paris", "europe/"), best
 * first: those whose place (after the last "/") starts with it, then the rest.
 */
export function matchZones(zones: string[], typed: string, most = 8): string[] {
  const words = typed.toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits = zones.filter((z) => words.every((w) => zoneWords(z).includes(w)));
  const q = words.join(" ");
  const place = (z: string) => zoneWords(z).split("/").pop() ?? "";
  const rank = (z: string) => (place(z).startsWith(q) ? 0 : zoneWords(z).startsWith(q) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, most);
}

/** Said when Save is pressed with the field cleared and nothing chosen. */
const CHOOSE_ZONE = "Choose a time zone from the list: type part of its name, e.g. New York.";

/**
 * The organization's time zone, which decides what "today" is for dates and
 * follow-ups: chosen from the zones this system knows by typing part of the
 * name, or typed in full where the system cannot list them.
 */
function TimeZoneForm({ current, saved }: { current: string; saved: boolean }) {
  const zones = useMemo(() => {
    const all = knownTimeZones();
    return all.length === 0 || all.includes(current) ? all : [current, ...all];
  }, [current]);
  // Until edited, the field shows the saved zone (and follows it if it
  // changes); null while the field is being typed in and nothing is chosen.
  const [edited, setEdited] = useState<string | null | undefined>(undefined);
  const [text, setText] = useState("");
  const zone = edited === undefined ? current : edited;
  const save = useMutation({
    mutationFn: (z: string | null) =>
      z?.trim()
        ? ipc.timeZoneSave(z.trim())
        : Promise.reject({ code: "invalid_data", field: "time_zone", message: CHOOSE_ZONE }),
    onSuccess: () => {
      setEdited(undefined);
      setText("");
    },
  });
  // A refusal applies to the zone it refused, until another is chosen.
  const zoneError = save.variables === zone ? fieldError(save.error, "time_zone") : null;
  const choice = (z: string): Choice => ({ id: Math.max(zones.indexOf(z), 0), label: z });
  const admin = useAdminOnly("the time zone");
  return (
    <form
      className="panel"
      aria-labelledby="time-zone-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!admin.locked) save.mutate(zone);
      }}
    >
      <h2 id="time-zone-title">Time zone</h2>
      {admin.note}
      <p className="muted">New letters are dated, and follow-ups fall due, by the day in this time zone.</p>
      {!saved && (
        <p className="muted" data-testid="zone-unsaved">
          This computer&rsquo;s own time zone ({current}): none is saved yet. Save one so that every computer of the
          organization counts the same day.
        </p>
      )}
      <div className="picker-row">
        {zones.length > 0 ? (
          <div className="grow">
            <SearchSelect
              label="Time zone"
              name="time_zone"
              text={text}
              onText={setText}
              options={matchZones(zones, text).map(choice)}
              chosen={zone ? choice(zone) : null}
              onChoose={(c) => setEdited(c ? c.label : null)}
              placeholder="Type a city or region, e.g. New York"
              noMatch="No time zone has that name."
              error={zoneError}
              disabled={admin.locked}
              describedBy={admin.field["aria-describedby"]}
            />
          </div>
        ) : (
          <label className="grow">
            Time zone (IANA name)
            <input
              name="time_zone"
              value={zone ?? ""}
              placeholder="America/New_York"
              {...admin.field}
              aria-invalid={!!zoneError}
              onChange={(e) => setEdited(e.target.value)}
            />
          </label>
        )}
        <button type="submit" disabled={admin.locked || save.isPending} {...admin.explain}>
          Save time zone
        </button>
      </div>
      {zones.length === 0 && zoneError && <p className="error field-error">{zoneError}</p>}
      {save.isError && !zoneError && !fieldError(save.error, "time_zone") && <ErrorNote error={save.error} prefix="Not saved" />}
      <div role="status" aria-live="polite">
        {save.isSuccess && <p className="notice">Time zone saved.</p>}
      </div>
    </form>
  );
}

/** A signer's signature image as letters draw it, small, beside their name. */
function SignatureImage({ id, name }: { id: number; name: string }) {
  // Refreshed when the signature changes (a settings change refetches it).
  const image = useQuery({ queryKey: [...keys.settings, "signature", id], queryFn: () => ipc.signerSignatureImage(id) });
  if (!image.data) return null;
  return <img className="signature-image" src={image.data} alt={`Signature of ${name}`} />;
}

/** Copy the diagnostics text for a support request; shown to copy by hand if the clipboard refuses. */
function Diagnostics() {
  const copy = useMutation({
    mutationFn: async () => {
      const text = await ipc.diagnostics();
      try {
        await navigator.clipboard.writeText(text);
        return { text, copied: true };
      } catch {
        return { text, copied: false };
      }
    },
  });
  return (
    <div>
      <button type="button" onClick={() => copy.mutate()} disabled={copy.isPending}>
        Copy diagnostics
      </button>
      <div role="status" aria-live="polite">
        {copy.data?.copied && <p className="notice">Diagnostics copied</p>}
        {copy.data && !copy.data.copied && (
          <p className="muted">The clipboard could not be used: copy the diagnostics below by hand.</p>
        )}
      </div>
      {copy.data && !copy.data.copied && (
        <label>
          Diagnostics
          <textarea readOnly rows={8} value={copy.data.text} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      {copy.isError && <ErrorNote error={copy.error} prefix="No diagnostics" />}
    </div>
  );
}

export function Settings() {
  const info = useQuery({ queryKey: keys.settings, queryFn: ipc.settingsInfo });
  const head = useQuery({ queryKey: keys.letterhead, queryFn: ipc.letterhead });
  const today = useToday();
  const backup = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseSavePath(`amicus-backup${today ? `-${today}` : ""}.db`, {
        name: "Amicus database",
        extensions: ["db"],
      });
      if (!path) return null;
      await ipc.backup(path);
      return path;
    },
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  const restore = useMutation({ mutationFn: (path: string) => ipc.backupRestore(path) });
  // A team record is restored by an administrator, from the command line
  // (`amicus team import` into an empty team record): the shell refuses it
  // here, so it is not offered. Until the record is known, neither.
  const status = useQuery(teamStatusQuery);
  const restorable = status.data ? status.data.team === null : status.isError;
  const pickRestore = async () => {
    const path = await ipc.chooseDatabase();
    if (path) setConfirming(path);
  };
  return (
    <section className="screen narrow" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      {/* In the order a person sets Amicus up: who writes (the organization and
          its letterhead), who signs, how letters leave by e-mail; then the rest,
          and what a support request needs last. */}
      {info.isError && <ErrorNote error={info.error} />}
      {head.isError && <ErrorNote error={head.error} />}
      {head.data && <LetterheadForm key={JSON.stringify(head.data)} start={head.data} />}
      <Signers />
      <MailForm />
      {info.data && <TimeZoneForm current={info.data.time_zone} saved={info.data.time_zone_saved} />}
      <TeamRecord />
      <div className="panel">
        <h2>Backup</h2>
        <p className="muted">
          A backup is a consistent copy of the whole record, safe to take while Amicus is open.
        </p>
        {restorable && (
          <p className="muted">
            Restoring replaces everything in the record with what a backup holds. Amicus checks the backup
            first and changes nothing if it cannot use it, and keeps the record as it was beside it.
          </p>
        )}
        {status.data?.team && (
          <p className="muted" data-testid="team-restore">
            A team record is restored by an administrator, with <code>amicus team import</code> of the backup
            into an empty team record.
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => backup.mutate()} disabled={backup.isPending}>
            Back up…
          </button>
          {restorable && (
            <button type="button" onClick={() => void pickRestore()} disabled={restore.isPending}>
              Restore from a backup…
            </button>
          )}
        </div>
        <div role="status" aria-live="polite">
          {backup.data && <p className="notice">Backed up to {backup.data}</p>}
          {restore.isSuccess && (
            <p className="notice">
              Restored from {restore.variables}.
              {restore.data ? ` The record as it was is kept at ${restore.data}.` : ""}
            </p>
          )}
        </div>
        {backup.isError && <ErrorNote error={backup.error} prefix="Backup failed" />}
        {restore.isError && <ErrorNote error={restore.error} prefix="Not restored" />}
      </div>
      {info.data && (
        <section className="panel" aria-labelledby="about-title">
          <h2 id="about-title">About Amicus</h2>
          <p>
            Amicus <span data-testid="version">{info.data.version}</span>, under the MIT licence.
          </p>
          <p className="muted">
            Letters are set in Liberation Serif (SIL Open Font License 1.1); the congress roster is public
            domain (CC0). Their full licences come with the package, in <code>/usr/share/doc/amicus/copyright</code>.
          </p>
          <dl className="facts">
            <dt>Database</dt>
            <dd>
              <code>{info.data.db_path || "in memory"}</code>
            </dd>
            <dt>Schema version</dt>
            <dd>{info.data.schema_version}</dd>
            <dt>Log files</dt>
            <dd>
              <code>{info.data.log_dir}</code>
            </dd>
          </dl>
          <Diagnostics />
        </section>
      )}
      {confirming && (
        <Dialog title="Restore from this backup?" onClose={() => setConfirming(null)}>
          <p>
            Everything in the record is replaced by what <code>{confirming}</code> holds: letters,
            officials, positions, templates and settings. The record as it is now is kept beside it, so
            this can be undone.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                restore.mutate(confirming);
                setConfirming(null);
              }}
            >
              Restore
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
