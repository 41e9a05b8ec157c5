// The live preview's traffic: at most one layout request in flight; edits
// made meanwhile are coalesced into one request for the newest form as soon
// as the answer is in; an answer older than the one shown is dropped. Each
// request says which pages and glyph outlines the window already has, so an
// answer carries only the pages that changed (see glyphs.ts).
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { DraftPreview, NewLetter, PageDrawing, Status } from "../../ipc";
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
  const { warnings, resolved, missing, greetings, copy } = answer;
  return { seq, error: null, data: { warnings, resolved, missing, greetings, copy, pages: drawn } };
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

/** What the form around the preview needs from an answer (not the pages). */
export type PreviewMeta = Omit<LiveAnswer, "pages"> & { pageCount: number };

type PendingMark = Omit<PreviewMark, "committedAt" | "paintedAt" | "glyphPaintMs">;

/**
 * The pages shown and whether a newer version is being laid out. Only the
 * pages subscribe to it, so a new version of a page re-renders the pages,
 * not the whole compose form around them.
 */
export class PageStore {
  private snapshot: { pages: LivePage[]; busy: boolean } = { pages: [], busy: false };
  private listeners = new Set<() => void>();
  /** The benchmark's mark for the answer the pages are about to show. */
  mark: PendingMark | null = null;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  get = () => this.snapshot;
  /** The mark waiting for the pages just shown, once. */
  takeMark(): PendingMark | null {
    const mark = this.mark;
    this.mark = null;
    return mark;
  }
  set(patch: Partial<{ pages: LivePage[]; busy: boolean }>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}

/** The saved letter a form shows unchanged, and its status. */
export interface SavedLetter {
  id: number;
  status: Status;
}

/**
 * The live preview of `form` while `enabled`; the last answer stays up
 * meanwhile. `saved` names the saved letter the form shows unchanged once
 * approved, and its status: Rust then leaves off the draft band (and draws
 * the signature of a signed one); a new status asks again.
 */
export function useLivePreview(form: NewLetter, enabled: boolean, saved: SavedLetter | null = null, copy = 0) {
  const savedLetter = saved?.id ?? null;
  const savedKey = saved ? `${saved.id}:${saved.status}` : "";
  const [meta, setMeta] = useState<{ data: PreviewMeta | null; error: unknown }>({ data: null, error: null });
  const [store] = useState(() => new PageStore());
  const flow = useRef({
    inFlight: false,
    pending: null as NewLetter | null,
    seq: 0,
    pages: new Map<string, PageDrawing>(),
    shown: { seq: 0, data: null, error: null } as Shown,
    metaKey: "",
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

  const formKey = JSON.stringify(form);
  useEffect(() => {
    if (!enabled) return;
    const f = flow.current;
    const letter = JSON.parse(formKey) as NewLetter;
    if (f.inFlight) {
      f.pending = letter;
      return;
    }
    // The form re-renders only when what it shows changes (who each
    // recipient is, warnings, what is missing, an error), not per page.
    const show = (data: PreviewMeta | null, error: unknown) => {
      const key = JSON.stringify([data, error]);
      if (key === f.metaKey) return;
      f.metaKey = key;
      setMeta({ data, error });
    };
    const ask = (l: NewLetter) => {
      f.inFlight = true;
      store.set({ busy: true });
      const seq = ++f.seq;
      const sentAt = performance.now();
      const have = {
        pages: [...f.pages.keys()],
        glyphs: knownGlyphs(),
        copy,
        ...(savedLetter !== null ? { saved_letter: savedLetter } : {}),
      };
      ipc
        .draftPreview(l, have)
        .then(
          (answer) => {
            if (!f.alive) return;
            try {
              const next = accept(f.shown, seq, answer, f.pages);
              if (next?.data) {
                f.shown = next;
                if (__TEST_HOOKS__ && window.__amicusPreviewMarks) {
                  store.mark = {
                    sentAt,
                    answeredAt: performance.now(),
                    bytes: JSON.stringify(answer).length,
                    redrawn: answer.pages.filter((p) => p.drawing !== null).length,
                  };
                }
                const { pages, ...rest } = next.data;
                store.set({ pages });
                show({ ...rest, pageCount: pages.length }, null);
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
            const last = f.shown.data;
            show(
              last
                ? {
                    warnings: last.warnings,
                    resolved: last.resolved,
                    missing: last.missing,
                    greetings: last.greetings,
                    copy: last.copy,
                    pageCount: last.pages.length,
                  }
                : null,
              error,
            );
          },
        )
        .finally(() => {
          f.inFlight = false;
          const next = f.pending;
          f.pending = null;
          if (next && f.alive) ask(next);
          else store.set({ busy: false });
        });
    };
    ask(letter);
    // savedKey too: the same letter, signed since, asks again; and the
    // copy shown of a letter per recipient.
  }, [formKey, enabled, epoch, store, savedLetter, savedKey, copy]);

  return {
    // The last pages laid out stay up under an error, never a blank.
    data: meta.data ?? undefined,
    pages: store,
    error: meta.error,
    isError: meta.error !== null && meta.error !== undefined,
  };
}
