import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Positions } from "./Positions";
import { catalog, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  issuesOverview: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Positions", () => {
  it("shows each version, newest first, with the letters citing it", async () => {
    vi.mocked(ipc.issuesOverview).mockResolvedValue(catalog.issues);
    const open = vi.fn();
    renderWithQuery(<Positions onOpen={open} />);
    const headings = await screen.findAllByRole("heading", { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual([
      "Version 2: support adopted September 1, 2017",
      "Version 1: support adopted September 20, 2011",
    ]);
    expect(screen.getByText("No letter cites this version.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /Continued support/ }));
    expect(open).toHaveBeenCalledWith(1);
  });

  it("shows an error", async () => {
    vi.mocked(ipc.issuesOverview).mockRejectedValue({ code: "database", message: "disk I/O error" });
    renderWithQuery(<Positions onOpen={vi.fn()} />);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
  });
});
