import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { ErrorNote } from "../../components/common";
import { LetterPreview } from "../preview/LetterPreview";

export function Templates() {
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: ipc.catalog });
  const sample = useQuery({ queryKey: ["sample-preview"], queryFn: ipc.samplePreview });
  const [open, setOpen] = useState<string | null>(null);
  const shown = catalog.data?.templates.find((t) => t.key === open);
  return (
    <section className="screen" aria-labelledby="templates-title">
      <header className="screen-head">
        <h1 id="templates-title">Templates</h1>
      </header>
      {catalog.isError && <ErrorNote error={catalog.error} prefix="Templates could not be loaded" />}
      {catalog.data && (
        <table className="table" aria-label="Templates">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Kind</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {catalog.data.templates.map((t) => (
              <tr key={t.key}>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(t.key === open ? null : t.key)}>
                    {t.name}
                  </button>
                </td>
                <td>{t.description}</td>
                <td>{t.builtin ? "Built in (read-only)" : "Yours"}</td>
                <td>{t.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && (
        <div className="panel">
          <h2>{shown.name}: source</h2>
          <pre className="source" aria-label="Template source">{shown.source}</pre>
        </div>
      )}
      <div className="panel">
        <h2>Sample letter</h2>
        {sample.isError && <ErrorNote error={sample.error} />}
        {sample.data && <LetterPreview pages={sample.data.pages} />}
      </div>
    </section>
  );
}
