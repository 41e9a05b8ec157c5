import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Positions } from "./Positions";
import { catalog, clockView, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  issuesOverview: vi.fn(),
  positionAdopt: vi.fn(),
  clock: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Positions", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
  });

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

  it("adopts a new version of a position, dated today unless changed, and says so", async () => {
    vi.mocked(ipc.issuesOverview).mockResolvedValue(catalog.issues);
    vi.mocked(ipc.positionAdopt).mockResolvedValue({
      id: 3, issue_id: 1, issue: "KORUS", version: 3, stance: "oppose", adopted_on: "2018-03-28", statement: "Renegotiate.", rationale: "",
    });
    renderWithQuery(<Positions onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Adopt a new version…" }));
    const dialog = screen.getByRole("dialog", { name: "Adopt a new version: U.S.–Korea Free Trade Agreement (KORUS)" });
    // Starts from the stance in force, on the organization's today.
    expect((within(dialog).getByRole("combobox", { name: "Stance" }) as HTMLSelectElement).value).toBe("support");
    const on = within(dialog).getByLabelText("Adopted on") as HTMLInputElement;
    expect(on.value).toBe("2026-03-10");
    // The statement starts from the words in force, to edit; emptied, it
    // is asked for first (it is what letters quote).
    const statement = within(dialog).getByRole("textbox", { name: /Statement/ }) as HTMLTextAreaElement;
    expect(statement.value).toBe("Reaffirm.");
    await userEvent.clear(statement);
    await userEvent.click(within(dialog).getByRole("button", { name: "Adopt this version" }));
    expect(await within(dialog).findByText("Write the position's statement: the words letters quote.")).toBeTruthy();
    expect(statement.getAttribute("aria-invalid")).toBe("true");
    expect(ipc.positionAdopt).not.toHaveBeenCalled();

    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Stance" }), "oppose");
    await userEvent.clear(on);
    await userEvent.type(on, "03/28/2018");
    await userEvent.type(statement, "Renegotiate. ");
    expect(within(dialog).queryByText(/Write the position's statement/)).toBeNull();
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Rationale/ }), "Members' steel exports");
    await userEvent.click(within(dialog).getByRole("button", { name: "Adopt this version" }));
    expect(ipc.positionAdopt).toHaveBeenCalledWith("1", {
      stance: "oppose",
      adopted_on: "2018-03-28",
      statement: "Renegotiate.",
      rationale: "Members' steel exports",
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(
      screen.getByText("Adopted version 3 of the position on U.S.–Korea Free Trade Agreement (KORUS), from March 28, 2018."),
    ).toBeTruthy();
  });

  it("shows a refused adoption at its field, keeping what was written", async () => {
    vi.mocked(ipc.issuesOverview).mockResolvedValue(catalog.issues);
    vi.mocked(ipc.positionAdopt).mockRejectedValue({
      code: "invalid_data",
      field: "adopted_on",
      message: "adopted_on: version 2 was adopted on 2017-09-01; a new version is adopted after it",
    });
    renderWithQuery(<Positions onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Adopt a new version…" }));
    const dialog = screen.getByRole("dialog");
    const on = within(dialog).getByLabelText("Adopted on");
    await userEvent.clear(on);
    await userEvent.type(on, "2016-01-01");
    await userEvent.clear(within(dialog).getByRole("textbox", { name: /Statement/ }));
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Statement/ }), "Oppose.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Adopt this version" }));
    expect(await within(dialog).findByText("Version 2 was adopted on September 1, 2017; a new version is adopted after it")).toBeTruthy();
    expect(on.getAttribute("aria-invalid")).toBe("true");
    expect(within(dialog).queryByRole("alert")).toBeNull();
    expect((within(dialog).getByRole("textbox", { name: /Statement/ }) as HTMLTextAreaElement).value).toBe("Oppose.");
  });

  it("marks the issue it was asked to show, and takes the focus there", async () => {
    vi.mocked(ipc.issuesOverview).mockResolvedValue([
      ...catalog.issues,
      { issue: { id: 7, name: "Steel tariffs", summary: "", staff_contact: null }, positions: [] },
    ]);
    const scrolled = vi.spyOn(HTMLElement.prototype, "scrollIntoView");
    renderWithQuery(<Positions onOpen={vi.fn()} issue={7} />);
    const steel = await screen.findByRole("article", { name: "Steel tariffs" });
    expect(steel.getAttribute("aria-current")).toBe("true");
    expect(screen.getByRole("article", { name: /KORUS/ }).getAttribute("aria-current")).toBeNull();
    const heading = within(steel).getByRole("heading", { name: "Steel tariffs" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(scrolled.mock.contexts).toContain(heading);
    expect(within(steel).getByText("No position adopted on this issue yet.")).toBeTruthy();
    scrolled.mockRestore();
  });
});
