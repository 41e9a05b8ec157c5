import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AddGroupDialog } from "./AddGroup";
import { catalog, nth, renderWithQuery } from "../../test/fixtures";
import type { GroupExpansion } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  groupsList: vi.fn(),
  groupExpand: vi.fn(),
  catalog: vi.fn(),
}));
import * as ipc from "../../ipc";

const finance: GroupExpansion = {
  label: "Senate Committee on Finance",
  on: "2026-06-20",
  members: [
    { name: "Mike Crapo", role: "Chairman", choice: { role: "to", to: { by: "office", id: 11 } } },
    { name: "Ron Wyden", role: "Ranking Member", choice: { role: "to", to: { by: "office", id: 12 } } },
    { name: "Chuck Grassley", role: null, choice: { role: "to", to: { by: "office", id: 13 } } },
  ],
  salutation: "Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:",
  warnings: ["Jane Doe is on the committee but held no seat in Congress on 2026-06-20 in the record; left out"],
};

describe("Add a group", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.groupsList).mockResolvedValue([
      { group: { kind: "list", name: "KORUS principals" }, code: "list:KORUS principals", label: "KORUS principals", members: 2 },
      { group: { kind: "committee", code: "SSFI", leaders_only: false }, code: "SSFI", label: "Senate Committee on Finance", members: 27 },
      { group: { kind: "committee", code: "HSWM", leaders_only: false }, code: "HSWM", label: "House Committee on Ways and Means", members: 43 },
    ]);
    vi.mocked(ipc.groupExpand).mockResolvedValue(finance);
  });

  it("resolves the committee at the letter's date, lets a member be left out, and adds the rest", async () => {
    const onAdd = vi.fn();
    renderWithQuery(<AddGroupDialog date="2026-06-20" onClose={vi.fn()} onAdd={onAdd} />);
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    await userEvent.type(within(dialog).getByRole("combobox"), "finance");
    await userEvent.click(await within(dialog).findByRole("button", { name: /Senate Committee on Finance/ }));
    expect(ipc.groupExpand).toHaveBeenCalledWith({ kind: "committee", code: "SSFI", leaders_only: false }, "2026-06-20");
    expect(await within(dialog).findByText(/Jane Doe is on the committee/)).toBeTruthy();
    await userEvent.click(within(dialog).getByLabelText("Chuck Grassley"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add 2 recipients" }));
    // The group and who was left out; Rust adds the rest and decides the greeting.
    expect(onAdd).toHaveBeenCalledWith({
      group: { kind: "committee", code: "SSFI", leaders_only: false },
      leftOut: [finance.members[2]?.choice],
    });
  });

  it("finds a committee by the name people call it: its chamber and its subject", async () => {
    renderWithQuery(<AddGroupDialog date="2026-06-20" onClose={vi.fn()} onAdd={vi.fn()} />);
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    const box = within(dialog).getByRole("combobox");
    await userEvent.type(box, "Senate Finance");
    expect(await within(dialog).findByRole("button", { name: /Senate Committee on Finance/ })).toBeTruthy();
    expect(within(dialog).queryByText("No committee by that name or code.")).toBeNull();
    await userEvent.clear(box);
    await userEvent.type(box, "house ways and means");
    expect(await within(dialog).findByRole("button", { name: /House Committee on Ways and Means/ })).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: /Senate Committee on Finance/ })).toBeNull();
  });

  it("finds a committee by the code Rust gives it, and asks for its leaders only", async () => {
    const onAdd = vi.fn();
    renderWithQuery(<AddGroupDialog date="2026-06-20" onClose={vi.fn()} onAdd={onAdd} />);
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    await userEvent.type(within(dialog).getByRole("combobox"), "hswm");
    const option = await within(dialog).findByRole("button", { name: /House Committee on Ways and Means/ });
    expect(option.textContent).toContain("HSWM · 43 members today");
    await userEvent.click(option);
    await userEvent.click(within(dialog).getByLabelText("Only the chair and the ranking member"));
    expect(ipc.groupExpand).toHaveBeenLastCalledWith({ kind: "committee", code: "HSWM", leaders_only: true }, "2026-06-20");
  });

  it("puts the main button first and Cancel after it, as the other dialogs do", async () => {
    const onClose = vi.fn();
    renderWithQuery(<AddGroupDialog date="2026-06-20" onClose={onClose} onAdd={vi.fn()} />);
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    const buttons = [...(dialog.querySelector(".actions")?.querySelectorAll("button") ?? [])];
    // Nothing chosen yet: nothing to count, and nothing to press.
    expect(buttons.map((b) => b.textContent)).toEqual(["Add recipients", "Cancel"]);
    expect((nth(buttons, 0) as HTMLButtonElement).disabled).toBe(true);
    expect(nth(buttons, 0).className).toBe("primary");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
  });

  it("asks for a state's delegation by the state's name and the chamber", async () => {
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    renderWithQuery(<AddGroupDialog date="2026-06-20" onClose={vi.fn()} onAdd={vi.fn()} />);
    await userEvent.click(screen.getByLabelText("A state's delegation"));
    const state = screen.getByLabelText("State") as HTMLSelectElement;
    await within(state).findByRole("option", { name: "Washington (WA)" });
    expect([...state.options].map((o) => o.textContent)).toEqual(["Choose…", "California (CA)", "Ohio (OH)", "Washington (WA)"]);
    await userEvent.selectOptions(state, "WA");
    await userEvent.selectOptions(screen.getByLabelText("Chamber"), "senate");
    expect(ipc.groupExpand).toHaveBeenLastCalledWith({ kind: "delegation", state: "WA", chamber: "senate" }, "2026-06-20");
  });

  it("offers the team's saved lists", async () => {
    renderWithQuery(<AddGroupDialog date="2017-09-05" onClose={vi.fn()} onAdd={vi.fn()} />);
    await userEvent.click(screen.getByLabelText("A saved list"));
    await userEvent.selectOptions(await screen.findByLabelText("List"), "KORUS principals");
    expect(ipc.groupExpand).toHaveBeenLastCalledWith({ kind: "list", name: "KORUS principals" }, "2017-09-05");
  });
});
