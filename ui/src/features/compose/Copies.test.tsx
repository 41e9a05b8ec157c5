import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Copies } from "./Copies";
import { blankLetter, clockView, letters, nth, renderWithQuery } from "../../test/fixtures";
import type { LetterDetail, RecipientView } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  clock: vi.fn(),
  markSent: vi.fn(),
  markAllSent: vi.fn(),
  followUpDefault: vi.fn(),
}));
import * as ipc from "../../ipc";

const copy = (over: Partial<RecipientView>): RecipientView => ({
  id: 1,
  number: 1,
  role: "to",
  name: "Robert E. Lighthizer",
  office: "United States Trade Representative",
  method: null,
  sent_at: null,
  confirmation: null,
  follow_up_on: null,
  reply_on: null,
  reply_notes: null,
  reach: { email: null, contact_form: null },
  owner: null,
  contacts: [],
  reply_file: null,
  history: [],
  ...over,
});

/** Letter 2, signed, to three offices: the first copy went by email on the 25th. */
const partlySent: LetterDetail = {
  summary: { ...nth(letters, 1), status: "sent", copies: 3, copies_sent: 1 },
  draft: { ...blankLetter, date: "2018-09-24" },
  recipients: [
    copy({ id: 1, method: "email", sent_at: "2018-09-25T12:00:00Z", confirmation: "RCPT-0924", follow_up_on: "2018-10-25" }),
    copy({ id: 2, number: 2, name: "Wilbur Ross", office: "Secretary of Commerce" }),
    copy({ id: 3, number: 3, name: null, office: "U.S. Senator for California, class 1" }),
  ],
  signature_drawn: false,
  steps: [],
};

describe("Copies", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
  });

  it("shows each copy as one block: who and where it stands, how it went, its follow-up and owner, its actions below", () => {
    const withOwner = {
      ...partlySent,
      recipients: [{ ...nth(partlySent.recipients, 0), owner: "Avery Chen" }, ...partlySent.recipients.slice(1)],
    };
    renderWithQuery(<Copies detail={withOwner} letterDate="2018-09-24" />);
    const table = screen.getByRole("table", { name: "Copies" });
    // Nothing scrolls sideways: no scrolling box around the copies.
    expect(table.parentElement?.className).toBe("copies");
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(4);
    const first = nth(rows, 1);
    expect(first.className).toBe("copy");
    const cell = (row: HTMLElement, name: string) => row.querySelector(`td.copy-${name}`) as HTMLElement;
    expect(cell(first, "who").textContent).toBe("Robert E. LighthizerUnited States Trade Representative · Sent, no reply yet");
    const sent = cell(first, "sent");
    expect(sent.textContent).toBe("Sent September 25, 2018 by email RCPT-0924");
    expect(within(sent).getByText("September 25, 2018").className).toBe("nowrap");
    expect(within(sent).getByText("by email").className).toBe("nowrap");
    expect(cell(first, "follow-up").textContent).toBe("Follow up October 25, 2018 · Avery Chen");
    // The sent copy's actions, together below its facts.
    expect(within(cell(first, "actions")).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Record reply…",
      "Snooze…",
      "Assign…",
      "Log call…",
    ]);
    // A copy not sent yet says so, and offers to mark it sent; it has no follow-up yet.
    const second = nth(rows, 2);
    expect(cell(second, "who").textContent).toBe("Wilbur RossSecretary of Commerce · Not sent yet");
    expect(cell(second, "follow-up").textContent).toBe("");
    expect(within(cell(second, "actions")).getAllByRole("button").map((b) => b.textContent)).toEqual(["Mark sent…"]);
    // An office with nobody on record is named by the office.
    expect(cell(nth(rows, 3), "who").textContent).toBe("U.S. Senator for California, class 1Not sent yet");
  });

  it("shows the reply's notes with the copy, and the calls logged with their date, kind, who and notes", () => {
    const replied = {
      ...partlySent,
      recipients: [
        {
          ...nth(partlySent.recipients, 0),
          reply_on: "2018-10-20",
          reply_notes: "Thanked us; the USTR will consider our comments.\nCall back in January.",
          contacts: [
            { id: 1, letter_id: 2, recipient_id: 1, on: "2018-10-01", kind: "call" as const, who: "Jane Roe, trade counsel", notes: "Left a message.", at: "2018-10-01T15:00:00Z", actor: null },
          ],
        },
      ],
    };
    renderWithQuery(<Copies detail={replied} letterDate="2018-09-24" />);
    const row = nth(within(screen.getByRole("table", { name: "Copies" })).getAllByRole("row"), 1);
    const reply = row.querySelector("td.copy-reply") as HTMLElement;
    expect(within(reply).getByText(/^Thanked us/).textContent).toBe(
      "Thanked us; the USTR will consider our comments.\nCall back in January.",
    );
    expect(within(reply).getByText(/^Thanked us/).className).toBe("reply-notes");
    expect(reply.textContent).toMatch(/^Reply October 20, 2018/);
    expect(row.querySelector("td.copy-who")?.textContent).toMatch(/Replied$/);
    const calls = within(row).getByRole("list", { name: "Calls and meetings" });
    expect(within(calls).getByRole("listitem").textContent).toBe("October 1, 2018 call with Jane Roe, trade counsel: Left a message.");
    // Replied: no Record reply… (nor Snooze…), but the PDF can be attached.
    expect(within(row).queryByRole("button", { name: "Record reply…" })).toBeNull();
    expect(within(row).getByRole("button", { name: "Attach reply PDF…" })).toBeTruthy();
  });

  it("names a hand-delivered copy as the sent log does", () => {
    const hand = { ...partlySent, recipients: [copy({ method: "hand", sent_at: "2018-09-25T12:00:00Z" })] };
    renderWithQuery(<Copies detail={hand} letterDate="2018-09-24" />);
    expect(screen.getByText("by hand delivery")).toBeTruthy();
  });

  it("marks every copy not yet sent at once, starting from the copy marked last", async () => {
    vi.mocked(ipc.markAllSent).mockResolvedValue(2);
    const marked = vi.fn();
    renderWithQuery(<Copies detail={partlySent} letterDate="2018-09-24" onMarked={marked} />);
    await userEvent.click(screen.getByRole("button", { name: "Mark all sent…" }));
    const dialog = screen.getByRole("dialog", { name: "Mark all 2 copies sent" });
    expect((within(dialog).getByLabelText("Sent on") as HTMLInputElement).value).toBe("2018-09-25");
    expect((within(dialog).getByLabelText("How") as HTMLSelectElement).value).toBe("email");
    expect((within(dialog).getByLabelText(/Confirmation/) as HTMLInputElement).value).toBe("RCPT-0924");
    expect((within(dialog).getByLabelText("Follow up on") as HTMLInputElement).value).toBe("2018-10-25");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(ipc.markAllSent).toHaveBeenCalledWith(2, {
      method: "email",
      at: "2018-09-25T12:00:00Z",
      confirmation: "RCPT-0924",
      follow_up: { kind: "on", on: "2018-10-25" },
    });
    expect(ipc.markSent).not.toHaveBeenCalled();
    expect(marked).toHaveBeenCalledWith(2);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("says in the dialog why the copies were not marked, and keeps it open", async () => {
    vi.mocked(ipc.markAllSent).mockRejectedValue({ code: "conflict", message: "every copy of letter 2 has already been sent" });
    const marked = vi.fn();
    renderWithQuery(<Copies detail={partlySent} letterDate="2018-09-24" onMarked={marked} />);
    await userEvent.click(screen.getByRole("button", { name: "Mark all sent…" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "Not recorded: every copy of letter 2 has already been sent",
    );
    expect(marked).not.toHaveBeenCalled();
  });

  it("offers to mark all sent on a signed letter of two copies or more with any still to send", () => {
    // A partial send, then the rest: one copy left of two.
    const oneLeft = { ...partlySent, recipients: partlySent.recipients.slice(0, 2) };
    const first = renderWithQuery(<Copies detail={oneLeft} letterDate="2018-09-24" />);
    expect(screen.getByRole("button", { name: "Mark all sent…" })).toBeTruthy();
    first.unmount();
    // A letter of one copy has its own button only.
    const single = { ...partlySent, summary: { ...partlySent.summary, status: "signed" as const }, recipients: partlySent.recipients.slice(1, 2) };
    const second = renderWithQuery(<Copies detail={single} letterDate="2018-09-24" />);
    expect(screen.queryByRole("button", { name: "Mark all sent…" })).toBeNull();
    expect(screen.getByRole("button", { name: "Mark sent…" })).toBeTruthy();
    second.unmount();
    // Every copy sent, or not yet signed: nothing to mark.
    const sentOnly = partlySent.recipients.slice(0, 1);
    const allSent = { ...partlySent, recipients: sentOnly.concat(sentOnly.map((r) => ({ ...r, id: 9 }))) };
    const third = renderWithQuery(<Copies detail={allSent} letterDate="2018-09-24" />);
    expect(screen.queryByRole("button", { name: "Mark all sent…" })).toBeNull();
    third.unmount();
    const approved = { ...partlySent, summary: { ...partlySent.summary, status: "approved" as const } };
    renderWithQuery(<Copies detail={approved} letterDate="2018-09-24" />);
    expect(screen.queryByRole("button", { name: "Mark all sent…" })).toBeNull();
  });
});

describe("a copy's history", () => {
  it("is folded under the copy: what happened, when, and who did it", async () => {
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    const ev = (id: number, kind: RecipientView["history"][number]["kind"], at: string, detail: string, actor: string | null) => ({
      id, letter_id: 2, recipient_id: 1, kind, at, detail, actor,
    });
    const detail: LetterDetail = {
      ...partlySent,
      recipients: [
        copy({
          id: 1, method: "email", sent_at: "2018-09-25T12:00:00Z", follow_up_on: "2018-10-25", owner: "avery",
          history: [
            ev(10, "sent", "2018-09-25T12:00:00Z", "by email", "dana"),
            ev(11, "assigned", "2018-09-27T15:00:00Z", "dana → avery", "dana"),
          ],
        }),
        copy({ id: 2, number: 2, name: "Wilbur Ross", office: "Secretary of Commerce" }),
      ],
    };
    renderWithQuery(<Copies detail={detail} letterDate="2018-09-24" />);
    const history = await screen.findByText("History (2)");
    const items = within(history.closest("details") as HTMLElement).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "September 25, 2018 — Sent: by email (by dana)",
      "September 27, 2018 — Follow-up reassigned: dana → avery (by dana)",
    ]);
    // Only the copy that has some.
    expect(screen.getAllByText(/^History \(/)).toHaveLength(1);
  });
});
