import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Offices } from "./Offices";
import { catalog, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officesList: vi.fn(),
  officeDetail: vi.fn(),
  officeAdd: vi.fn(),
  termAdd: vi.fn(),
  termEnd: vi.fn(),
  officialsList: vi.fn(),
}));
import * as ipc from "../../ipc";

const commerce = catalog.offices[0] as (typeof catalog.offices)[number];

describe("Offices", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.officesList).mockResolvedValue([
      { office: commerce, holder: "Howard Lutnick" },
      { office: { ...commerce, id: 12, title: "Secretary of State", organization: "U.S. Department of State" }, holder: null },
    ]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({
      office: commerce,
      holders: [
        { term_id: 3, person_id: 3, person: "Howard Lutnick", start_on: "2025-02-21", end_on: null, acting: false },
        { term_id: 1, person_id: 1, person: "Wilbur Ross", start_on: "2017-02-28", end_on: "2021-01-20", acting: false },
      ],
    });
  });

  it("lists offices with today's holder, or vacant", async () => {
    renderWithQuery(<Offices />);
    const table = await screen.findByRole("table", { name: "Offices" });
    expect(within(table).getByText("Howard Lutnick")).toBeTruthy();
    expect(within(table).getByText("vacant")).toBeTruthy();
  });

  it("adds a holder; an overlapping term is refused with the reason", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([
      { person: { id: 9, full_name: "Pat Example", family_name: "Example", honorific: null, salutation: null, email: null, retired_on: null }, office: null, office_id: null, until: null },
    ]);
    vi.mocked(ipc.termAdd).mockRejectedValue({
      code: "invalid_data",
      message: "Howard Lutnick holds Secretary of Commerce from 2025-02-21; end that term first",
      field: "start_on",
    });
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    const panel = await screen.findByRole("complementary", { name: "Secretary of Commerce" });
    expect(within(panel).getByRole("list", { name: "Holders" }).textContent).toContain("Wilbur Ross: February 28, 2017 – January 20, 2021");
    await userEvent.click(within(panel).getByRole("button", { name: "Add holder…" }));
    const dialog = screen.getByRole("dialog", { name: "Add a holder" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Person" }), "Pat");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Pat Example" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add holder" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("end that term first");
    expect(vi.mocked(ipc.termAdd).mock.lastCall?.[0]).toMatchObject({ person_id: 9, office_id: 10, end_on: null, acting: false });
  });

  it("ends the current term on the chosen day", async () => {
    vi.mocked(ipc.termEnd).mockResolvedValue(null);
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    await userEvent.click(await screen.findByRole("button", { name: "End term…" }));
    const dialog = screen.getByRole("dialog", { name: "End the term" });
    const on = within(dialog).getByLabelText("Left office on");
    await userEvent.clear(on);
    await userEvent.type(on, "2026-11-01");
    await userEvent.click(within(dialog).getByRole("button", { name: "End term" }));
    expect(ipc.termEnd).toHaveBeenCalledWith(3, "2026-11-01");
  });
});
