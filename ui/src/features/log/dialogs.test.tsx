import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MarkSentDialog } from "./dialogs";
import { clockView, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  clock: vi.fn(),
  markSent: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("MarkSentDialog", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.markSent).mockResolvedValue(9);
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
      follow_up_on: "2017-10-06",
    });
  });
});
