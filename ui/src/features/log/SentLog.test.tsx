import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SentLog } from "./SentLog";
import { logEntry, nth, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  sentLog: vi.fn(),
  markSent: vi.fn(),
  recordReply: vi.fn(),
  chooseSavePath: vi.fn(),
  sentLogCsv: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("SentLog", () => {
  beforeEach(() => vi.resetAllMocks());

  it("highlights overdue follow-ups and shows how each copy went", async () => {
    vi.mocked(ipc.sentLog).mockResolvedValue([
      logEntry({ recipient_id: 1, confirmation: "Certified mail" }),
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
    // A reply was recorded: not overdue.
    expect(second.className).toBe("");
    expect(second.textContent).toContain("September 20, 2017");
  });

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
      follow_up_on: "2017-10-05",
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
});
