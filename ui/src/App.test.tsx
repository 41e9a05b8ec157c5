import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";

vi.mock("./ipc", async (importOriginal) => {
  const real = await importOriginal<typeof import("./ipc")>();
  return {
    ...real,
    samplePreview: vi.fn(),
    chooseExportPath: vi.fn(),
    exportSamplePdf: vi.fn(),
  };
});
import * as ipc from "./ipc";

const page = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792"><text>${text}</text></svg>`;

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

describe("App", () => {
  beforeEach(() => vi.resetAllMocks());

  it("shows every page of the preview and the letter's title", async () => {
    vi.mocked(ipc.samplePreview).mockResolvedValue({
      title: "Continued support for KORUS",
      pages: [page("Dear Secretary Ross and Ambassador Lighthizer:"), page("Page 2 of 2")],
    });
    renderApp();
    expect(await screen.findByText("Dear Secretary Ross and Ambassador Lighthizer:")).toBeTruthy();
    expect(screen.getAllByTestId("preview-page")).toHaveLength(2);
    expect(screen.getByText("Continued support for KORUS")).toBeTruthy();
  });

  it("exports to the chosen path and says where", async () => {
    vi.mocked(ipc.samplePreview).mockResolvedValue({ title: "T", pages: [page("x")] });
    vi.mocked(ipc.chooseExportPath).mockResolvedValue("/tmp/letter.pdf");
    vi.mocked(ipc.exportSamplePdf).mockResolvedValue(undefined);
    renderApp();
    const button = await screen.findByRole("button", { name: "Export PDF…" });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(button);
    expect(await screen.findByText("Saved to /tmp/letter.pdf")).toBeTruthy();
    expect(ipc.exportSamplePdf).toHaveBeenCalledWith("/tmp/letter.pdf");
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    vi.mocked(ipc.samplePreview).mockResolvedValue({ title: "T", pages: [page("x")] });
    vi.mocked(ipc.chooseExportPath).mockResolvedValue(null);
    renderApp();
    const button = await screen.findByRole("button", { name: "Export PDF…" });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(button);
    await waitFor(() => expect(ipc.chooseExportPath).toHaveBeenCalled());
    expect(ipc.exportSamplePdf).not.toHaveBeenCalled();
  });

  it("shows the shell's error message when export fails", async () => {
    vi.mocked(ipc.samplePreview).mockResolvedValue({ title: "T", pages: [page("x")] });
    vi.mocked(ipc.chooseExportPath).mockResolvedValue("/root/x.pdf");
    vi.mocked(ipc.exportSamplePdf).mockRejectedValue({
      code: "io",
      message: "cannot write /root/x.pdf: Permission denied",
    });
    renderApp();
    const button = await screen.findByRole("button", { name: "Export PDF…" });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(button);
    expect(
      await screen.findByText("Export failed: cannot write /root/x.pdf: Permission denied"),
    ).toBeTruthy();
  });

  it("explains when the preview cannot be made", async () => {
    vi.mocked(ipc.samplePreview).mockRejectedValue({ code: "typeset", message: "no font for 'X'" });
    renderApp();
    expect((await screen.findByRole("alert")).textContent).toContain("no font for 'X'");
  });
});
