import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Letterhead } from "../../ipc";
import { ErrorNote, fieldError, today } from "../../components/common";

function LetterheadForm({ start }: { start: Letterhead }) {
  const client = useQueryClient();
  const [l, setL] = useState(start);
  const opt = (v: string) => (v.trim() ? v : null);
  const save = useMutation({
    mutationFn: () => ipc.letterheadSave(l),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["letterhead"] });
      client.invalidateQueries({ queryKey: ["settings"] });
      client.invalidateQueries({ queryKey: ["draft-preview"] });
    },
  });
  const nameError = fieldError(save.error, "name");
  const logoError = fieldError(save.error, "logo");
  return (
    <form
      className="panel"
      aria-labelledby="letterhead-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 id="letterhead-title">Organization and letterhead</h2>
      <div className="grid2">
        <label>
          Name
          <input value={l.name} aria-invalid={!!nameError} onChange={(e) => setL({ ...l, name: e.target.value })} />
        </label>
        <label>
          Department or council (under the name)
          <input value={l.unit ?? ""} onChange={(e) => setL({ ...l, unit: opt(e.target.value) })} />
        </label>
      </div>
      {nameError && <p className="error field-error">{nameError}</p>}
      <label>
        Address, one line per line
        <textarea rows={2} value={l.address.join("\n")} onChange={(e) => setL({ ...l, address: e.target.value.split("\n") })} />
      </label>
      <div className="grid2">
        <label>
          Phone
          <input value={l.phone ?? ""} onChange={(e) => setL({ ...l, phone: opt(e.target.value) })} />
        </label>
        <label>
          Website
          <input value={l.website ?? ""} onChange={(e) => setL({ ...l, website: opt(e.target.value) })} />
        </label>
      </div>
      <div className="picker-row">
        <label className="grow">
          Logo (PNG)
          <input
            value={l.logo ?? ""}
            aria-invalid={!!logoError}
            placeholder="No logo"
            onChange={(e) => setL({ ...l, logo: opt(e.target.value) })}
          />
        </label>
        <button
          type="button"
          onClick={async () => {
            const png = await ipc.choosePng();
            if (png) setL({ ...l, logo: png });
          }}
        >
          Choose…
        </button>
        {l.logo && (
          <button type="button" onClick={() => setL({ ...l, logo: null })}>
            Remove
          </button>
        )}
      </div>
      {logoError && <p className="error field-error">{logoError}</p>}
      {save.isError && !nameError && !logoError && <ErrorNote error={save.error} prefix="Not saved" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
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
  const client = useQueryClient();
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: ipc.catalog });
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const add = useMutation({
    mutationFn: () => ipc.signerAdd(name, title.trim() || null),
    onSuccess: () => {
      setName("");
      setTitle("");
      client.invalidateQueries({ queryKey: ["catalog"] });
    },
  });
  const nameError = fieldError(add.error, "name");
  return (
    <div className="panel">
      <h2>Signers</h2>
      <ul aria-label="Signers">
        {catalog.data?.signers.map((s) => (
          <li key={s.id}>
            {s.name}
            {s.title ? `, ${s.title}` : ""}
          </li>
        ))}
      </ul>
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

export function Settings() {
  const info = useQuery({ queryKey: ["settings"], queryFn: ipc.settingsInfo });
  const head = useQuery({ queryKey: ["letterhead"], queryFn: ipc.letterhead });
  const backup = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseSavePath(`amicus-backup-${today()}.db`, {
        name: "Amicus database",
        extensions: ["db"],
      });
      if (!path) return null;
      await ipc.backup(path);
      return path;
    },
  });
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      {info.isError && <ErrorNote error={info.error} />}
      {info.data && (
        <dl className="facts">
          <dt>Database</dt>
          <dd>
            <code>{info.data.db_path || "in memory"}</code>
          </dd>
          <dt>Schema version</dt>
          <dd>{info.data.schema_version}</dd>
        </dl>
      )}
      {head.isError && <ErrorNote error={head.error} />}
      {head.data && <LetterheadForm key={JSON.stringify(head.data)} start={head.data} />}
      <Signers />
      <div className="panel">
        <h2>Backup</h2>
        <p className="muted">
          A backup is a consistent copy of the whole record, safe to take while Amicus is open. Restore
          with <code>amicus restore FILE</code>.
        </p>
        <button type="button" onClick={() => backup.mutate()} disabled={backup.isPending}>
          Back up…
        </button>
        <div role="status" aria-live="polite">
          {backup.data && <p className="notice">Backed up to {backup.data}</p>}
        </div>
        {backup.isError && <ErrorNote error={backup.error} prefix="Backup failed" />}
      </div>
    </section>
  );
}
