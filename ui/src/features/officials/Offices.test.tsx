import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Offices } from "./Offices";
import { catalog, clockView, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officesList: vi.fn(),
  officeDetail: vi.fn(),
  officeAdd: vi.fn(),
  officeEdit: vi.fn(),
  officeRetire: vi.fn(),
  termAdd: vi.fn(),
  termEnd: vi.fn(),
  officialsList: vi.fn(),
  clock: vi.fn(),
}));
import * as ipc from "../../ipc";

const commerce = catalog.offices[0] as (typeof catalog.offices)[number];

describe("Offices", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.officesList).mockResolvedValue([
      { office: commerce, label: commerce.title, holder: "Howard Lutnick" },
      { office: { ...commerce, id: 12, title: "Secretary of State", organization: "U.S. Department of State" }, label: "Secretary of State", holder: null },
    ]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({
      office: commerce,
      label: commerce.title,
      senate_class: null,
      holders: [
        { term_id: 3, person_id: 3, person: "Howard Lutnick", start_on: "2025-02-21", end_on: null, acting: false },
        { term_id: 1, person_id: 1, person: "Wilbur Ross", start_on: "2017-02-28", end_on: "2021-01-20", acting: false },
      ],
    });
  });

  it("lists offices with today's holder, or that none is on record", async () => {
    renderWithQuery(<Offices />);
    const table = await screen.findByRole("table", { name: "Offices" });
    expect(within(table).getByText("Howard Lutnick")).toBeTruthy();
    expect(within(table).getByText("no holder on record")).toBeTruthy();
  });

  it("names a Senate seat as Rust says it, its class only in the tooltip and the office's details", async () => {
    const seat = { ...commerce, id: 40, title: "U.S. Senator for California, class 3", kind: "senator" as const, organization: "United States Senate" };
    vi.mocked(ipc.officesList).mockResolvedValue([{ office: seat, label: "U.S. Senator for California", holder: "Alex Padilla" }]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({ office: seat, label: "U.S. Senator for California", senate_class: 3, holders: [] });
    renderWithQuery(<Offices />);
    const table = await screen.findByRole("table", { name: "Offices" });
    const link = within(table).getByRole("button", { name: "U.S. Senator for California" });
    expect(link.getAttribute("title")).toBe("U.S. Senator for California, class 3");
    expect(within(table).queryByText(/class 3/)).toBeNull();
    await userEvent.click(link);
    const panel = await screen.findByRole("complementary", { name: "U.S. Senator for California" });
    expect(within(panel).getByRole("heading", { name: "U.S. Senator for California" })).toBeTruthy();
    expect(within(panel).getByText("A class 3 Senate seat.")).toBeTruthy();
  });

  it("shows every office a page at a time, and starts again at the first on a new search", async () => {
    vi.mocked(ipc.officesList).mockResolvedValue(
      Array.from({ length: 250 }, (_, i) => ({ office: { ...commerce, id: 100 + i, title: `Office ${i + 1}` }, label: `Office ${i + 1}`, holder: null })),
    );
    renderWithQuery(<Offices />);
    const pages = await screen.findByRole("navigation", { name: "Pages of offices" });
    expect(within(pages).getByRole("status").textContent).toBe("Showing 1–200 of 250");
    expect(screen.queryByRole("button", { name: "Office 201" })).toBeNull();
    await userEvent.click(within(pages).getByRole("button", { name: "Next 50" }));
    expect(await screen.findByRole("button", { name: "Office 250" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Office 1" })).toBeNull();
    expect(within(pages).getByRole("status").textContent).toBe("Showing 201–250 of 250");
    await userEvent.type(screen.getByRole("searchbox"), "O");
    await waitFor(() =>
      expect(within(screen.getByRole("navigation", { name: "Pages of offices" })).getByRole("status").textContent).toBe(
        "Showing 1–200 of 250",
      ),
    );
  });

  it("gives the office's title its row, what can be done with the office under it", async () => {
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    const panel = await screen.findByRole("complementary", { name: "Secretary of Commerce" });
    // Beside the title only Close: four buttons beside it wrapped a long title onto three lines.
    expect(panel.querySelector("header")?.textContent).toBe("Secretary of Commerce×");
    const actions = within(panel).getByRole("group", { name: "Office actions" });
    expect(within(actions).getAllByRole("button").map((b) => b.textContent)).toEqual(["Add holder…", "Edit…", "Retire…"]);
  });

  it("adds a holder; an overlapping term is refused with the reason", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([
      { person: { id: 9, full_name: "Pat Example", family_name: "Example", honorific: null, salutation: null, email: null, retired_on: null }, office: null, office_id: null, until: null, term_end: "open" },
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
    // The rooms of this holder's term, blank lines dropped (issue 30: a back-dated letter goes there).
    await userEvent.type(
      within(dialog).getByRole("textbox", { name: /Their address in this term/ }),
      "1401 Constitution Ave NW{Enter}{Enter}Washington DC 20230",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Add holder" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("end that term first");
    expect(vi.mocked(ipc.termAdd).mock.lastCall?.[0]).toMatchObject({
      person_id: 9,
      office_id: 10,
      end_on: null,
      acting: false,
      address: ["1401 Constitution Ave NW", "Washington DC 20230"],
    });
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

  it("edits an office's address, dropping blank lines; a clash of titles is shown at the title", async () => {
    vi.mocked(ipc.officeEdit).mockRejectedValueOnce({
      code: "invalid_data",
      message: "an office with this title already exists in that organization",
      field: "title",
    });
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    const panel = await screen.findByRole("complementary", { name: "Secretary of Commerce" });
    await userEvent.click(within(panel).getByRole("button", { name: "Edit…" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Secretary of Commerce" });
    const address = within(dialog).getByRole("textbox", { name: "Mailing address (as printed, one line each)" });
    await userEvent.clear(address);
    await userEvent.type(address, "1401 Constitution Ave NW{Enter}{Enter}Washington, DC 20230");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect((await within(dialog).findByText(/already exists/)).className).toContain("field-error");
    expect(within(dialog).getByRole("textbox", { name: "Title" }).getAttribute("aria-invalid")).toBe("true");
    vi.mocked(ipc.officeEdit).mockResolvedValueOnce(null);
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(vi.mocked(ipc.officeEdit).mock.lastCall).toEqual([
      10,
      expect.objectContaining({ title: "Secretary of Commerce", address: ["1401 Constitution Ave NW", "Washington, DC 20230"] }),
    ]);
  });

  it("retiring an office someone still holds is refused with the reason; the dialog keeps the date", async () => {
    vi.mocked(ipc.officeRetire).mockRejectedValue({
      code: "invalid_data",
      message: "Howard Lutnick holds this office with no end date, after 2026-12-01; end that term on or before 2026-12-01 first",
      field: "retired_on",
    });
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    await userEvent.click(await screen.findByRole("button", { name: "Retire…" }));
    const dialog = screen.getByRole("dialog", { name: "Retire Secretary of Commerce" });
    const on = within(dialog).getByLabelText("Retired on");
    await userEvent.clear(on);
    await userEvent.type(on, "2026-12-01");
    await userEvent.click(within(dialog).getByRole("button", { name: "Retire" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("after December 1, 2026; end that term on or before December 1, 2026 first");
    expect(ipc.officeRetire).toHaveBeenCalledWith(10, "2026-12-01");
    expect((within(dialog).getByLabelText("Retired on") as HTMLInputElement).value).toBe("2026-12-01");
  });

  it("shows a retired office as retired, and reinstates it", async () => {
    const retired = { ...commerce, retired_on: "2030-01-01" };
    vi.mocked(ipc.officesList).mockResolvedValue([{ office: retired, label: retired.title, holder: null }]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({ office: retired, label: retired.title, senate_class: null, holders: [] });
    vi.mocked(ipc.officeRetire).mockResolvedValue(null);
    renderWithQuery(<Offices />);
    const table = await screen.findByRole("table", { name: "Offices" });
    expect(within(table).getByText("retired January 1, 2030")).toBeTruthy();
    await userEvent.click(within(table).getByRole("button", { name: "Secretary of Commerce" }));
    const panel = await screen.findByRole("complementary", { name: "Secretary of Commerce" });
    expect(within(panel).getByText(/Retired on January 1, 2030/)).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Add holder…" })).toBeNull();
    await userEvent.click(within(panel).getByRole("button", { name: "Reinstate" }));
    expect(ipc.officeRetire).toHaveBeenCalledWith(10, null);
  });

  it("adds an office and opens it", async () => {
    vi.mocked(ipc.officeAdd).mockResolvedValue(10);
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Add office…" }));
    const dialog = screen.getByRole("dialog", { name: "Add an office" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Title" }), "Governor of Ohio");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Kind (decides the form of address)" }), "governor");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add office" }));
    expect(vi.mocked(ipc.officeAdd).mock.lastCall?.[0]).toMatchObject({ title: "Governor of Ohio", kind: "governor", address: [] });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByRole("complementary", { name: "Secretary of Commerce" })).toBeTruthy();
  });

  it("proposes the organization's today for retiring an office and ending a term", async () => {
    vi.mocked(ipc.clock).mockResolvedValue({ ...clockView, today: "2027-01-15" });
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    await userEvent.click(await screen.findByRole("button", { name: "Retire…" }));
    let dialog = screen.getByRole("dialog", { name: "Retire Secretary of Commerce" });
    expect((within(dialog).getByLabelText("Retired on") as HTMLInputElement).value).toBe("2027-01-15");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await userEvent.click(screen.getByRole("button", { name: "End term…" }));
    dialog = screen.getByRole("dialog", { name: "End the term" });
    expect((within(dialog).getByLabelText("Left office on") as HTMLInputElement).value).toBe("2027-01-15");
  });

  it("asks for the date at its field rather than retiring an office on none", async () => {
    renderWithQuery(<Offices />);
    await userEvent.click(await screen.findByRole("button", { name: "Secretary of Commerce" }));
    await userEvent.click(await screen.findByRole("button", { name: "Retire…" }));
    const dialog = screen.getByRole("dialog", { name: "Retire Secretary of Commerce" });
    const on = within(dialog).getByLabelText("Retired on");
    await userEvent.clear(on);
    await userEvent.click(within(dialog).getByRole("button", { name: "Retire" }));
    expect(within(dialog).getByText("Enter the date: the month, day and year, e.g. 09/24/2018.")).toBeTruthy();
    expect(on.getAttribute("aria-invalid")).toBe("true");
    expect(ipc.officeRetire).not.toHaveBeenCalled();
  });

  it("opens at the office it was asked for, beside the list", async () => {
    renderWithQuery(<Offices start={10} />);
    const panel = await screen.findByRole("complementary", { name: "Secretary of Commerce" });
    const table = await screen.findByRole("table", { name: "Offices" });
    expect(panel.closest(".master-detail")?.contains(table)).toBe(true);
    expect(within(table).getAllByRole("row")[1]?.getAttribute("aria-current")).toBe("true");
  });
});
