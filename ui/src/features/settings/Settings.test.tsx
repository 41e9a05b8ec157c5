import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Settings } from "./Settings";
import { catalog, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  settingsInfo: vi.fn(),
  catalog: vi.fn(),
  chooseSavePath: vi.fn(),
  backup: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Settings", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.settingsInfo).mockResolvedValue({
      db_path: "/home/staff/.local/share/amicus/amicus.db",
      organization: "Lakeshore State Chamber of Commerce",
      schema_version: 4,
    });
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
  });

  it("shows the database and signers, and backs up where the user chose", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/backups/amicus.db");
    vi.mocked(ipc.backup).mockResolvedValue(null);
    renderWithQuery(<Settings />);
    expect(await screen.findByText("/home/staff/.local/share/amicus/amicus.db")).toBeTruthy();
    expect(await screen.findByText("Jordan A. Whitfield, Vice President")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Back up…" }));
    expect(ipc.backup).toHaveBeenCalledWith("/backups/amicus.db");
    expect(await screen.findByText("Backed up to /backups/amicus.db")).toBeTruthy();
  });

  it("says why a backup failed", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/readonly/amicus.db");
    vi.mocked(ipc.backup).mockRejectedValue({ code: "io", message: "/readonly/amicus.db: permission denied" });
    renderWithQuery(<Settings />);
    await userEvent.click(await screen.findByRole("button", { name: "Back up…" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Backup failed: /readonly/amicus.db: permission denied",
    );
  });
});
