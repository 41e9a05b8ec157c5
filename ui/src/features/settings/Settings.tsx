import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { ErrorNote, today } from "../../components/common";

export function Settings() {
  const info = useQuery({ queryKey: ["settings"], queryFn: ipc.settingsInfo });
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: ipc.catalog });
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
          <dt>Organization</dt>
          <dd>{info.data.organization || "—"}</dd>
          <dt>Database</dt>
          <dd>
            <code>{info.data.db_path || "in memory"}</code>
          </dd>
          <dt>Schema version</dt>
          <dd>{info.data.schema_version}</dd>
        </dl>
      )}
      <div className="panel">
        <h2>Signers</h2>
        <ul>
          {catalog.data?.signers.map((s) => (
            <li key={s.id}>
              {s.name}
              {s.title ? `, ${s.title}` : ""}
            </li>
          ))}
        </ul>
      </div>
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
