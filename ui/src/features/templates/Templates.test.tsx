import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Templates } from "./Templates";
import { catalog, page, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  catalog: vi.fn(),
  samplePreview: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Templates", () => {
  it("lists templates, shows a template's source and the sample letter", async () => {
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.samplePreview).mockResolvedValue({ title: "KORUS", pages: [page("Dear Secretary Ross:")] });
    renderWithQuery(<Templates />);
    expect(await screen.findByText("Thank-you letter")).toBeTruthy();
    expect(screen.getAllByText("Built in (read-only)")).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Letter of support (joint)" }));
    expect(screen.getByLabelText("Template source").textContent).toBe("{{date}}");
    expect(await screen.findByText("Dear Secretary Ross:")).toBeTruthy();
  });
});
