import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "./App";
import {
  blankLetter,
  catalog,
  clockView,
  danaOnTeam,
  fakeTeamConnection,
  letters,
  nth,
  livePage,
  ownRecord,
  renderWithQuery,
} from "./test/fixtures";

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
  officialsPage: vi.fn(),
  personDetail: vi.fn(),
  officesList: vi.fn(),
  officeDetail: vi.fn(),
  issuesOverview: vi.fn(),
  letterOpen: vi.fn(),
  teamStatus: vi.fn(),
  onTeamConnection: vi.fn(),
}));
import * as ipc from "./ipc";

/** Search finds Alex Padilla, whose page the officials screen can open. */
function padillaFound() {
  const person = { id: 3, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null };
  vi.mocked(ipc.search).mockResolvedValue([{ kind: "person", id: 3, title: "Alex Padilla", snippet: "Alex [Padilla]", detail: "U.S. Senator for California (since 2021)" }]);
  vi.mocked(ipc.officialsPage).mockResolvedValue({ rows: [], total: 0 });
  vi.mocked(ipc.personDetail).mockResolvedValue({ person, terms: [], local_offices: [] });
}

describe("App", () => {
  let connection: ReturnType<typeof fakeTeamConnection>;
  beforeEach(() => {
    vi.resetAllMocks();
    connection = fakeTeamConnection();
    vi.mocked(ipc.onTeamConnection).mockImplementation(connection.listen);
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.appReady).mockResolvedValue(null);
    vi.mocked(ipc.sentLog).mockResolvedValue([]);
    vi.mocked(ipc.letterBlank).mockResolvedValue(blankLetter);
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [livePage("Dear Secretary Ross:")], glyphs: [], warnings: [], resolved: ["Wilbur Ross"], missing: [], greetings: [], copy: 0 });
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

  it("selects the old search on Ctrl+F, so typing replaces it; arrow keys move through the hits and Enter opens one", async () => {
    vi.mocked(ipc.search).mockResolvedValue([
      { kind: "office", id: 10, title: "Secretary of Commerce", snippet: "", detail: null },
      { kind: "letter", id: 2, title: "The amended KORUS", snippet: "", detail: null },
    ]);
    vi.mocked(ipc.letterOpen).mockResolvedValue({ summary: nth(letters, 1), draft: blankLetter, recipients: [], signature_drawn: false, steps: [] });
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    const search = screen.getByRole("searchbox", { name: "Search everything" }) as HTMLInputElement;
    await userEvent.type(search, "Padilla");
    await userEvent.click(screen.getByRole("heading", { name: "Letters" }));
    await userEvent.keyboard("{Control>}f{/Control}");
    await userEvent.keyboard("KORUS");
    expect(search.value).toBe("KORUS");
    const results = await screen.findByRole("list", { name: "Search results" });
    const current = () => within(results).getAllByRole("listitem").findIndex((li) => li.getAttribute("aria-current") === "true");
    expect(current()).toBe(0);
    await userEvent.keyboard("{ArrowDown}");
    expect(current()).toBe(1);
    await userEvent.keyboard("{ArrowDown}");
    expect(current()).toBe(1);
    await userEvent.keyboard("{ArrowUp}{ArrowDown}{Enter}");
    expect(await screen.findByRole("heading", { name: "Letter 2" })).toBeTruthy();
    expect(ipc.letterOpen).toHaveBeenCalledWith(2);
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

  it("leaves a new letter nothing was entered in without asking", async () => {
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.click(nth(screen.getAllByRole("button", { name: "New letter" }), 0));
    await screen.findByRole("textbox", { name: "Subject" });
    await userEvent.click(screen.getByRole("button", { name: "Sent log" }));
    expect(await screen.findByRole("heading", { name: "Sent log" })).toBeTruthy();
    expect(screen.queryByRole("dialog", { name: "Discard unsaved changes?" })).toBeNull();
  });

  it("takes a person hit to that person, beside the officials list", async () => {
    padillaFound();
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.type(screen.getByRole("searchbox", { name: "Search everything" }), "Padilla");
    await userEvent.click(await screen.findByRole("button", { name: /Alex Padilla/ }));
    expect(await screen.findByRole("heading", { name: "Officials" })).toBeTruthy();
    expect(await screen.findByRole("complementary", { name: "Alex Padilla" })).toBeTruthy();
    expect(ipc.personDetail).toHaveBeenCalledWith(3);
  });

  it("goes to the first hit on Enter", async () => {
    padillaFound();
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    const search = screen.getByRole("searchbox", { name: "Search everything" });
    await userEvent.type(search, "Padilla");
    // A person hit says the office held, in Rust's words.
    await screen.findByRole("button", { name: /Alex Padilla — U\.S\. Senator for California \(since 2021\)/ });
    await userEvent.type(search, "{Enter}");
    expect(await screen.findByRole("complementary", { name: "Alex Padilla" })).toBeTruthy();
    expect((search as HTMLInputElement).value).toBe("");
  });

  it("takes an office hit to that office, a letter hit to the letter, a position hit to its issue", async () => {
    const commerce = nth(catalog.offices, 0);
    vi.mocked(ipc.search).mockImplementation(async (text) => {
      if (text === "Commerce") return [{ kind: "office", id: 10, title: "Secretary of Commerce", snippet: "Secretary of [Commerce]", detail: null }];
      if (text === "KORUS") return [{ kind: "position", id: 1, title: "U.S.–Korea Free Trade Agreement (KORUS)", snippet: "[KORUS]", detail: null }];
      return [{ kind: "letter", id: 2, title: "The amended KORUS", snippet: "To Robert E. [Lighthizer], 2018-09-24", detail: null }];
    });
    vi.mocked(ipc.officesList).mockResolvedValue([{ office: commerce, label: commerce.title, holder: null }]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({ office: commerce, label: commerce.title, senate_class: null, holders: [] });
    vi.mocked(ipc.issuesOverview).mockResolvedValue(catalog.issues);
    vi.mocked(ipc.letterOpen).mockResolvedValue({ summary: nth(letters, 1), draft: blankLetter, recipients: [], signature_drawn: false, steps: [] });
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    const search = screen.getByRole("searchbox", { name: "Search everything" });

    await userEvent.type(search, "Commerce");
    await userEvent.click(await screen.findByRole("button", { name: /Secretary of Commerce/ }));
    expect(await screen.findByRole("complementary", { name: "Secretary of Commerce" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Offices" }).getAttribute("aria-selected")).toBe("true");

    await userEvent.type(search, "KORUS");
    await userEvent.click(await screen.findByRole("button", { name: /position/ }));
    const issue = await screen.findByRole("article", { name: "U.S.–Korea Free Trade Agreement (KORUS)" });
    expect(issue.getAttribute("aria-current")).toBe("true");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("U.S.–Korea Free Trade Agreement (KORUS)"));

    // A person's name finds the letters to them too: the snippet says why, its date written out.
    await userEvent.type(search, "Lighthizer");
    const hit = await screen.findByRole("button", { name: /The amended KORUS/ });
    expect(hit.querySelector("mark")?.textContent).toBe("Lighthizer");
    expect(hit.querySelector(".snippet")?.textContent).toBe("To Robert E. Lighthizer, September 24, 2018");
    // The kind is a column of its own; the title and the snippet wrap together beside it.
    expect([...hit.children].map((c) => c.className)).toEqual(["kind", "hit"]);
    expect(hit.querySelector(".hit .title")?.textContent).toBe("The amended KORUS");
    await userEvent.click(hit);
    expect(await screen.findByRole("heading", { name: "Letter 2" })).toBeTruthy();
    expect(ipc.letterOpen).toHaveBeenCalledWith(2);
  });

  it("takes a committee hit to the letters sent to it, and lists those letters under it", async () => {
    vi.mocked(ipc.search).mockResolvedValue([
      { kind: "committee", id: 4, title: "Senate Committee on Finance", snippet: "SSFI · 1 letter to it", detail: null },
      { kind: "letter", id: 2, title: "The amended KORUS", snippet: "To the Senate Committee on Finance, 2018-09-24", detail: null },
    ]);
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await userEvent.type(screen.getByRole("searchbox", { name: "Search everything" }), "Finance");
    const results = await screen.findByRole("list", { name: "Search results" });
    const letter = await within(results).findByRole("button", { name: /The amended KORUS/ });
    expect(letter.querySelector(".snippet")?.textContent).toBe("To the Senate Committee on Finance, September 24, 2018");
    await userEvent.click(within(results).getByRole("button", { name: /^committee Senate Committee on Finance/ }));
    await screen.findByRole("heading", { name: "Sent log" });
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0].group).toBe("Senate Committee on Finance"));
  });

  it("says whose session it is on a team record, and nothing on this computer's own", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue({ ...danaOnTeam, session: { user: "dana", roles: ["drafter", "approver"] } });
    const { unmount } = renderWithQuery(<App />);
    const badge = await screen.findByLabelText("Signed in as dana");
    expect(badge.textContent).toBe("dana · approver");
    expect(badge.getAttribute("title")).toBe("dana@db.example.org/amicus");
    expect(badge.closest("header")).toBeTruthy();
    unmount();

    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await waitFor(() => expect(ipc.teamStatus).toHaveBeenCalledTimes(2));
    expect(screen.queryByLabelText(/^Signed in as/)).toBeNull();
    expect(screen.queryByTestId("session-badge")).toBeNull();
  });

  it("puts up a banner while the team record's server cannot be reached, and takes it down when it is back", async () => {
    renderWithQuery(<App />);
    await screen.findByRole("heading", { name: "Letters" });
    await waitFor(() => expect(connection.listening()).toBe(1));
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => connection.fire({ state: "lost", message: "connection refused" }));
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toBe(
      "The team record's server cannot be reached (connection refused). Amicus keeps trying; what you type stays here.",
    );
    expect(banner.getAttribute("aria-live")).toBe("assertive");
    // Over the top of the content area, under the search bar: laid over the screen (layout.test.tsx).
    const layer = banner.closest(".connection-banners");
    expect(layer?.previousElementSibling?.tagName).toBe("HEADER");
    expect(layer?.nextElementSibling?.tagName).toBe("MAIN");
    act(() => connection.fire({ state: "back" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(screen.getByText("Connected to the team record again").closest("[role=status]")).toBeTruthy();
  });
});
