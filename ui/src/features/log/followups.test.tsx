import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SentLog } from "./SentLog";
import { Copies } from "../compose/Copies";
import { blankLetter, catalog, clockView, danaOnTeam, letters, logEntry, nth, ownRecord, renderWithQuery } from "../../test/fixtures";
import type { LetterDetail, RecipientView } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  sentLog: vi.fn(),
  sentLogChoices: vi.fn(),
  followUpSnooze: vi.fn(),
  followUpSnoozeChoices: vi.fn(),
  followUpAssign: vi.fn(),
  copyContactLog: vi.fn(),
  recordReply: vi.fn(),
  replyAttach: vi.fn(),
  replyFileOpen: vi.fn(),
  replyFileSave: vi.fn(),
  choosePdf: vi.fn(),
  chooseSavePath: vi.fn(),
  clock: vi.fn(),
  catalog: vi.fn(),
  officialsList: vi.fn(),
  teamStatus: vi.fn(),
  teamUsers: vi.fn(),
}));
import * as ipc from "../../ipc";

const refusal = (field: string, message: string) => ({ code: "invalid_data", field, message });

const copy = (over: Partial<RecipientView>): RecipientView => ({
  id: 1,
  number: 1,
  role: "to",
  name: "Robert E. Lighthizer",
  office: "United States Trade Representative",
  method: "mail",
  sent_at: "2018-09-25T12:00:00Z",
  confirmation: null,
  follow_up_on: "2018-10-25",
  reply_on: null,
  reply_notes: null,
  reach: { email: null, contact_form: null },
  owner: "Avery Chen",
  contacts: [],
  reply_file: null,
  history: [],
  ...over,
});

const sentLetter = (recipients: RecipientView[]): LetterDetail => ({
  summary: { ...nth(letters, 1), status: "sent", copies: recipients.length, copies_sent: recipients.length },
  draft: { ...blankLetter, date: "2018-09-24" },
  recipients,
  signature_drawn: false,
  steps: [],
});

describe("Follow-up work in the sent log", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    vi.mocked(ipc.sentLogChoices).mockResolvedValue({
      owners: ["Avery Chen", "dana"],
      groups: ["KORUS principals", "Senate Committee on Finance"],
      me: "dana",
    });
  });

  it("says in the row what was done about the follow-up: the latest call logged, and how often it was put off", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({
        recipient_id: 4,
        contacts: 2,
        last_contact: { on: "2017-10-12", kind: "meeting", who: "Jane Roe, trade counsel" },
        snoozes: 2,
      }),
      logEntry({ recipient_id: 5, person: "Robert E. Lighthizer" }),
    ]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    const rows = within(table).getAllByRole("row").slice(1);
    const history = nth(rows, 0).querySelector(".follow-up-history");
    expect(history?.textContent).toBe("Meeting with Jane Roe, trade counsel, October 12, 2017 (2 logged)Put off twice");
    expect(nth(rows, 1).querySelector(".follow-up-history")).toBeNull();
  });

  it("filters by group and by whose follow-up it is, and shows the owner", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ owner: "Avery Chen" })]);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Sent log" });
    expect(nth(within(table).getAllByRole("row"), 1).textContent).toContain("Avery Chen");
    await userEvent.click(screen.getByRole("button", { name: "More filters" }));
    await userEvent.selectOptions(await screen.findByLabelText("Group"), "Senate Committee on Finance");
    await waitFor(() =>
      expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ group: "Senate Committee on Finance" }),
    );
    const whose = screen.getByLabelText("Whose") as HTMLSelectElement;
    // "Mine" names the session's login; the login is not listed twice.
    expect([...whose.options].map((o) => o.text)).toEqual(["Anyone's", "Mine (dana)", "Avery Chen"]);
    await userEvent.selectOptions(whose, "mine");
    await waitFor(() =>
      expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ mine: true, owner: null }),
    );
    await userEvent.selectOptions(whose, "Avery Chen");
    await waitFor(() =>
      expect(vi.mocked(ipc.sentLog).mock.lastCall?.[0]).toMatchObject({ mine: false, owner: "Avery Chen" }),
    );
  });

  it("snoozes a follow-up by a week, or to a day it checks first", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 3, follow_up_on: "2026-03-12" })]);
    vi.mocked(ipc.followUpSnoozeChoices).mockResolvedValue([
      { weeks: 1, on: "2026-03-19" },
      { weeks: 2, on: "2026-03-26" },
    ]);
    vi.mocked(ipc.followUpSnooze).mockResolvedValue("2026-03-19");
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Snooze…" }));
    let dialog = screen.getByRole("dialog", { name: "Snooze follow-up: Wilbur Ross" });
    // Focus is in the dialog; Escape closes it.
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Snooze…" }));
    dialog = screen.getByRole("dialog");
    // The days each choice gives are Rust's.
    expect((await within(dialog).findByLabelText(/In 1 week/)).closest("label")?.textContent).toContain("March 19, 2026");
    expect(ipc.followUpSnoozeChoices).toHaveBeenCalledWith(3);
    await userEvent.click(within(dialog).getByLabelText("On another day"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Snooze" }));
    expect(ipc.followUpSnooze).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/Enter the date/)).toBeTruthy();

    vi.mocked(ipc.followUpSnooze).mockRejectedValueOnce(
      refusal("to", "a snooze moves the follow-up later than 2026-03-12; 2026-03-11 is not"),
    );
    await userEvent.type(within(dialog).getByLabelText("Follow up on"), "2026-03-11");
    await userEvent.click(within(dialog).getByRole("button", { name: "Snooze" }));
    expect(ipc.followUpSnooze).toHaveBeenCalledWith(3, { kind: "date", value: "2026-03-11" });
    expect(await within(dialog).findByText(/later than March 12, 2026/)).toBeTruthy();

    await userEvent.click(within(dialog).getByLabelText(/In 2 weeks/));
    await userEvent.click(within(dialog).getByRole("button", { name: "Snooze" }));
    expect(ipc.followUpSnooze).toHaveBeenLastCalledWith(3, { kind: "weeks", value: 2 });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("on this computer's own record, assigns a follow-up, offering the session's login, and says a refusal at the name", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 4, owner: null })]);
    vi.mocked(ipc.followUpAssign)
      .mockRejectedValueOnce(refusal("owner", "this follow-up is already dana's"))
      .mockResolvedValueOnce(null);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Assign…" }));
    const dialog = screen.getByRole("dialog", { name: "Assign follow-up: Wilbur Ross" });
    const name = within(dialog).getByLabelText("Give it to") as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe("dana"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Assign" }));
    expect(ipc.followUpAssign).toHaveBeenCalledWith(4, "dana");
    expect(await within(dialog).findByText("This follow-up is already dana's")).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");
    await userEvent.clear(name);
    await userEvent.type(name, "Avery Chen");
    await userEvent.click(within(dialog).getByRole("button", { name: "Assign" }));
    expect(ipc.followUpAssign).toHaveBeenLastCalledWith(4, "Avery Chen");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("on a team record gives a follow-up only to one of its logins, listed with their roles", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.teamUsers).mockResolvedValue([
      { name: "dana", roles: ["drafter"] },
      { name: "walk_avery", roles: ["drafter", "approver"] },
    ]);
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 4, owner: "Avery" })]);
    vi.mocked(ipc.followUpAssign)
      .mockRejectedValueOnce(refusal("owner", "“dana” is not a login on the team record; give it to one of: walk_avery"))
      .mockResolvedValueOnce(null);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Reassign…" }));
    const dialog = screen.getByRole("dialog", { name: "Reassign follow-up: Wilbur Ross" });
    // No free text to type a name the server would refuse: the team's logins, each with its roles.
    const name = (await within(dialog).findByRole("combobox", { name: "Give it to" })) as HTMLSelectElement;
    expect(name.tagName).toBe("SELECT");
    await waitFor(() => expect(name.disabled).toBe(false));
    expect(within(dialog).queryByRole("textbox")).toBeNull();
    expect([...name.options].map((o) => o.textContent)).toEqual([
      "Choose a colleague…",
      "dana (drafter)",
      "walk_avery (drafter, approver)",
    ]);
    // Nothing chosen: said at the field, nothing sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Reassign" }));
    expect(await within(dialog).findByText("Choose a colleague.")).toBeTruthy();
    expect(ipc.followUpAssign).not.toHaveBeenCalled();
    // The server's refusal is said at the field too.
    await userEvent.selectOptions(name, "dana");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reassign" }));
    expect(ipc.followUpAssign).toHaveBeenLastCalledWith(4, "dana");
    expect(await within(dialog).findByText(/is not a login on the team record; give it to one of: walk_avery/)).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");
    await userEvent.selectOptions(name, "walk_avery");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reassign" }));
    expect(ipc.followUpAssign).toHaveBeenLastCalledWith(4, "walk_avery");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("on a team record offers the session's own login first when the follow-up is nobody's", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.teamUsers).mockResolvedValue([
      { name: "dana", roles: ["drafter"] },
      { name: "walk_avery", roles: ["approver"] },
    ]);
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 4, owner: null })]);
    vi.mocked(ipc.followUpAssign).mockResolvedValue(null);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Reassign…" }));
    const dialog = screen.getByRole("dialog", { name: "Reassign follow-up: Wilbur Ross" });
    const name = (await within(dialog).findByRole("combobox", { name: "Give it to" })) as HTMLSelectElement;
    await waitFor(() => expect(name.value).toBe("dana"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Reassign" }));
    expect(ipc.followUpAssign).toHaveBeenCalledWith(4, "dana");
    expect(ipc.teamUsers).toHaveBeenCalled();
  });

  it("logs a call that is not a reply, today by default", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 5 })]);
    vi.mocked(ipc.copyContactLog)
      .mockRejectedValueOnce(refusal("notes", "say who you were in touch with or what was said"))
      .mockResolvedValueOnce(9);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Log call…" }));
    const dialog = screen.getByRole("dialog", { name: /Log a call or meeting: Wilbur Ross/ });
    await waitFor(() => expect((within(dialog).getByLabelText("On") as HTMLInputElement).value).toBe("2026-03-10"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Log it" }));
    expect(await within(dialog).findByText("Say who you were in touch with or what was said")).toBeTruthy();
    await userEvent.selectOptions(within(dialog).getByLabelText("What"), "meeting");
    await userEvent.type(within(dialog).getByLabelText("With (their side)"), "Jane Roe, trade counsel");
    await userEvent.type(within(dialog).getByLabelText("Notes"), "They want the export figures.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Log it" }));
    expect(ipc.copyContactLog).toHaveBeenLastCalledWith(5, {
      on: "2026-03-10",
      kind: "meeting",
      who: "Jane Roe, trade counsel",
      notes: "They want the export figures.",
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("records a reply with its PDF, and says at the file when it is not one", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([logEntry({ recipient_id: 6 })]);
    vi.mocked(ipc.choosePdf).mockResolvedValue("/home/dana/reply.docx");
    vi.mocked(ipc.recordReply)
      .mockRejectedValueOnce(refusal("file", "reply.docx is not a PDF"))
      .mockResolvedValueOnce(null);
    renderWithQuery(<SentLog onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Record reply…" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Choose PDF…" }));
    expect(await within(dialog).findByText("reply.docx")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Record reply" }));
    expect(ipc.recordReply).toHaveBeenCalledWith(6, "2026-03-10", "", "/home/dana/reply.docx");
    expect(await within(dialog).findByText("reply.docx is not a PDF")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "No PDF" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Record reply" }));
    expect(ipc.recordReply).toHaveBeenLastCalledWith(6, "2026-03-10", "", null);
  });
});

describe("Follow-up work on a letter's copies", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.sentLogChoices).mockResolvedValue({ owners: [], groups: [], me: null });
  });

  it("shows calls in order, the owner, and the reply's PDF to open or save", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/tmp/saved.pdf");
    vi.mocked(ipc.replyFileSave).mockResolvedValue(null);
    vi.mocked(ipc.replyFileOpen).mockResolvedValue(undefined);
    const detail = sentLetter([
      copy({
        reply_on: "2018-10-20",
        follow_up_on: null,
        contacts: [
          { id: 1, letter_id: 2, recipient_id: 1, on: "2018-10-01", kind: "call", who: "Jane Roe", notes: "Left a message.", at: "2018-10-01T15:00:00Z", actor: null },
          { id: 2, letter_id: 2, recipient_id: 1, on: "2018-10-10", kind: "meeting", who: "Jane Roe, trade counsel", notes: "", at: "2018-10-10T15:00:00Z", actor: "dana" },
        ],
        reply_file: { id: 7, letter_id: 2, recipient_id: 1, file_name: "reply.pdf", size: 120 * 1024, sha256: "a".repeat(64), at: "2018-10-20T15:00:00Z", actor: null },
      }),
    ]);
    renderWithQuery(<Copies detail={detail} letterDate="2018-09-24" />);
    const calls = screen.getByRole("list", { name: "Calls and meetings" });
    expect(within(calls).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "October 1, 2018 call with Jane Roe: Left a message.",
      "October 10, 2018 meeting with Jane Roe, trade counsel (logged by dana)",
    ]);
    expect(screen.getByText("Avery Chen")).toBeTruthy();
    // Replied: nothing to snooze, but it can still be assigned or a call logged.
    expect(screen.queryByRole("button", { name: "Snooze…" })).toBeNull();
    expect(screen.getByRole("button", { name: "Assign…" })).toBeTruthy();
    expect(screen.getByText(/Reply: reply.pdf, 120 KB/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Open reply.pdf" }));
    expect(ipc.replyFileOpen).toHaveBeenCalledWith(7);
    await userEvent.click(screen.getByRole("button", { name: "Save a copy of reply.pdf" }));
    expect(ipc.chooseSavePath).toHaveBeenCalledWith("reply.pdf", { name: "PDF", extensions: ["pdf"] });
    await waitFor(() => expect(ipc.replyFileSave).toHaveBeenCalledWith(7, "/tmp/saved.pdf"));
    expect(await screen.findByText("Saved to /tmp/saved.pdf")).toBeTruthy();
  });

  it("attaches a PDF to a reply recorded without one, and says why one is refused", async () => {
    vi.mocked(ipc.choosePdf).mockResolvedValue("/home/dana/huge.pdf");
    vi.mocked(ipc.replyAttach).mockRejectedValueOnce(
      refusal("file", "huge.pdf is 24.0 MB; a reply PDF may be at most 20 MB"),
    );
    renderWithQuery(<Copies detail={sentLetter([copy({ id: 8, reply_on: "2018-10-20" })])} letterDate="2018-09-24" />);
    await userEvent.click(screen.getByRole("button", { name: "Attach reply PDF…" }));
    expect(ipc.replyAttach).toHaveBeenCalledWith(8, "/home/dana/huge.pdf");
    expect(await screen.findByText(/at most 20 MB/)).toBeTruthy();
  });

  it("offers snooze, reassign and log call on a sent copy awaiting its reply, none on an unsent one", async () => {
    vi.mocked(ipc.followUpSnooze).mockResolvedValue("2018-11-01");
    vi.mocked(ipc.followUpSnoozeChoices).mockResolvedValue([
      { weeks: 1, on: "2026-03-17" },
      { weeks: 2, on: "2026-03-24" },
    ]);
    const detail = sentLetter([
      copy({ id: 1 }),
      copy({ id: 2, number: 2, name: "Wilbur Ross", method: null, sent_at: null, follow_up_on: null, owner: null }),
    ]);
    renderWithQuery(<Copies detail={detail} letterDate="2018-09-24" />);
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(within(nth(rows, 1)).getByRole("button", { name: "Snooze…" })).toBeTruthy();
    expect(within(nth(rows, 2)).queryByRole("button", { name: /Snooze|Reassign|Log call/ })).toBeNull();
    await userEvent.click(within(nth(rows, 1)).getByRole("button", { name: "Snooze…" }));
    const dialog = screen.getByRole("dialog", { name: "Snooze follow-up: Robert E. Lighthizer" });
    // Overdue since 2018-10-25: Rust says a week from today (2026-03-10).
    expect((await within(dialog).findByLabelText(/In 1 week/)).closest("label")?.textContent).toContain("March 17, 2026");
    await userEvent.click(within(dialog).getByRole("button", { name: "Snooze" }));
    expect(ipc.followUpSnooze).toHaveBeenCalledWith(1, { kind: "weeks", value: 1 });
  });
});
