import { useEffect, useImperativeHandle, useMemo, useState, type Ref } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Catalog, LetterDetail, NewLetter, RecipientChoice, RecipientView } from "../../ipc";
import { LetterPreview } from "../preview/LetterPreview";
import { useSettled } from "../../components/useSettled";
import { ErrorNote, StatusChip, longDate, today } from "../../components/common";
import { errorText } from "../../ipc";
import { RecipientPicker } from "./RecipientPicker";
import { MarkSentDialog, ReplyDialog } from "../log/dialogs";
import { Dialog } from "../../components/Dialog";

export interface ComposeHandle {
  /** Unsaved changes that autosave has not written yet. */
  dirty: () => boolean;
  exportPdf: () => void;
}

interface Props {
  letterId: number | null;
  onSaved: (id: number) => void;
  handle?: Ref<ComposeHandle>;
}

/** The position in force on `date`: the newest version adopted by then. */
function positionOn(catalog: Catalog, issueId: number, date: string): number | null {
  const issue = catalog.issues.find((i) => i.issue.id === issueId);
  const p = issue?.positions.find((v) => v.position.adopted_on <= date) ?? issue?.positions[0];
  return p?.position.id ?? null;
}

function blank(catalog: Catalog): NewLetter {
  const template = catalog.templates.find((t) => t.key === "joint-support") ?? catalog.templates[0];
  return {
    template: template?.key ?? "",
    position_id: null,
    signer_id: catalog.signers[0]?.id ?? 0,
    date: today(),
    subject: "",
    body: "",
    mode: "joint",
    recipients: [],
    extra: { cc: [], enclosures: [], fields: {}, paper: null },
  };
}


export function Compose(props: Props) {
  // The form is made once, from the letter as opened; saving a new letter
  // gives it an id without starting the form again.
  const [openedId] = useState(props.letterId);
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: ipc.catalog });
  const detail = useQuery({
    queryKey: ["letter", props.letterId],
    queryFn: () => ipc.letterOpen(props.letterId as number),
    enabled: props.letterId !== null,
  });
  if (catalog.isError) return <ErrorNote error={catalog.error} prefix="Amicus could not load its templates" />;
  if (detail.isError) return <ErrorNote error={detail.error} prefix="The letter could not be opened" />;
  if (!catalog.data || (openedId !== null && !detail.data)) {
    return <p className="empty">Opening…</p>;
  }
  return (
    <ComposeForm
      catalog={catalog.data}
      detail={detail.data ?? null}
      {...props}
    />
  );
}

interface FormProps extends Props {
  catalog: Catalog;
  detail: LetterDetail | null;
}

function ComposeForm({ catalog, detail, letterId, onSaved, handle }: FormProps) {
  const client = useQueryClient();
  const [form, setForm] = useState<NewLetter>(() => detail?.draft ?? blank(catalog));
  const [savedForm, setSavedForm] = useState<NewLetter | null>(detail?.draft ?? null);
  const [issueId, setIssueId] = useState<number | null>(() => {
    const p = detail?.draft.position_id;
    return catalog.issues.find((i) => i.positions.some((v) => v.position.id === p))?.issue.id ?? null;
  });
  const [notice, setNotice] = useState<{ text: string; path?: string } | null>(null);
  const [sending, setSending] = useState<RecipientView | null>(null);
  const [replying, setReplying] = useState<RecipientView | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const status = detail?.summary.status ?? "draft";
  const dirty = JSON.stringify(form) !== JSON.stringify(savedForm);
  const set = (patch: Partial<NewLetter>) => setForm((f) => ({ ...f, ...patch }));

  // The live preview: laid out by Rust from the unsaved form, a moment
  // after typing stops; the previous pages stay up meanwhile.
  const settled = useSettled(form, 250);
  const canPreview = settled.recipients.length > 0 && settled.template !== "";
  const preview = useQuery({
    queryKey: ["draft-preview", settled],
    queryFn: () => ipc.draftPreview(settled),
    enabled: canPreview,
    placeholderData: keepPreviousData,
  });

  const save = useMutation({
    mutationFn: (f: NewLetter) => ipc.letterSave(letterId, f),
    onSuccess: (drafted, f) => {
      setSavedForm(f);
      client.invalidateQueries({ queryKey: ["letters"] });
      client.invalidateQueries({ queryKey: ["letter", drafted.letter_id] });
      if (drafted.letter_id !== letterId) onSaved(drafted.letter_id);
      setNotice({ text: drafted.warnings.length ? drafted.warnings.join(" ") : "Draft saved." });
    },
  });

  // Drafts that exist are saved automatically once typing stops.
  const autosaveForm = useSettled(form, 1500);
  useEffect(() => {
    if (letterId !== null && status === "draft" && !save.isPending &&
        JSON.stringify(autosaveForm) !== JSON.stringify(savedForm)) {
      save.mutate(autosaveForm);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autosaveForm]);

  const step = useMutation({
    mutationFn: async (action: "approve" | "sign") => {
      if (letterId === null) throw new Error("Save the letter first.");
      if (action === "approve") await ipc.letterApprove(letterId);
      else await ipc.letterSign(letterId);
      return action;
    },
    onSuccess: (action) => {
      client.invalidateQueries({ queryKey: ["letter", letterId] });
      client.invalidateQueries({ queryKey: ["letters"] });
      setNotice({ text: action === "approve" ? "Letter approved." : "Letter signed." });
    },
  });

  const copies = form.mode === "per_recipient" ? form.recipients.filter((r) => r.role === "to").length : 1;
  const exporter = useMutation({
    mutationFn: async (combined: boolean) => {
      let id = letterId;
      if (id === null || dirty) {
        const drafted = await ipc.letterSave(letterId, form);
        setSavedForm(form);
        id = drafted.letter_id;
        if (id !== letterId) onSaved(id);
      }
      const name = `${form.subject.trim() || "Letter"} ${form.date}.pdf`.replace(/[/\\:]/g, "-");
      const path = await ipc.chooseSavePath(name, { name: "PDF", extensions: ["pdf"] });
      if (!path) return null;
      setProgress({ done: 0, total: copies });
      try {
        return await ipc.letterExport(id, path, combined, setProgress);
      } finally {
        setProgress(null);
      }
    },
    onSuccess: (written) => {
      if (!written) return;
      const files = written.length === 1 ? written[0] : `${written.length} files, ${written[0]} …`;
      setNotice({ text: `Saved to ${files}`, path: written[0] });
    },
  });
  /** Export: a letter with several copies asks how first. */
  const startExport = () => {
    if (copies > 1) setChoosing(true);
    else exporter.mutate(false);
  };

  useImperativeHandle(handle, () => ({
    dirty: () => dirty,
    exportPdf: startExport,
  }));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      save.mutate(form);
    }
  };

  const issue = catalog.issues.find((i) => i.issue.id === issueId);
  const resolved = preview.data?.resolved ?? [];
  const formError = save.error ?? (preview.isError ? preview.error : null);
  const errorFor = (field: string) =>
    ipc.isIpcError(formError) && formError.field?.startsWith(field) ? formError.message : null;

  const removeRecipient = (i: number) =>
    set({ recipients: form.recipients.filter((_, k) => k !== i) });
  const addRecipient = (r: RecipientChoice) => set({ recipients: [...form.recipients, r] });
  const officeTitle = useMemo(
    () => new Map(catalog.offices.map((o) => [o.id, o.title])),
    [catalog.offices],
  );

  return (
    <section className="compose" aria-labelledby="compose-title" onKeyDown={onKeyDown}>
      <div className="compose-form">
        <header className="screen-head">
          <h1 id="compose-title">{letterId === null ? "New letter" : `Letter ${letterId}`}</h1>
          <StatusChip status={status} />
          {dirty && letterId !== null && status === "draft" && <span className="muted">Saving soon…</span>}
        </header>
        {status === "sent" && (
          <p className="info">
            This letter has been sent and stays as it was. Saving changes makes a new draft that
            revises it.
          </p>
        )}
        <div className="grid2">
          <label>
            Template
            <select name="template" value={form.template} onChange={(e) => set({ template: e.target.value })}>
              {catalog.templates.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Date
            <input
              type="date"
              name="date"
              value={form.date}
              aria-invalid={!!errorFor("date")}
              onChange={(e) => {
                const date = e.target.value;
                set({
                  date,
                  position_id: issueId === null ? form.position_id : positionOn(catalog, issueId, date),
                });
              }}
            />
          </label>
          <label>
            Issue
            <select
              name="issue"
              value={issueId ?? ""}
              onChange={(e) => {
                const id = e.target.value ? Number(e.target.value) : null;
                setIssueId(id);
                set({ position_id: id === null ? null : positionOn(catalog, id, form.date) });
              }}
            >
              <option value="">None</option>
              {catalog.issues.map((i) => (
                <option key={i.issue.id} value={i.issue.id}>
                  {i.issue.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Position
            <select
              name="position"
              value={form.position_id ?? ""}
              disabled={!issue}
              onChange={(e) => set({ position_id: e.target.value ? Number(e.target.value) : null })}
            >
              {!issue && <option value="">—</option>}
              {issue?.positions.map((v) => (
                <option key={v.position.id} value={v.position.id}>
                  Version {v.position.version} ({v.position.stance}, adopted {longDate(v.position.adopted_on)})
                </option>
              ))}
            </select>
          </label>
        </div>

        <fieldset className="recipients">
          <legend>Recipients</legend>
          {form.recipients.length === 0 && <p className="muted">Add the offices or people this letter goes to.</p>}
          <ol>
            {form.recipients.map((r, i) => (
              <li key={`${r.to.by}-${r.to.id}-${i}`}>
                <span>
                  {r.role === "cc" ? "cc: " : ""}
                  {resolved[i] ?? (r.to.by === "office" ? officeTitle.get(r.to.id) : `Person ${r.to.id}`)}
                </span>
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove ${resolved[i] ?? "recipient"}`}
                  onClick={() => removeRecipient(i)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <RecipientPicker offices={catalog.offices} onAdd={addRecipient} />
          {errorFor("recipients") && <p className="error field-error">{errorFor("recipients")}</p>}
          <div className="radios" role="radiogroup" aria-label="Copies">
            <label>
              <input
                type="radio"
                name="mode"
                checked={form.mode === "joint"}
                onChange={() => set({ mode: "joint" })}
              />
              One joint letter
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                checked={form.mode === "per_recipient"}
                onChange={() => set({ mode: "per_recipient" })}
              />
              One copy per recipient
            </label>
          </div>
          {(preview.data?.warnings ?? []).map((w) => (
            <p key={w} className="warning" role="status">
              {w}
            </p>
          ))}
        </fieldset>

        <label>
          Subject
          <input
            name="subject"
            value={form.subject}
            aria-invalid={!!errorFor("subject")}
            onChange={(e) => set({ subject: e.target.value })}
          />
        </label>
        {errorFor("subject") && <p className="error field-error">{errorFor("subject")}</p>}
        <label>
          Body
          <textarea
            name="body"
            rows={10}
            value={form.body}
            aria-invalid={!!errorFor("body")}
            onChange={(e) => set({ body: e.target.value })}
          />
        </label>
        {errorFor("body") && <p className="error field-error">{errorFor("body")}</p>}
        <label>
          Copies to (cc), one per line
          <textarea
            name="cc"
            rows={2}
            value={form.extra.cc.join("\n")}
            onChange={(e) => set({ extra: { ...form.extra, cc: e.target.value.split("\n") } })}
          />
        </label>
        <label>
          Signer
          <select name="signer" value={form.signer_id} onChange={(e) => set({ signer_id: Number(e.target.value) })}>
            {catalog.signers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.title ? `, ${s.title}` : ""}
              </option>
            ))}
          </select>
        </label>

        <div className="actions">
          <button type="button" className="primary" onClick={() => save.mutate(form)} disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save draft"}
          </button>
          <button type="button" onClick={startExport} disabled={exporter.isPending || form.recipients.length === 0}>
            {exporter.isPending ? "Exporting…" : "Export PDF…"}
          </button>
          {letterId !== null && status === "draft" && !dirty && (
            <button type="button" onClick={() => step.mutate("approve")}>Approve</button>
          )}
          {letterId !== null && status === "approved" && (
            <button type="button" onClick={() => step.mutate("sign")}>Mark signed</button>
          )}
        </div>
        {progress && (
          <div className="export-progress">
            <progress aria-label="Exporting" value={progress.done} max={progress.total} />
            <span>
              {progress.done} of {progress.total} copies
            </span>
            <button type="button" className="small" onClick={() => void ipc.exportCancel()}>
              Cancel
            </button>
          </div>
        )}
        <div role="status" aria-live="polite" className="notice">
          {notice && (
            <>
              {notice.text}{" "}
              {notice.path && (
                <button type="button" className="link" onClick={() => ipc.openInViewer(notice.path as string)}>
                  Open
                </button>
              )}
            </>
          )}
        </div>
        {save.isError && !errorFor("recipients") && !errorFor("subject") && !errorFor("body") && (
          <ErrorNote error={save.error} prefix="Not saved" />
        )}
        {step.isError && <ErrorNote error={step.error} />}
        {exporter.isError &&
          (ipc.isIpcError(exporter.error) && exporter.error.code === "cancelled" ? (
            <p className="muted" role="status">Export cancelled; no file was written.</p>
          ) : (
            <ErrorNote error={exporter.error} prefix="Export failed" />
          ))}

        {detail && detail.recipients.length > 0 && (status === "signed" || status === "sent") && (
          <fieldset className="copies">
            <legend>Copies</legend>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Recipient</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Follow up</th>
                  <th scope="col">Reply</th>
                </tr>
              </thead>
              <tbody>
                {detail.recipients.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.name ?? r.office}
                      {r.role === "cc" ? " (cc)" : ""}
                    </td>
                    <td>
                      {r.sent_at ? (
                        `${longDate(r.sent_at)} by ${r.method}`
                      ) : (
                        <button type="button" className="small" onClick={() => setSending(r)}>
                          Mark sent…
                        </button>
                      )}
                    </td>
                    <td>{longDate(r.follow_up_on) || "—"}</td>
                    <td>
                      {r.reply_on ? (
                        longDate(r.reply_on)
                      ) : r.sent_at ? (
                        <button type="button" className="small" onClick={() => setReplying(r)}>
                          Record reply…
                        </button>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        )}
      </div>
      <div className="compose-preview" aria-busy={preview.isFetching}>
        {!canPreview && <p className="empty">Add a recipient to see the letter.</p>}
        {canPreview && preview.isError && (
          <p className="error" role="alert">
            The letter cannot be laid out yet: {errorText(preview.error)}
          </p>
        )}
        {canPreview && preview.data && <LetterPreview pages={preview.data.pages} />}
      </div>
      {choosing && (
        <ExportChoice
          copies={copies}
          onClose={() => setChoosing(false)}
          onExport={(combined) => {
            setChoosing(false);
            exporter.mutate(combined);
          }}
        />
      )}
      {sending && (
        <MarkSentDialog
          recipient={sending}
          letterDate={form.date}
          onClose={() => setSending(null)}
          onDone={() => {
            setSending(null);
            client.invalidateQueries({ queryKey: ["letter", letterId] });
            client.invalidateQueries({ queryKey: ["letters"] });
            client.invalidateQueries({ queryKey: ["log"] });
          }}
        />
      )}
      {replying && (
        <ReplyDialog
          recipient={replying}
          onClose={() => setReplying(null)}
          onDone={() => {
            setReplying(null);
            client.invalidateQueries({ queryKey: ["letter", letterId] });
            client.invalidateQueries({ queryKey: ["log"] });
          }}
        />
      )}
    </section>
  );
}

function ExportChoice(props: { copies: number; onClose: () => void; onExport: (combined: boolean) => void }) {
  const [combined, setCombined] = useState(false);
  return (
    <Dialog title={`Export ${props.copies} copies`} onClose={props.onClose}>
      <div className="radios vertical" role="radiogroup" aria-label="Files">
        <label>
          <input type="radio" name="files" checked={!combined} onChange={() => setCombined(false)} />
          One PDF per recipient
        </label>
        <label>
          <input type="radio" name="files" checked={combined} onChange={() => setCombined(true)} />
          One combined PDF
        </label>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => props.onExport(combined)}>
          Export…
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
