import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PaperDialog } from "./Paper";
import { renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  chooseSavePath: vi.fn(),
  letterPaperExport: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("envelopes and labels", () => {
  beforeEach(() => vi.resetAllMocks());

  it("writes No. 10 envelopes unless another paper is chosen, and says how many", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/home/dana/Envelopes.pdf");
    vi.mocked(ipc.letterPaperExport).mockResolvedValue(27);
    const onWritten = vi.fn();
    renderWithQuery(<PaperDialog letterId={4} onClose={vi.fn()} onWritten={onWritten} />);
    expect((screen.getByLabelText(/US No\. 10/) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByLabelText(/Avery 5160/));
    await userEvent.click(screen.getByRole("button", { name: "Save PDF…" }));
    expect(ipc.chooseSavePath).toHaveBeenCalledWith("Labels for letter 4.pdf", { name: "PDF", extensions: ["pdf"] });
    expect(ipc.letterPaperExport).toHaveBeenCalledWith(4, { kind: "labels", name: "5160" }, "/home/dana/Envelopes.pdf");
    await waitFor(() => expect(onWritten).toHaveBeenCalledWith("/home/dana/Envelopes.pdf", 27, "labels"));
  });

  it("writes nothing when the save dialog is cancelled, and says why a PDF was not written", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValueOnce(null);
    const onWritten = vi.fn();
    renderWithQuery(<PaperDialog letterId={4} onClose={vi.fn()} onWritten={onWritten} />);
    await userEvent.click(screen.getByRole("button", { name: "Save PDF…" }));
    await waitFor(() => expect(ipc.chooseSavePath).toHaveBeenCalled());
    expect(ipc.letterPaperExport).not.toHaveBeenCalled();
    expect(onWritten).not.toHaveBeenCalled();

    vi.mocked(ipc.chooseSavePath).mockResolvedValueOnce("/home/dana/e.pdf");
    vi.mocked(ipc.letterPaperExport).mockRejectedValueOnce({ code: "invalid", message: "letter 4 has no addressee to address an envelope to" });
    await userEvent.click(screen.getByRole("button", { name: "Save PDF…" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Not written: .*no addressee/);
    expect(onWritten).not.toHaveBeenCalled();
  });
});
