import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "./App";
import { blankLetter, catalog, clockView, letters, nth, page, renderWithQuery } from "./test/fixtures";

vi.mock("./ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./ipc")>()),
  lettersList: vi.fn(),
  catalog: vi.fn(),
  draftPreview: vi.fn(),
  officialsList: vi.fn(),
  appReady: vi.fn(),
  search: vi.fn(),
  sentLog: vi.fn(),
  letterBlank: vi.fn(),
  clock: vi.fn(),
}));
import * as ipc from "./ipc";

describe("App", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.appReady).mockResolvedValue(null);
    vi.mocked(ipc.sentLog).mockResolvedValue([]);
    vi.mocked(ipc.letterBlank).mockResolvedValue(blankLetter);
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [page("Dear Secretary Ross:")], warnings: [], resolved: ["Wilbur Ross"], missing: [] });
  });

  it("starts on the letters list and tells the shell it is ready", async () => {
    renderWithQuery(<App />);
    expect(await screen.findByRole("heading", { name: "Letters" })).toBeTruthy();
    await waitFor(() => expect(ipc.appReady).toHaveBeenCalledTimes(1));
    expect(screen.getByRole("button", { name: "Letters" }).getAttribute("aria-current")).toBe("page");
  });

  it("opens a new letter with Ctrl+N and focuses search with Ctrl+F", async () => {
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.keyboard("{Control>}n{/Control}");
    expect(await screen.findByRole("heading", { name: "New letter" })).toBeTruthy();
    await userEvent.keyboard("{Control>}f{/Control}");
    expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search everything" }));
  });

  it("asks before discarding an unsaved letter", async () => {
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.click(nth(screen.getAllByRole("button", { name: "New letter" }), 0));
    await userEvent.type(await screen.findByRole("textbox", { name: "Subject" }), "Half written");
    await userEvent.click(screen.getByRole("button", { name: "Sent log" }));
    const dialog = await screen.findByRole("dialog", { name: "Discard unsaved changes?" });
    expect(dialog).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Keep editing" }));
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe("Half written");
    await userEvent.click(screen.getByRole("button", { name: "Sent log" }));
    await userEvent.click(await screen.findByRole("button", { name: "Discard changes" }));
    expect(await screen.findByRole("heading", { name: "Sent log" })).toBeTruthy();
  });

  it("finds records from the search box", async () => {
    vi.mocked(ipc.search).mockResolvedValue([{ kind: "person", id: 3, title: "Alex Padilla", snippet: "[Padilla]" }]);
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.type(screen.getByRole("searchbox", { name: "Search everything" }), "Padilla");
    await userEvent.click(await screen.findByRole("button", { name: /Alex Padilla/ }));
    expect(await screen.findByRole("heading", { name: "Officials" })).toBeTruthy();
  });
});
