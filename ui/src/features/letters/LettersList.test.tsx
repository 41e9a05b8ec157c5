import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LettersList } from "./LettersList";
import { letters, nth, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  lettersList: vi.fn(),
}));
import * as ipc from "../../ipc";

const nthLetter = (i: number) => {
  const l = letters[i];
  if (!l) throw new Error(`no letter ${i} in the fixtures`);
  return l;
};

describe("LettersList", () => {
  beforeEach(() => vi.resetAllMocks());

  it("lists letters with their status and reports when shown", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    const shown = vi.fn();
    const open = vi.fn();
    renderWithQuery(<LettersList onOpen={open} onNew={vi.fn()} onShown={shown} />);
    const table = await screen.findByRole("table", { name: "Letters" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(nth(rows, 0)).getByText("Sent")).toBeTruthy();
    expect(within(nth(rows, 1)).getByText("Draft")).toBeTruthy();
    expect(within(nth(rows, 0)).getByText("September 5, 2017")).toBeTruthy();
    expect(shown).toHaveBeenCalledTimes(1);
    await userEvent.click(within(nth(rows, 1)).getByRole("button", { name: "The amended KORUS" }));
    expect(open).toHaveBeenCalledWith(2);
  });

  it("names a committee letter by its committee, the members in its tooltip and its search", async () => {
    const senators = Array.from({ length: 27 }, (_, i) => `Senator ${i + 1} (U.S. Senator)`);
    senators[3] = "Mike Crapo (U.S. Senator for Idaho)";
    vi.mocked(ipc.lettersList).mockResolvedValue([
      { ...nthLetter(0), id: 3, recipients: [...senators, "Howard Lutnick (Secretary of Commerce)"], addressed_to: ["Senate Committee on Finance", "1 other"] },
      nthLetter(1),
    ]);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Letters" });
    const cell = within(table).getByText("Senate Committee on Finance; 1 other");
    expect(cell.getAttribute("title")).toContain("Mike Crapo (U.S. Senator for Idaho)");
    expect(within(table).queryByText(/Senator 27/)).toBeNull();
    // Found by a member's name too.
    await userEvent.type(screen.getByRole("searchbox"), "crapo");
    expect(within(table).getAllByRole("row").slice(1)).toHaveLength(1);
  });

  it("gives each letter's number first, in a column of its own", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue([{ ...nthLetter(0), id: 12 }, nthLetter(1)]);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Letters" });
    const heads = within(table).getAllByRole("columnheader");
    expect(heads.map((h) => h.textContent)).toEqual(["No.Letter number", "Date", "Subject", "To", "Issue", "Status"]);
    // Said in full to a screen reader, "No." to the eye.
    expect(within(table).getByRole("columnheader", { name: "Letter number" })).toBe(nth(heads, 0));
    const rows = within(table).getAllByRole("row").slice(1);
    const first = within(nth(rows, 0)).getAllByRole("cell");
    expect(nth(first, 0).textContent).toBe("12");
    expect(nth(first, 0).className).toBe("num");
    expect(nth(within(nth(rows, 1)).getAllByRole("cell"), 0).textContent).toBe("2");
  });

  it("says a sent letter with copies still to send is only partly sent", async () => {
    const half = { ...nthLetter(0), copies: 2, copies_sent: 1 };
    vi.mocked(ipc.lettersList).mockResolvedValue([half]);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Letters" });
    expect(within(table).getByText("Partly sent, 1 of 2")).toBeTruthy();
    expect(within(table).queryByText("Sent")).toBeNull();
  });

  it("filters by text and asks the record for one status", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    await screen.findByRole("table", { name: "Letters" });
    await userEvent.type(screen.getByRole("searchbox"), "lighthizer");
    expect(screen.getAllByRole("row")).toHaveLength(2);
    expect(screen.getByText("The amended KORUS")).toBeTruthy();
    await userEvent.type(screen.getByRole("searchbox"), " nobody");
    expect(screen.getByText("No letter matches these filters.")).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText("Status"), "sent");
    expect(ipc.lettersList).toHaveBeenLastCalledWith("sent");
  });

  it("keeps the issue chosen when another status has no letter on it, and says none are of that status", async () => {
    vi.mocked(ipc.lettersList).mockImplementation(async (status) => (status === "approved" ? [] : letters));
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    await screen.findByRole("table", { name: "Letters" });
    const issue = screen.getByLabelText("Issue") as HTMLSelectElement;
    await userEvent.selectOptions(issue, "KORUS");
    await userEvent.selectOptions(screen.getByLabelText("Status"), "approved");
    expect(await screen.findByText("No approved letters.")).toBeTruthy();
    expect(issue.value).toBe("KORUS");
    expect(issue.selectedOptions[0]?.textContent).toBe("KORUS");
    expect(screen.queryByRole("button", { name: "Write the first letter" })).toBeNull();
  });

  it("has a calm empty state and shows errors", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValueOnce([]);
    const onNew = vi.fn();
    const { unmount } = renderWithQuery(<LettersList onOpen={vi.fn()} onNew={onNew} />);
    await userEvent.click(await screen.findByRole("button", { name: "Write the first letter" }));
    expect(onNew).toHaveBeenCalled();
    unmount();
    vi.mocked(ipc.lettersList).mockRejectedValue({ code: "database", message: "the database is locked" });
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    expect((await screen.findByRole("alert")).textContent).toContain("the database is locked");
  });

  it("shows empty date filters as empty, and filters by a date however it is typed", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Letters" });
    const from = screen.getByLabelText("From") as HTMLInputElement;
    expect(from.value).toBe("");
    expect(from.placeholder).toBe("Any date");
    await userEvent.type(from, "01012018");
    expect(screen.getByText("Monday, January 1, 2018")).toBeTruthy();
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(within(table).getByText("The amended KORUS")).toBeTruthy();
  });

  it("lays its filters out to fit one row, the dates' notes said only when there is something to say", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} />);
    await screen.findByRole("table", { name: "Letters" });
    expect(screen.getByRole("searchbox").closest("label")?.className).toBe("search");
    for (const name of ["From", "To"]) {
      expect(screen.getByLabelText(name).closest(".date-field")?.className, name).toBe("date-field quiet");
    }
    await userEvent.type(screen.getByLabelText("From"), "2018-01-01");
    expect(screen.queryByText("Monday, January 1, 2018")).toBeNull();
  });
});
