import { useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { TemplateDraft, TemplateInfo } from "../../ipc";
import { ErrorNote, NO_SPELLCHECK, fieldError } from "../../components/common";
import { LetterPreview } from "../preview/LetterPreview";
import { Dialog } from "../../components/Dialog";
import { useSettled } from "../../components/useSettled";
import { catalogQuery, keys } from "../../queries";


/** Edit a user template (or start one from a built-in); problems show with their line. */
function Editor({ start, onClose }: { start: TemplateDraft; onClose: () => void }) {
  const [draft, setDraft] = useState(start);
  // What was last saved (or opened): Close asks before dropping anything newer.
  const [saved, setSaved] = useState(start);
  const [closing, setClosing] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const settled = useSettled(draft, 300);
  const check = useQuery({
    queryKey: keys.templateCheck(settled),
    queryFn: () => ipc.templateCheck(settled),
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: (d: TemplateDraft) => ipc.templateSave(d),
    onSuccess: (_version, d) => setSaved(d),
  });
  const problems = check.data?.problems ?? [];
  // The check of the text as it is now (not of an earlier text kept on screen meanwhile).
  const checkedNow = !!check.data && !check.isPlaceholderData && JSON.stringify(settled) === JSON.stringify(draft);
  // A refusal applies to the text that was saved: once the text changes, or
  // the template it objected to checks clean, it no longer does. (A save that
  // fails after more typing is about text that is gone.)
  const saveError =
    save.isError &&
    JSON.stringify(save.variables) === JSON.stringify(draft) &&
    !(ipc.isIpcError(save.error) && save.error.code === "template" && checkedNow && problems.length === 0)
      ? save.error
      : null;
  const sourceLines = draft.source.split("\n");
  const badLines = new Set(problems.map((p) => p.line).filter((l): l is number => l !== null));
  return (
    <div className="template-editor">
      <div className="compose-form wide">
        <header className="screen-head">
          <h2>Edit template</h2>
        </header>
        <div className="grid2">
          <label>
            Id
            <input
              name="key"
              value={draft.key}
              aria-invalid={!!fieldError(saveError, "key")}
              onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            />
          </label>
          <label>
            Name
            <input
              name="name"
              value={draft.name}
              aria-invalid={!!fieldError(saveError, "name")}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </label>
        </div>
        {fieldError(saveError, "key") && <p className="error field-error">{fieldError(saveError, "key")}</p>}
        {fieldError(saveError, "name") && <p className="error field-error">{fieldError(saveError, "name")}</p>}
        <label>
          Description
          <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </label>
        <label htmlFor="template-source">Template (Handlebars: a header, a line of three dashes, then the body)</label>
        {/* Long lines wrap. Behind the text, each line is laid out again with its
            number beside it, wrapping as the text does, so a number stays beside
            the first row of its line however many rows the line takes. */}
        <div className="code" style={{ "--gutter": `${String(sourceLines.length).length + 1}ch` } as React.CSSProperties}>
          <div className="code-lines" aria-hidden="true">
            {sourceLines.map((text, i) => (
              <div key={i} className={badLines.has(i + 1) ? "code-line bad" : "code-line"}>
                <span className="ln">{i + 1}</span>
                <span className="lt">{text}</span>
              </div>
            ))}
          </div>
          <textarea
            id="template-source"
            name="source"
            wrap="soft"
            {...NO_SPELLCHECK}
            value={draft.source}
            aria-invalid={problems.length > 0}
            aria-describedby="template-problems"
            onChange={(e) => setDraft({ ...draft, source: e.target.value })}
          />
        </div>
        <div id="template-problems" role="status" aria-live="polite">
          {problems.length === 0 && check.data && <p className="notice">No problems: the sample letter lays out.</p>}
          {problems.length > 0 && (
            <ul className="problems" aria-label="Problems">
              {problems.map((p, i) => (
                <li key={i} className="error">
                  {p.line !== null ? `Line ${p.line}${p.column !== null ? `, column ${p.column}` : ""}: ` : `${p.location}: `}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate(draft)}>
            Save template
          </button>
          <button type="button" onClick={() => (dirty ? setClosing(true) : onClose())}>
            Close
          </button>
        </div>
        <div role="status" aria-live="polite">
          {save.data !== undefined && !dirty && <p className="notice">Saved as version {save.data}.</p>}
        </div>
        {closing && (
          <Dialog title="Discard unsaved changes?" onClose={() => setClosing(false)}>
            <p>This template has changes that are not saved.</p>
            <div className="actions">
              <button type="button" onClick={() => setClosing(false)}>
                Keep editing
              </button>
              <button type="button" className="danger" onClick={onClose}>
                Discard changes
              </button>
            </div>
          </Dialog>
        )}
        {saveError && !fieldError(saveError, "key") && !fieldError(saveError, "name") && (
          <ErrorNote error={saveError} prefix="Not saved" />
        )}
      </div>
      <div className="compose-preview">
        {check.isError && <ErrorNote error={check.error} />}
        {check.data && check.data.pages.length > 0 && <LetterPreview pages={check.data.pages} />}
        {problems.length > 0 && <p className="empty">Fix the problems to see the sample letter.</p>}
      </div>
    </div>
  );
}

function startFrom(t: TemplateInfo): TemplateDraft {
  return t.builtin
    ? { key: `my-${t.key}`, base: t.key, name: `${t.name} (ours)`, description: t.description, source: t.source }
    : { key: t.key, base: t.key, name: t.name, description: t.description, source: t.source };
}

export function Templates() {
  const catalog = useQuery(catalogQuery);
  const [editing, setEditing] = useState<TemplateDraft | null>(null);
  if (editing) return <Editor start={editing} onClose={() => setEditing(null)} />;
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
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {catalog.data.templates.map((t) => (
              <tr key={t.key}>
                <td>{t.name}</td>
                <td>{t.description}</td>
                <td className="nowrap">{t.builtin ? "Built in (read-only)" : "Yours"}</td>
                <td>{t.version}</td>
                <td className="nowrap">
                  <button type="button" className="small" onClick={() => setEditing(startFrom(t))}>
                    {t.builtin ? "Copy to edit…" : "Edit…"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Built-in templates are read-only; copy one to make your own. Every save of your template is a
        new version, and each letter keeps the version it was written with.
      </p>
    </section>
  );
}
