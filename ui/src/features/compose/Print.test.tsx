import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PrintDialog } from "./Print";
import { renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  printersList: vi.fn(),
  letterPrint: vi.fn(),
  letterPrintCopies: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Print", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.printersList).mockResolvedValue([
      { name: "Trade-4F", default: true },
      { name: "Front-Desk", default: false },
    ]);
    vi.mocked(ipc.letterPrintCopies).mockResolvedValue(1);
  });

  it("prints on the default printer unless another is chosen, with copies, two-sided, tray and one job", async () => {
    vi.mocked(ipc.letterPrint).mockResolvedValue({ printer: "Front-Desk", jobs: ["Front-Desk-7"], sheets_of: 54 });
    vi.mocked(ipc.letterPrintCopies).mockResolvedValue(27);
    const printed = vi.fn();
    renderWithQuery(<PrintDialog letterId={4} onClose={vi.fn()} onPrinted={printed} />);
    expect(await screen.findByText(/27 copies, one for each addressee/)).toBeTruthy();
    expect(ipc.letterPrintCopies).toHaveBeenCalledWith(4);
    const printer = screen.getByLabelText("Printer") as HTMLSelectElement;
    await waitFor(() => expect(printer.value).toBe("Trade-4F"));
    expect([...printer.options].map((o) => o.textContent)).toEqual(["Trade-4F (default)", "Front-Desk"]);
    await userEvent.selectOptions(printer, "Front-Desk");
    const count = screen.getByLabelText("Copies of each");
    await userEvent.clear(count);
    await userEvent.type(count, "2x");
    await userEvent.click(screen.getByLabelText("Both sides of the sheet"));
    await userEvent.type(screen.getByLabelText("Paper tray (optional)"), "Tray2");
    await userEvent.click(screen.getByLabelText(/All copies in one print job/));
    await userEvent.click(screen.getByRole("button", { name: "Print" }));
    expect(ipc.letterPrint).toHaveBeenCalledWith({
      letter_id: 4,
      copy: null,
      printer: "Front-Desk",
      copies: 2,
      two_sided: true,
      tray: "Tray2",
      one_job: true,
    });
    await waitFor(() => expect(printed).toHaveBeenCalledWith({ printer: "Front-Desk", jobs: ["Front-Desk-7"], sheets_of: 54 }));
  });

  it("says there is no printer, and a refusal at its field", async () => {
    vi.mocked(ipc.printersList).mockResolvedValueOnce([]);
    const first = renderWithQuery(<PrintDialog letterId={4} onClose={vi.fn()} onPrinted={vi.fn()} />);
    expect(await screen.findByText(/This computer has no printer set up/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Print" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByLabelText(/All copies in one print job/)).toBeNull();
    first.unmount();

    vi.mocked(ipc.letterPrint).mockRejectedValue({ code: "invalid_data", field: "copies", message: "print from 1 to 99 of each copy at a time" });
    renderWithQuery(<PrintDialog letterId={4} onClose={vi.fn()} onPrinted={vi.fn()} />);
    await waitFor(() => expect((screen.getByLabelText("Printer") as HTMLSelectElement).value).toBe("Trade-4F"));
    const count = screen.getByLabelText("Copies");
    await userEvent.clear(count);
    await userEvent.type(count, "100");
    await userEvent.click(screen.getByRole("button", { name: "Print" }));
    expect(await screen.findByText(/print from 1 to 99 of each copy at a time/i)).toBeTruthy();
    expect(count.getAttribute("aria-invalid")).toBe("true");
  });

  it("counts a joint letter as one document, however many it is addressed to (Rust's count)", async () => {
    vi.mocked(ipc.letterPrintCopies).mockResolvedValue(1);
    renderWithQuery(<PrintDialog letterId={9} onClose={vi.fn()} onPrinted={vi.fn()} />);
    await waitFor(() => expect(ipc.letterPrintCopies).toHaveBeenCalledWith(9));
    await waitFor(() => expect((screen.getByLabelText("Printer") as HTMLSelectElement).value).toBe("Trade-4F"));
    expect(screen.getByLabelText("Copies")).toBeTruthy();
    expect(screen.queryByText(/one for each addressee/)).toBeNull();
    expect(screen.queryByLabelText(/All copies in one print job/)).toBeNull();
  });

  it("says when the computer has no print service at all, not that it has no printer", async () => {
    vi.mocked(ipc.printersList).mockRejectedValue({
      code: "unavailable",
      message: "this computer has no print service (lpstat is not installed): install CUPS (the cups package) and add a printer, then print again",
    });
    renderWithQuery(<PrintDialog letterId={4} onClose={vi.fn()} onPrinted={vi.fn()} />);
    expect(await screen.findByText(/no print service \(lpstat is not installed\)/)).toBeTruthy();
    expect(screen.queryByText(/no printer set up/)).toBeNull();
  });
});
