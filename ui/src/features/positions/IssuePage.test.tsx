import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Positions } from "./Positions";
import { catalog, clockView, renderWithQuery } from "../../test/fixtures";
import type { IssuePage } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  issuesOverview: vi.fn(),
  issuePage: vi.fn(),
  issueSetContact: vi.fn(),
  paragraphWording: vi.fn(),
  paragraphWordingSave: vi.fn(),
  boardReportExport: vi.fn(),
  chooseSavePath: vi.fn(),
  clock: vi.fn(),
}));
vi.mock("../../components/clipboard", () => ({ copyText: vi.fn() }));
import * as ipc from "../../ipc";
import { copyText } from "../../components/clipboard";

const PARAGRAPH =
  "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in a letter sent September 5, 2017 to the Secretary of Commerce and the U.S. Trade Representative.";

const empty = { mail: 0, email: 0, fax: 0, hand: 0, portal: 0 };
const korus: IssuePage = {
  record: {
    issue: { id: 1, name: "U.S.–Korea Free Trade Agreement (KORUS)", summary: "", staff_contact: "Dana" },
    from: "2017-01-01",
    to: "2017-12-31",
    as_of: "2017-12-01",
    positions: [
      { id: 1, issue_id: 1, issue: "KORUS", version: 1, stance: "support", adopted_on: "2011-09-20", statement: "Ratify.", rationale: "" },
      { id: 2, issue_id: 1, issue: "KORUS", version: 2, stance: "support", adopted_on: "2017-09-01", statement: "Reaffirm.", rationale: "" },
    ],
    letters: [
      {
        id: 1, date: "2017-09-05", subject: "Continued support for KORUS", status: "sent", position_version: 2, groups: [],
        copies: [
          { id: 1, role: "to", person: "Wilbur Ross", office: "Secretary of Commerce", group: "executive", method: "mail", sent_on: "2017-09-05", reply_on: null, days_to_reply: null, follow_up_on: "2017-10-05", owner: "Dana", overdue: true },
          { id: 2, role: "to", person: "Robert E. Lighthizer", office: "United States Trade Representative", group: "executive", method: "email", sent_on: "2017-09-05", reply_on: "2017-09-15", days_to_reply: 10, follow_up_on: null, owner: null, overdue: false },
        ],
      },
    ],
    numbers: {
      months: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => ({
        month: `2017-${m}`,
        letters: m === "09" ? 1 : 0,
        copies: m === "09" ? { ...empty, mail: 1, email: 1 } : empty,
      })),
      replies: [
        // The labels and notes are written in Rust, as the PDF's are; the window shows them.
        { group: "executive", sent: 2, replies: 1, median_days: 10, label: "Executive", note: "1 of 2 replied; median 10 days" },
        { group: "senate", sent: 0, replies: 0, median_days: null, label: "Senate", note: "none sent" },
      ],
      follow_ups: [{ owner: "Dana", due: 0, overdue: 1, label: "Dana", note: "1 overdue, 0 due" }],
    },
  },
  paragraph: {
    text: `${PARAGRAPH}\n\nStaff contact: Dana.`,
    markdown: `${PARAGRAPH}\n\nStaff contact: Dana.`,
    html: `<p>${PARAGRAPH}</p>\n<p>Staff contact: Dana.</p>`,
  },
};

describe("An issue's page", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.issuesOverview).mockResolvedValue(catalog.issues);
    vi.mocked(ipc.issuePage).mockResolvedValue(korus);
  });

  async function open() {
    renderWithQuery(<Positions onOpen={vi.fn()} />);
    const [korusPage] = await screen.findAllByRole("button", { name: "Open the issue's page" });
    if (!korusPage) throw new Error("no issue listed");
    await userEvent.click(korusPage);
    return screen.findByRole("heading", { level: 1, name: "U.S.–Korea Free Trade Agreement (KORUS)" });
  }

  it("shows the contact, the timeline, the paragraph, the charts and each copy", async () => {
    await open();
    expect(ipc.issuePage).toHaveBeenCalledWith("1", null, null);
    expect(screen.getByText("Dana", { selector: "strong" })).toBeTruthy();
    const timeline = screen.getByRole("list", { name: "Position versions, oldest first" });
    expect(within(timeline).getAllByRole("listitem").map((li) => li.querySelector("strong")?.textContent)).toEqual([
      "Version 1: support",
      "Version 2: support",
    ]);
    expect(screen.getByText(PARAGRAPH)).toBeTruthy();
    // The charts say their numbers to a reader who cannot see the bars.
    const months = screen.getByRole("img", { name: /Letters and copies per month/ });
    expect(months.getAttribute("aria-label")).toBe("Letters and copies per month. Sep 17: 1 letter, 2 copies");
    expect(screen.getByRole("img", { name: /by office kind/ }).getAttribute("aria-label")).toContain(
      "Executive: 1 of 2 replied; median 10 days; Senate: none sent",
    );
    expect(screen.getByRole("img", { name: /by owner/ }).getAttribute("aria-label")).toContain("Dana: 1 overdue, 0 due");
    const copies = screen.getByRole("table", { name: "Copies of letter 1" });
    const rows = within(copies).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("Secretary of Commerce — Wilbur Ross");
    expect(rows[1]?.textContent).toContain("October 5, 2017 — overdue");
    expect(rows[2]?.textContent).toContain("September 15, 2017 (10 days)");
  });

  it("copies the paragraph as text, Markdown or HTML", async () => {
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Copy paragraph" }));
    expect(copyText).toHaveBeenLastCalledWith(korus.paragraph.text, "the paragraph");
    await userEvent.click(screen.getByRole("button", { name: "Copy as HTML" }));
    expect(copyText).toHaveBeenLastCalledWith(korus.paragraph.html, "the paragraph");
    expect(await screen.findByText("The paragraph is on the clipboard as HTML.")).toBeTruthy();
  });

  it("exports the board report for the range shown and the issues chosen, and says where", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/tmp/board.pdf");
    vi.mocked(ipc.boardReportExport).mockResolvedValue({
      pdf: "/tmp/board.pdf",
      rows: ["/tmp/board.csv", "/tmp/board.xlsx"],
      replaced: ["/tmp/board.csv"],
      pages: 3,
    });
    const nafta = { issue: { id: 7, name: "NAFTA", summary: "", staff_contact: null }, positions: [] };
    vi.mocked(ipc.issuesOverview).mockResolvedValue([...catalog.issues, nafta]);
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Export board report…" }));
    const form = screen.getByRole("form", { name: "The board report" });
    await waitFor(() => expect(within(form).getAllByRole("checkbox")).toHaveLength(catalog.issues.length + 1));
    const boxes = within(form).getAllByRole("checkbox") as HTMLInputElement[];
    const [first, other] = boxes;
    if (!first || !other) throw new Error("two issues offered");
    // This issue first and chosen; the others offered.
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    expect(boxes.map((b) => b.parentElement?.textContent)).toEqual([korus.record.issue.name, "NAFTA"]);
    // None chosen: nothing to export, and it says why.
    await userEvent.click(first);
    expect(within(form).getByRole("button", { name: "Export…" })).toHaveProperty("disabled", true);
    expect(within(form).getByText("Choose at least one issue.")).toBeTruthy();
    await userEvent.click(other);
    await userEvent.click(first);
    await userEvent.click(within(form).getByRole("button", { name: "Export…" }));
    await waitFor(() =>
      expect(ipc.boardReportExport).toHaveBeenCalledWith(
        { from: "2017-01-01", to: "2017-12-31", issues: ["1", "7"], as_of: null },
        "/tmp/board.pdf",
      ),
    );
    expect(
      await screen.findByText(
        "Saved the board report (3 pages) to /tmp/board.pdf, and its rows to /tmp/board.csv and /tmp/board.xlsx. It replaced the earlier /tmp/board.csv.",
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("form", { name: "The board report" })).toBeNull();
  });

  it("changes the paragraph's wording; a refused template keeps what was typed", async () => {
    const shipped = "{{Organization}} on the {{issue}}.";
    vi.mocked(ipc.paragraphWording).mockResolvedValue({ short_name: "the Chamber", template: shipped, shipped: true });
    vi.mocked(ipc.paragraphWordingSave).mockRejectedValueOnce({
      code: "invalid_data",
      field: "template",
      message: "the paragraph template: Variable \"Organisation\" not found in strict mode",
    });
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Change the wording…" }));
    const form = await screen.findByRole("form", { name: "The paragraph's wording" });
    const name = within(form).getByRole("textbox", { name: "The organization in a sentence" });
    expect((name as HTMLInputElement).value).toBe("the Chamber");
    expect(within(form).getByRole("button", { name: "Restore the shipped template" })).toHaveProperty("disabled", true);
    const template = within(form).getByRole("textbox", { name: /^Template/ });
    await userEvent.clear(template);
    await userEvent.type(template, "{{{{Organisation}} wrote.");
    await userEvent.clear(name);
    await userEvent.type(name, "the Council");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(ipc.paragraphWordingSave).toHaveBeenLastCalledWith("the Council", "{{Organisation}} wrote.");
    expect((await within(form).findByRole("alert")).textContent).toContain("Organisation");
    // Nothing typed is lost: the form still holds it, to be mended.
    expect((template as HTMLTextAreaElement).value).toBe("{{Organisation}} wrote.");

    vi.mocked(ipc.paragraphWordingSave).mockResolvedValueOnce({ short_name: "the Council", template: "{{Organization}} wrote.", shipped: false });
    await userEvent.clear(template);
    await userEvent.type(template, "{{{{Organization}} wrote.");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The paragraph's wording is saved.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "The paragraph's wording" })).toBeNull();
  });

  it("changes the staff contact, and shows a refusal", async () => {
    vi.mocked(ipc.issueSetContact).mockRejectedValue({
      code: "invalid_data",
      field: "contact",
      message: "“Nobody” is not a login on the team record; name one of: dana",
    });
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Change…" }));
    const field = screen.getByRole("textbox", { name: "Staff contact" });
    await userEvent.clear(field);
    await userEvent.type(field, "Nobody");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(ipc.issueSetContact).toHaveBeenCalledWith("1", "Nobody");
    expect((await screen.findByRole("alert")).textContent).toContain("is not a login on the team record");
  });

  it("keeps the page when a range is refused, saying so at the field", async () => {
    await open();
    vi.mocked(ipc.issuePage).mockRejectedValue({
      code: "invalid_data",
      field: "from",
      message: "the range starts on 2018-01-01, after it ends on 2017-12-31",
    });
    const from = screen.getByRole("textbox", { name: "From" }) as HTMLInputElement;
    await userEvent.clear(from);
    await userEvent.type(from, "2018-01-01");
    await userEvent.tab();
    expect((await screen.findByText(/after it ends on/)).textContent).toBe(
      "The range starts on January 1, 2018, after it ends on December 31, 2017",
    );
    // The page stays, and the field keeps what was typed.
    expect(screen.getByRole("heading", { level: 1, name: "U.S.–Korea Free Trade Agreement (KORUS)" })).toBeTruthy();
    expect(screen.getByText(PARAGRAPH)).toBeTruthy();
    expect(from.value).toBe("2018-01-01");
  });

  it("says when the issue cannot be loaded", async () => {
    vi.mocked(ipc.issuePage).mockRejectedValue({ code: "not_found", message: "issue \"NAFTA\" not found" });
    renderWithQuery(<Positions onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Open the issue's page" }));
    expect((await screen.findByRole("alert")).textContent).toContain("NAFTA");
  });
});
