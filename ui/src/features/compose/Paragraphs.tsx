// "Insert paragraph…": the team's stock paragraphs, searchable by title,
// text, tags and issue; the chosen one goes into the body at the cursor and
// the letter records where it came from. New paragraphs are saved here too.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Paragraph } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, fieldError } from "../../components/common";
import { keys } from "../../queries";

/** `body` with `text` put in as its own paragraph at `at` (the cursor). */
export function insertParagraph(body: string, at: number, text: string): { body: string; cursor: number } {
  const before = body.slice(0, at).replace(/\s+$/, "");
  const after = body.slice(at).replace(/^\s+/, "");
  const head = before ? `${before}\n\n` : "";
  const tail = after ? `\n\n${after}` : "";
  return { body: `${head}${text.trim()}${tail}`, cursor: head.length + text.trim().length };
}

export function ParagraphDialog({
  issueId,
  onClose,
  onInsert,
}: {
  /** The letter's issue: its paragraphs come first. */
  issueId: number | null;
  onClose: () => void;
  onInsert: (p: Paragraph) => void;
}) {
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<Paragraph | null>(null);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [tags, setTags] = useState("");
  // The paragraph just saved: chosen as soon as the list shows it.
  const [saved, setSaved] = useState<number | null>(null);
  const found = useQuery({
    queryKey: keys.paragraphsMatching(search, issueId),
    queryFn: () => ipc.paragraphsList(search, issueId),
  });
  const save = useMutation({
    mutationFn: (v: { title: string; body: string; tags: string }) =>
      ipc.paragraphSave(null, { title: v.title, body: v.body, issue_id: issueId, tags: v.tags.split(/[\s,]+/).filter(Boolean) }),
    onSuccess: (id) => {
      setAdding(false);
      setSaved(id);
      setSearch(title);
      setTitle("");
      setText("");
      setTags("");
    },
  });
  const list = found.data ?? [];
  const chosen = picked ?? list.find((p) => p.id === saved) ?? null;
  return (
    <Dialog title="Insert a stock paragraph" onClose={onClose} wide>
      {!adding ? (
        <>
          <label>
            Search
            <input
              type="search"
              value={search}
              placeholder="Title, words of the text, a tag"
              onChange={(e) => {
                setSearch(e.target.value);
                setPicked(null);
              }}
            />
          </label>
          {found.isError && <ErrorNote error={found.error} />}
          {found.isSuccess && list.length === 0 && (
            <p className="muted">{search.trim() ? "No paragraph matches." : "No stock paragraphs yet: add the first."}</p>
          )}
          <ul className="send-list" aria-label="Paragraphs">
            {list.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input type="radio" name="paragraph" checked={chosen?.id === p.id} onChange={() => setPicked(p)} />
                  <span>
                    <strong>{p.title}</strong>
                    <span className="muted">
                      {p.issue ? ` — ${p.issue}` : ""}
                      {p.tags.map((t) => ` #${t}`).join("")}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {chosen && <blockquote className="paragraph-preview">{chosen.body}</blockquote>}
          <div className="actions">
            <button type="button" onClick={() => setAdding(true)}>
              New paragraph…
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!chosen} onClick={() => chosen && onInsert(chosen)}>
              Insert
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ title, body: text, tags });
          }}
        >
          <label>
            Title
            <input value={title} aria-invalid={!!fieldError(save.error, "title")} onChange={(e) => setTitle(e.target.value)} />
          </label>
          {fieldError(save.error, "title") && <p className="error field-error">{fieldError(save.error, "title")}</p>}
          <label>
            Text
            <textarea rows={6} value={text} aria-invalid={!!fieldError(save.error, "body")} onChange={(e) => setText(e.target.value)} />
          </label>
          {fieldError(save.error, "body") && <p className="error field-error">{fieldError(save.error, "body")}</p>}
          <label>
            Tags, separated by spaces
            <input value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          {save.isError && !fieldError(save.error, "title") && !fieldError(save.error, "body") && (
            <ErrorNote error={save.error} prefix="Not saved" />
          )}
          <div className="actions">
            <button type="button" onClick={() => setAdding(false)}>
              Back
            </button>
            <button type="submit" className="primary" disabled={save.isPending}>
              Save paragraph
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
