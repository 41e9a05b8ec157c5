import { describe, expect, it, vi, beforeEach } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { DraftPreview, NewLetter, PageDrawing } from "../../ipc";
import { blankLetter, livePage, page } from "../../test/fixtures";
import { accept, useLivePreview, type Shown } from "./livePreview";
import { defineGlyphs, forgetGlyphs, knownGlyphs } from "./glyphs";
import { LivePages, paintGlyphs } from "./LivePages";

vi.mock("../../ipc");

const answer = (texts: string[], known: string[] = []): DraftPreview => ({
  pages: texts.map((t) => (known.includes(`k:${t}`) ? { key: `k:${t}`, drawing: null } : livePage(t))),
  glyphs: [],
  warnings: [],
  resolved: [],
  missing: [], greetings: [], copy: 0,
});

const overlays = (s: Shown | null) => s?.data?.pages.map((p) => p.drawing.overlay);
const nothing: Shown = { seq: 0, data: null, error: null };

describe("accept", () => {
  it("fills the pages an answer left out from those shown, and keeps exactly the pages shown", () => {
    const pages = new Map<string, PageDrawing>();
    const first = accept(nothing, 1, answer(["one", "two"]), pages);
    expect(overlays(first)).toEqual([page("one"), page("two")]);
    if (!first) throw new Error("the first answer was refused");
    const second = accept(first, 2, answer(["one", "two, edited"], ["k:one"]), pages);
    expect(overlays(second)).toEqual([page("one"), page("two, edited")]);
    expect([...pages.keys()]).toEqual(["k:one", "k:two, edited"]);
  });

  it("never lets an older answer overwrite a newer one", () => {
    const pages = new Map<string, PageDrawing>();
    const newer = accept(nothing, 2, answer(["newer"]), pages);
    if (!newer) throw new Error("the first answer was refused");
    expect(accept(newer, 1, answer(["older"]), pages)).toBeNull();
    expect([...pages.keys()]).toEqual(["k:newer"]);
  });

  it("refuses an answer that leans on a page the window does not have", () => {
    expect(() => accept(nothing, 1, answer(["gone"], ["k:gone"]), new Map())).toThrow(/lost page/);
  });
});

describe("glyphs", () => {
  beforeEach(() => forgetGlyphs());

  it("are kept once each and listed as held", () => {
    defineGlyphs([{ id: 1, d: "M0 0L1 1Z" }, { id: 2, d: "M0 0Z" }]);
    defineGlyphs([{ id: 1, d: "M0 0L1 1Z" }, { id: 65539, d: "M1 1Z" }]);
    expect(knownGlyphs().sort((a, b) => a - b)).toEqual([1, 2, 65539]);
  });

  it("are painted where the layout placed them, scaled to the canvas and flipped", () => {
    class FakePath {
      constructor(readonly d: string) {}
    }
    vi.stubGlobal("Path2D", FakePath);
    defineGlyphs([{ id: 7, d: "M0 0L500 700Z" }]);
    const calls: unknown[][] = [];
    const ctx = {
      setTransform: (...a: number[]) => calls.push(["transform", ...a]),
      clearRect: () => undefined,
      fill: (p: FakePath) => calls.push(["fill", p.d]),
      set fillStyle(c: string) {
        calls.push(["color", c]);
      },
    };
    const canvas = { clientWidth: 306, width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
    vi.stubGlobal("devicePixelRatio", 2);
    paintGlyphs(canvas, {
      width: 612,
      height: 792,
      overlay: "",
      lines: [{ color: "#1f2a44", scale: 0.01, glyphs: [7, 72, 100.5, 7, 80, 100.5, 99, 90, 100.5] }],
    });
    vi.unstubAllGlobals();
    // 306 CSS px at 2x: a 612 × 792 bitmap, one pixel per point.
    expect([canvas.width, canvas.height]).toEqual([612, 792]);
    expect(calls).toContainEqual(["color", "#1f2a44"]);
    expect(calls).toContainEqual(["transform", 0.01, 0, 0, -0.01, 72, 100.5]);
    expect(calls).toContainEqual(["transform", 0.01, 0, 0, -0.01, 80, 100.5]);
    // Glyph 99 has no outline held: it is skipped, not drawn as garbage.
    expect(calls.filter((c) => c[0] === "fill")).toHaveLength(2);
  });
});

const formRendered = vi.fn();

function Harness({ form }: { form: NewLetter }) {
  const preview = useLivePreview(form, true);
  // Every render of the form around the preview, counted as it happens
  // (an effect would be counted whenever the renderer flushes effects).
  formRendered();
  return <LivePages store={preview.pages} />;
}

function renderHarness(form: NewLetter) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <Harness form={form} />
    </QueryClientProvider>,
  );
  return (f: NewLetter) =>
    view.rerender(
      <QueryClientProvider client={client}>
        <Harness form={f} />
      </QueryClientProvider>,
    );
}

describe("useLivePreview", () => {
  beforeEach(() => vi.resetAllMocks());

  it("keeps one request in flight and asks next for the newest edit only, saying which pages it has", async () => {
    const answers: ((a: DraftPreview) => void)[] = [];
    vi.mocked(ipc.draftPreview).mockImplementation(
      () => new Promise<DraftPreview>((resolve) => answers.push(resolve)),
    );
    const form = (subject: string) => ({ ...blankLetter, subject });
    const rerender = renderHarness(form("a"));
    await waitFor(() => expect(ipc.draftPreview).toHaveBeenCalledTimes(1));
    rerender(form("ab"));
    rerender(form("abc"));
    expect(ipc.draftPreview).toHaveBeenCalledTimes(1);
    await act(async () => answers[0]?.(answer(["page 1", "page 2 a"])));
    await waitFor(() => expect(ipc.draftPreview).toHaveBeenCalledTimes(2));
    const [letter, have] = vi.mocked(ipc.draftPreview).mock.calls[1] ?? [];
    expect(letter?.subject).toBe("abc");
    expect(have?.pages).toEqual(["k:page 1", "k:page 2 a"]);
    expect(screen.getAllByTestId("preview-page")).toHaveLength(2);
  });

  it("shows a new version of a page without re-rendering the form around the preview", async () => {
    let next = answer(["page one"]);
    vi.mocked(ipc.draftPreview).mockImplementation(async () => next);
    const rerender = renderHarness({ ...blankLetter, body: "v1" });
    await waitFor(() => expect(screen.getByText("page one")).toBeTruthy());
    next = answer(["page one, edited"], ["k:page one"]);
    const before = formRendered.mock.calls.length;
    rerender({ ...blankLetter, body: "v2" });
    await waitFor(() => expect(screen.getByText("page one, edited")).toBeTruthy());
    // One render for the edit itself; none for the answer, which changed only a page.
    expect(formRendered.mock.calls.length - before).toBe(1);
  });

  it("replaces only the page an edit changed; the others stay the same elements", async () => {
    let next = answer(["cover", "middle", "end"]);
    vi.mocked(ipc.draftPreview).mockImplementation(async () => next);
    const rerender = renderHarness({ ...blankLetter, body: "v1" });
    await waitFor(() => expect(screen.getAllByTestId("preview-page")).toHaveLength(3));
    const svgs = () => screen.getAllByTestId("preview-page").map((p) => p.querySelector("svg"));
    const before = svgs();
    next = answer(["cover", "middle, edited", "end"], ["k:cover", "k:middle", "k:end"]);
    rerender({ ...blankLetter, body: "v2" });
    await waitFor(() => expect(screen.getByText("middle, edited")).toBeTruthy());
    const after = svgs();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});
