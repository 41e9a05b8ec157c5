import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SentLog } from "./SentLog";
import { catalog, clockView, logEntry, nth, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  sentLog: vi.fn(),
  markSent: vi.fn(),
  recordReply: vi.fn(),
  chooseSavePath: vi.fn(),
  sentLogCsv: vi.fn(),
  clock: vi.fn(),
  followUpDefault: vi.fn(),
  catalog: vi.fn(),
  officialsList: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("SentLog", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.followUpDefault).mockResolvedValue("2017-10-05");
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
  });

  it("highlights the follow-ups Rust says are overdue and shows how each copy went", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ recipient_id: 1, confirmation: "Certified mail", overdue: true }),
      logEntry({ recipient_id: 2, person: "Robert E. Lighthizer", method: "email", reply_on: "2017-09-20" }),
    ]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    const rows = within(table).getAllByRole("row");
    const first = nth(rows, 1);
    const second = nth(rows, 2);
    expect(first.className).toBe("overdue");
    expect(within(first).getByText("Overdue")).toBeTruthy();
    expect(first.textContent).toContain("September 5, 2017, Mail");
    expect(first.textContent).toContain("Certified mail");
    // Not overdue (a reply was recorded).
    expect(second.className).toBe("");
    expect(second.textContent).toContain("September 20, 2017");
  });

  it("shows the next page after the last row shown, and no button once a page is short", async () => {
    // A full first page (100 copies, the last letter 251's second copy), then 2 more.
    const first = Array.from({ length: 100 }, (_, i) =>
      logEntry({ recipient_id: 1000 - i, letter_id: 300 - Math.floor(i / 2), ord: (i % 2) + 1, date: "2018-03-01" }),
    );
    const next = [logEntry({ recipient_id: 3, letter_id: 6, ord: 1 }), logEntry({ recipient_id: 2, letter_id: 6, ord: 2 })];
    vi.mocked(ipc.sentLog).mockImplementation((f) => Promise.resolve(f.after ? next : first));
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    expect(within(table).getAllByRole("row")).toHaveLength(101);
    expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ limit: 100, after: null });
    await userEvent.click(screen.getByRole("button", { name: "Show the next 100" }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(103));
    expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({
      limit: 100,
      after: { date: "2018-03-01", letter_id: 251, ord: 2 },
    });
    expect(screen.queryByRole("button", { name: /Show the next/ })).toBeNull();
    // A hundred rows take a while to render on a busy machine.
  }, 30_000);

  it("marks a signed copy sent through the dialog, and Escape closes it", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ status: "signed", method: null, sent_at: null, follow_up_on: null }),
    ]);
    vi.mocked(ipc.markSent).mockResolvedValue(7);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark sent…" }));
    expect(screen.getByRole("dialog", { name: /Mark sent: Wilbur Ross/ })).toBeTruthy();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Mark sent…" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.selectOptions(within(dialog).getByLabelText("How"), "email");
    await userEvent.type(within(dialog).getByLabelText(/Confirmation/), "Delivered 9:14");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(ipc.markSent).toHaveBeenCalledWith(1, {
      method: "email",
      at: "2017-09-05T12:00:00Z",
      confirmation: "Delivered 9:14",
      follow_up: { kind: "default" },
    });
  });

  it("shows the reason a copy could not be marked sent, in the dialog", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ status: "signed", method: null, sent_at: null }),
    ]);
    vi.mocked(ipc.markSent).mockRejectedValue({ code: "conflict", message: "letter 1 is not signed yet" });
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark sent…" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Mark sent" }));
    const alert = await within(screen.getByRole("dialog")).findByRole("alert");
    expect(alert.textContent).toBe("Not recorded: letter 1 is not signed yet");
  });

  it("asks for what is due by the organization's today or the end of its week, from Rust", async () => {
    vi.mocked(ipc.clock).mockResolvedValue({ ...clockView, today: "2017-10-02", end_of_week: "2017-10-08" });
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 1, follow_up_on: "2017-10-05" })]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    expect(nth(within(table).getAllByRole("row"), 1).className).toBe("");
    expect(within(table).queryByText("Overdue")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "More filters" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Follow-ups" }), "today");
    expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ follow_up_due: "2017-10-02" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Follow-ups" }), "week");
    expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ follow_up_due: "2017-10-08" });
  });

  it("proposes Rust's follow-up for the day the copy went, records it as the default, and a reply today", async () => {
    vi.mocked(ipc.followUpDefault).mockImplementation(async (at) => (at.startsWith("2017-09-05") ? "2017-10-05" : "2017-10-09"));
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ recipient_id: 1, status: "signed", method: null, sent_at: null, follow_up_on: null }),
      logEntry({ recipient_id: 2, person: "Robert E. Lighthizer" }),
    ]);
    vi.mocked(ipc.markSent).mockResolvedValue(7);
    vi.mocked(ipc.recordReply).mockResolvedValue(null);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark sent…" }));
    let dialog = screen.getByRole("dialog");
    const followUp = () => (within(dialog).getByLabelText("Follow up on") as HTMLInputElement).value;
    await waitFor(() => expect(followUp()).toBe("2017-10-05"));
    expect(ipc.followUpDefault).toHaveBeenLastCalledWith("2017-09-05T12:00:00Z");
    // Sent later than the letter's date: the default follows the day it went.
    const sentOn = within(dialog).getByLabelText("Sent on");
    await userEvent.clear(sentOn);
    await userEvent.type(sentOn, "09092017");
    await waitFor(() => expect(followUp()).toBe("2017-10-09"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(vi.mocked(ipc.markSent).mock.lastCall?.[1]).toMatchObject({
      at: "2017-09-09T12:00:00Z",
      follow_up: { kind: "default" },
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Record reply…" }));
    dialog = screen.getByRole("dialog", { name: /Record reply: Robert E. Lighthizer/ });
    expect((within(dialog).getByLabelText("Reply received on") as HTMLInputElement).value).toBe("2026-03-10");
    await userEvent.click(within(dialog).getByRole("button", { name: "Record reply" }));
    expect(ipc.recordReply).toHaveBeenCalledWith(2, "2026-03-10", "", null);
  });

  it("records a follow-up typed, or none when the field is emptied", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ recipient_id: 1, status: "signed", method: null, sent_at: null, follow_up_on: null }),
    ]);
    vi.mocked(ipc.markSent).mockRejectedValue({ code: "conflict", message: "try again" });
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark sent…" }));
    const dialog = screen.getByRole("dialog");
    const field = within(dialog).getByLabelText("Follow up on") as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe("2017-10-05"));
    await userEvent.clear(field);
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(vi.mocked(ipc.markSent).mock.lastCall?.[1]).toMatchObject({ follow_up: { kind: "none" } });
    await userEvent.type(field, "10202017");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(vi.mocked(ipc.markSent).mock.lastCall?.[1]).toMatchObject({ follow_up: { kind: "on", on: "2017-10-20" } });
  });

  it("lists only copies sent unless asked, and filters by recipient, office and issue", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({})]);
    vi.mocked(ipc.officialsList).mockResolvedValue([
      { person: { id: 4, full_name: "Wilbur Ross", family_name: "Ross", honorific: null, salutation: null, email: null, retired_on: null }, office: "Secretary of Commerce", office_id: 10, until: "2021-01-20", term_end: "ended" },
    ]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await screen.findByRole("table", { name: "Sent log" });
    expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ include_unsent: false, person_id: null, office_id: null, issue_id: null });

    await userEvent.click(screen.getByRole("button", { name: "More filters" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Include copies not sent yet" }));
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ include_unsent: true }));

    await userEvent.type(screen.getByRole("combobox", { name: "Recipient" }), "Ross");
    // What is typed filters already, before anyone is picked.
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ person_id: null, recipient: "Ross" }));
    await userEvent.click(await screen.findByRole("button", { name: /^Wilbur Ross/ }));
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ person_id: 4, recipient: null }));
    expect(ipc.officialsList).toHaveBeenLastCalledWith("Ross");

    await userEvent.type(screen.getByRole("combobox", { name: "Office" }), "USTR{Enter}");
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ office_id: 11 }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Issue" }), "1");
    await waitFor(() =>
      expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ person_id: 4, office_id: 11, issue_id: 1, include_unsent: true }),
    );
    // How it went, and whether a reply came.
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "How" }), "email");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Reply" }), "waiting");
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ method: "email", replied: false }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Reply" }), "replied");
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ replied: true }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "How" }), "");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Reply" }), "");

    // A choice is cleared with its button, or Escape.
    await userEvent.click(screen.getByRole("button", { name: "Clear recipient" }));
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ person_id: null }));
  });

  it("shows empty date filters as empty, and reads a typed date", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    expect(await screen.findByText(/No copy has been sent yet/)).toBeTruthy();
    const from = screen.getByLabelText("From") as HTMLInputElement;
    expect(from.value).toBe("");
    expect(from.placeholder).toBe("Any date");
    expect((screen.getByLabelText("To") as HTMLInputElement).placeholder).toBe("Any date");
    await userEvent.type(from, "09012017");
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ from: "2017-09-01", to: null }));
    expect(screen.getByText("Friday, September 1, 2017")).toBeTruthy();
    expect(from.closest(".date-field")?.className).toBe("date-field quiet");
    expect(await screen.findByText("No copy matches these filters.")).toBeTruthy();
  });

  it("balances the columns: the letter (its date under the subject) takes the room left; no date or method wraps", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ reply_on: "2017-09-20", sent_at: "2017-09-06T16:00:00Z" })]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    expect(table.className).toBe("table sent-log");
    const head = within(table).getAllByRole("columnheader").map((th) => `${th.textContent}:${th.className}`);
    expect(head).toEqual(["Letter:letter", "Recipient:recipient", "Sent:sent", "Follow up:date", "Reply:date"]);
    const cells = within(nth(within(table).getAllByRole("row"), 1)).getAllByRole("cell");
    expect(cells.map((td) => td.className)).toEqual(["letter", "recipient", "sent", "date", "date"]);
    // The letter's date under its subject; the sent date and how it went each stay whole.
    expect(within(nth(cells, 0)).getByText("September 5, 2017").className).toBe("muted nowrap");
    expect(within(nth(cells, 2)).getByText("September 6, 2017").className).toBe("nowrap");
    expect(within(nth(cells, 2)).getByText("Mail").className).toBe("nowrap");
    expect(nth(cells, 2).textContent).toBe("September 6, 2017, Mail");
  });

  it("keeps the less-used filters behind More filters, which counts those set", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 1 })]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await screen.findByRole("table", { name: "Sent log" });
    // In view: who, what, when.
    const main = screen.getByRole("group", { name: "Filters" });
    expect(within(main).getByRole("combobox", { name: "Recipient" })).toBeTruthy();
    expect(within(main).getByRole("combobox", { name: "Issue" })).toBeTruthy();
    expect(within(main).getByLabelText("From")).toBeTruthy();
    expect(screen.queryByRole("combobox", { name: "How" })).toBeNull();
    const more = screen.getByRole("button", { name: "More filters" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    await userEvent.click(more);
    const rest = screen.getByRole("group", { name: "More filters" });
    await userEvent.selectOptions(within(rest).getByRole("combobox", { name: "How" }), "email");
    await userEvent.click(within(rest).getByRole("checkbox", { name: "Include copies not sent yet" }));
    // Folded again, the button says two are set, and they still filter.
    await userEvent.click(screen.getByRole("button", { name: "Fewer filters (2 set)" }));
    expect(screen.queryByRole("group", { name: "More filters" })).toBeNull();
    expect(screen.getByRole("button", { name: "More filters (2 set)" })).toBeTruthy();
    await waitFor(() => expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ method: "email", include_unsent: true }));
  });
});
