import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MarkSentDialog } from "./dialogs";
import { clockView, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  clock: vi.fn(),
  markSent: vi.fn(),
  followUpDefault: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("MarkSentDialog", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.markSent).mockResolvedValue(9);
    vi.mocked(ipc.followUpDefault).mockResolvedValue("2017-10-05");
  });

  it("starts the second copy of a joint letter from how the first went out", async () => {
    renderWithQuery(
      <MarkSentDialog
        recipient={{ id: 2, name: "Robert E. Lighthizer", office: null }}
        letterDate="2017-09-05"
        previous={{ on: "2017-09-06", method: "email", confirmation: "msg-42", follow_up_on: "2017-10-06" }}
        onClose={vi.fn()}
        onDone={vi.fn()}
      />,
    );
    const dialog = screen.getByRole("dialog");
    expect((within(dialog).getByLabelText("Sent on") as HTMLInputElement).value).toBe("2017-09-06");
    expect((within(dialog).getByLabelText("How") as HTMLSelectElement).value).toBe("email");
    expect((within(dialog).getByLabelText(/Confirmation/) as HTMLInputElement).value).toBe("msg-42");
    expect((within(dialog).getByLabelText("Follow up on") as HTMLInputElement).value).toBe("2017-10-06");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(ipc.markSent).toHaveBeenCalledWith(2, {
      method: "email",
      at: "2017-09-06T12:00:00Z",
      confirmation: "msg-42",
      follow_up: { kind: "on", on: "2017-10-06" },
    });
  });

  it("reads the dates as typed, and says at the field what is missing instead of recording it", async () => {
    renderWithQuery(
      <MarkSentDialog recipient={{ id: 2, name: "Robert E. Lighthizer", office: null }} letterDate="2017-09-05" onClose={vi.fn()} onDone={vi.fn()} />,
    );
    const dialog = screen.getByRole("dialog");
    const on = within(dialog).getByLabelText("Sent on");
    const followUp = within(dialog).getByLabelText("Follow up on");
    await userEvent.clear(on);
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(await within(dialog).findByText(/^Enter the date: the month, day and year/)).toBeTruthy();
    expect(on.getAttribute("aria-invalid")).toBe("true");

    await userEvent.type(on, "09062017");
    expect(within(dialog).getByText("Wednesday, September 6, 2017")).toBeTruthy();
    // A follow-up that is not a date is not taken for "no follow-up".
    await userEvent.clear(followUp);
    await userEvent.type(followUp, "10/5");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(await within(dialog).findByText("Type the month, day and year, e.g. 09/24/2018.")).toBeTruthy();
    expect(ipc.markSent).not.toHaveBeenCalled();

    await userEvent.type(followUp, "/2017");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(ipc.markSent).toHaveBeenCalledWith(2, expect.objectContaining({ at: "2017-09-06T12:00:00Z", follow_up: { kind: "on", on: "2017-10-05" } }));
  });

  it("names each way of sending as the sent log and the copies do", () => {
    renderWithQuery(
      <MarkSentDialog recipient={{ id: 2, name: "Robert E. Lighthizer", office: null }} letterDate="2017-09-05" onClose={vi.fn()} onDone={vi.fn()} />,
    );
    const how = within(screen.getByRole("dialog")).getByLabelText("How") as HTMLSelectElement;
    expect([...how.options].map((o) => `${o.value}:${o.textContent}`)).toEqual([
      "mail:Mail",
      "email:Email",
      "fax:Fax",
      "hand:Hand delivery",
      "portal:Web portal",
    ]);
  });
});
