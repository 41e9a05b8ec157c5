import { describe, expect, it, vi, beforeEach } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { DraftPreview, NewLetter } from "../../ipc";
import { blankLetter, livePage, page } from "../../test/fixtures";
import { accept, useLivePreview, type Shown } from "./livePreview";
import { defineGlyphs, knownGlyphs } from "./glyphs";
import { LetterPreview } from "./LetterPreview";

vi.mock("../../ipc");

const answer = (texts: string[], known: string[] = []): DraftPreview => ({
  pages: texts.map((t) => (known.includes(`k:${t}`) ? { key: `k:${t}`, svg: null } : livePage(t))),
  glyphs: [],
  warnings: [],
  resolved: [],
  missing: [],
});

const nothing: Shown = { seq: 0, data: null, error: null };

describe("accept", () => {
  it("fills the pages an answer left out from those shown, and keeps exactly the pages shown", () => {
    const pages = new Map<string, string>();
    const first = accept(nothing, 1, answer(["one", "two"]), pages);
    expect(first?.data?.pages).toEqual([page("one"), page("two")]);
    if (!first) throw new Error("the first answer was refused");
    const second = accept(first, 2, answer(["one", "two, edited"], ["k:one"]), pages);
    expect(second?.data?.pages).toEqual([page("one"), page("two, edited")]);
    expect([...pages.keys()]).toEqual(["k:one", "k:two, edited"]);
  });

  it("never lets an older answer overwrite a newer one", () => {
    const pages = new Map<string, string>();
    const newer = accept(nothing, 2, answer(["newer"]), pages);
    if (!newer) throw new Error("the first answer was refused");
    expect(accept(newer, 1, answer(["older"]), pages)).toBeNull();
    expect([...pages.keys()]).toEqual(["k:newer"]);
  });

  it("refuses an answer that leans on a page the window does not have", () => {
    expect(() => accept(nothing, 1, answer(["gone"], ["k:gone"]), new Map())).toThrow(/lost page/);
  });
});

describe("glyph definitions", () => {
  it("are defined once each, in one hidden holder", () => {
    defineGlyphs([{ id: "ag0-1", d: "M0 0L1 1Z" }, { id: "ag0-2", d: "M0 0Z" }]);
    defineGlyphs([{ id: "ag0-1", d: "M0 0L1 1Z" }, { id: "ag0-3", d: "M1 1Z" }]);
    expect(document.querySelectorAll("#amicus-glyphs path")).toHaveLength(3);
    expect(knownGlyphs().sort()).toEqual(["ag0-1", "ag0-2", "ag0-3"]);
  });
});

function Harness({ form }: { form: NewLetter }) {
  const preview = useLivePreview(form, true);
  return <LetterPreview pages={preview.data?.pages ?? []} />;
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

  it("replaces only the page an edit changed; the others stay the same elements", async () => {
    let next = answer(["cover", "middle", "end"]);
    vi.mocked(ipc.draftPreview).mockImplementation(async () => next);
    const rerender = renderHarness({ ...blankLetter, body: "v1" });
    await waitFor(() => expect(screen.getAllByTestId("preview-page")).toHaveLength(3));
    const before = screen.getAllByTestId("preview-page").map((p) => p.firstElementChild);
    next = answer(["cover", "middle, edited", "end"], ["k:cover", "k:middle", "k:end"]);
    rerender({ ...blankLetter, body: "v2" });
    await waitFor(() => expect(screen.getByText("middle, edited")).toBeTruthy());
    const after = screen.getAllByTestId("preview-page").map((p) => p.firstElementChild);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});
