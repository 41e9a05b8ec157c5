import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Officials } from "./Officials";
import { renderWithQuery } from "../../test/fixtures";
import type { ImportSummary } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officialsList: vi.fn(),
  importCongress: vi.fn(),
  importPosts: vi.fn(),
  chooseFolder: vi.fn(),
}));
import * as ipc from "../../ipc";

const summary = (over: Partial<ImportSummary>): ImportSummary => ({
  added: 0, updated: 0, ended: 0, offices_added: 0, offices_updated: 0, terms_added: 0,
  terms_updated: 0, local_offices_changed: 0, skipped: [], ...over,
});

describe("Officials", () => {
  beforeEach(() => vi.resetAllMocks());

  it("lists officials with their office and searches by name", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([
      {
        person: { id: 5, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null },
        office: "U.S. Senator for California, class 3",
        office_id: 9,
        until: "2029-01-03",
      },
    ]);
    renderWithQuery(<Officials />);
    expect(await screen.findByText("U.S. Senator for California, class 3")).toBeTruthy();
    expect(screen.getByText("January 3, 2029")).toBeTruthy();
    await userEvent.type(screen.getByRole("searchbox"), "Padilla");
    expect(ipc.officialsList).toHaveBeenLastCalledWith("Padilla");
  });

  it("shows what an import would do before applying it", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCongress)
      .mockResolvedValueOnce(summary({ added: 537, terms_added: 2792, skipped: ["Jane Doe: party was edited by hand"] }))
      .mockResolvedValueOnce(summary({ added: 537, terms_added: 2792 }));
    renderWithQuery(<Officials />);
    await userEvent.type(await screen.findByLabelText(/Congress roster folder/), "/data/congress");
    await userEvent.click(screen.getByRole("button", { name: "Review import…" }));
    expect(ipc.importCongress).toHaveBeenLastCalledWith("/data/congress", true);
    expect(await screen.findByText(/would make these changes/)).toBeTruthy();
    expect(screen.getByText("Officials: 537 added, 0 updated")).toBeTruthy();
    expect(screen.getByText("Jane Doe: party was edited by hand")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Apply import" }));
    expect(ipc.importCongress).toHaveBeenLastCalledWith("/data/congress", false);
    expect(await screen.findByText("Imported:")).toBeTruthy();
  });

  it("says why a folder cannot be imported", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCongress).mockRejectedValue({
      code: "io",
      message: "cannot read /nowhere/legislators-current.yaml: No such file or directory",
    });
    renderWithQuery(<Officials />);
    await userEvent.type(await screen.findByLabelText(/Congress roster folder/), "/nowhere");
    await userEvent.click(screen.getByRole("button", { name: "Review import…" }));
    expect((await screen.findByRole("alert")).textContent).toContain("legislators-current.yaml");
    expect(screen.queryByRole("button", { name: "Apply import" })).toBeNull();
  });
});
