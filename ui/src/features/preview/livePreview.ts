// The live preview's traffic: at most one layout request in flight; edits
// made meanwhile are coalesced into one request for the newest form as soon
// as the answer is in; an answer older than the one shown is dropped. Each
// request says which pages and glyph outlines the window already has, so an
// answer carries only the pages that changed (see glyphs.ts).
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { DraftPreview, NewLetter, PageDrawing } from "../../ipc";
import { keys } from "../../queries";
import { defineGlyphs, knownGlyphs } from "./glyphs";

/** A page of the live preview with its drawing. */
export interface LivePage {
  key: string;
  drawing: PageDrawing;
}

/** An answer with every page's drawing filled in from what was shown before. */
export type LiveAnswer = Omit<DraftPreview, "pages" | "glyphs"> & { pages: LivePage[] };

export interface Shown {
  /** The request the shown answer (or error) belongs to; 0 before any. */
  seq: number;
  data: LiveAnswer | null;
  error: unknown;
}

/**
 * Take `answer` to request `seq` if it is newer than what is shown; page
 * drawings the answer left out come from `pages` (key → drawing), which is
 * updated to hold exactly the pages now shown. Returns null to keep `shown`
 * (a stale answer), or throws when a page left out is not known.
 */
export function accept(
  shown: Shown,
  seq: number,
  answer: DraftPreview,
  pages: Map<string, PageDrawing>,
): Shown | null {
  if (seq <= shown.seq) return null;
  const drawn: LivePage[] = answer.pages.map((p) => {
    const drawing = p.drawing ?? pages.get(p.key);
    if (drawing === undefined) throw new Error(`the preview lost page ${p.key}`);
    return { key: p.key, drawing };
  });
  defineGlyphs(answer.glyphs);
  pages.clear();
  for (const p of drawn) pages.set(p.key, p.drawing);
  const { warnings, resolved, missing } = answer;
  return { seq, error: null, data: { warnings, resolved, missing, pages: drawn } };
}

/** What one preview answer cost and when it reached the screen (for `make bench`). */
export interface PreviewMark {
  sentAt: number;
  /** When the answer arrived, and when React had put it in the page. */
  answeredAt: number;
  committedAt: number;
  paintedAt: number;
  /** Of the time to commit, how long the canvas took (LivePages). */
  glyphPaintMs: number;
  bytes: number;
  /** How many pages the answer redrew. */
  redrawn: number;
}

declare global {
  interface Window {
    /** Set to an array by the benchmark; each painted answer is pushed to it. */
    __amicusPreviewMarks?: PreviewMark[];
  }
}

let epochs = 0;

/** The live preview of `form` while `enabled`; the last answer stays up meanwhile. */
export function useLivePreview(form: NewLetter, enabled: boolean) {
  const [shown, setShown] = useState<Shown>({ seq: 0, data: null, error: null });
  const [busy, setBusy] = useState(false);
  const flow = useRef({
    inFlight: false,
    pending: null as NewLetter | null,
    seq: 0,
    pages: new Map<string, PageDrawing>(),
    shown: { seq: 0, data: null, error: null } as Shown,
    mark: null as Omit<PreviewMark, "committedAt" | "paintedAt" | "glyphPaintMs"> | null,
    alive: true,
  });
  // A change to the record the letter is laid out from (an office, the
  // letterhead, a template) asks again, as an edit would.
  const epoch = useQuery({
    queryKey: [...keys.draftPreview, "epoch"],
    queryFn: () => ++epochs,
    staleTime: Infinity,
  }).data;

  useEffect(() => {
    const f = flow.current;
    f.alive = true;
    return () => {
      f.alive = false;
    };
  }, []);

  // The bench's marks: when the answer it belongs to reached the screen.
  useLayoutEffect(() => {
    const f = flow.current;
    const marks = window.__amicusPreviewMarks;
    if (!marks || !f.mark || shown.seq === 0) return;
    const mark = f.mark;
    const committedAt = performance.now();
    f.mark = null;
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        marks.push({ ...mark, committedAt, paintedAt: performance.now(), glyphPaintMs: window.__amicusGlyphPaintMs ?? 0 }),
      ),
    );
  }, [shown]);

  const formKey = JSON.stringify(form);
  useEffect(() => {
    if (!enabled) return;
    const f = flow.current;
    const letter = JSON.parse(formKey) as NewLetter;
    if (f.inFlight) {
      f.pending = letter;
      return;
    }
    const ask = (l: NewLetter) => {
      f.inFlight = true;
      setBusy(true);
      const seq = ++f.seq;
      const sentAt = performance.now();
      const have = { pages: [...f.pages.keys()], glyphs: knownGlyphs() };
      ipc
        .draftPreview(l, have)
        .then(
          (answer) => {
            if (!f.alive) return;
            try {
              const next = accept(f.shown, seq, answer, f.pages);
              if (next) {
                f.shown = next;
                if (window.__amicusPreviewMarks) {
                  f.mark = {
                    sentAt,
                    answeredAt: performance.now(),
                    bytes: JSON.stringify(answer).length,
                    redrawn: answer.pages.filter((p) => p.drawing !== null).length,
                  };
                }
                setShown(next);
              }
            } catch {
              // A page the window no longer has: ask for every page again.
              f.pages.clear();
              f.pending ??= l;
            }
          },
          (error: unknown) => {
            if (!f.alive || seq <= f.shown.seq) return;
            f.shown = { ...f.shown, seq, error };
            setShown(f.shown);
          },
        )
        .finally(() => {
          f.inFlight = false;
          const next = f.pending;
          f.pending = null;
          if (next && f.alive) ask(next);
          else setBusy(false);
        });
    };
    ask(letter);
  }, [formKey, enabled, epoch]);

  return {
    // The last pages laid out stay up under an error, never a blank.
    data: shown.data ?? undefined,
    error: shown.error,
    isError: shown.error !== null && shown.error !== undefined,
    isFetching: busy,
  };
}
