import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Officials } from "./Officials";
import { catalog, clockView, renderWithQuery } from "../../test/fixtures";
import type { ImportSummary } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officialsList: vi.fn(),
  officialsPage: vi.fn(),
  importCongress: vi.fn(),
  importPosts: vi.fn(),
  importCsv: vi.fn(),
  personDetail: vi.fn(),
  personSave: vi.fn(),
  personRetire: vi.fn(),
  chooseFolder: vi.fn(),
  clock: vi.fn(),
  catalog: vi.fn(),
  officialAdd: vi.fn(),
  officesList: vi.fn(),
  officeDetail: vi.fn(),
}));
import * as ipc from "../../ipc";

const summary = (over: Partial<ImportSummary>): ImportSummary => ({
  added: 0, updated: 0, ended: 0, offices_added: 0, offices_updated: 0, terms_added: 0,
  terms_updated: 0, local_offices_changed: 0, committees_changed: 0, memberships_changed: 0, skipped: [],
  arrivals: [], departures: [], changes: [], changes_nothing: false, ...over,
});

/** Officials → Import…: the import is a dialog of its own. */
const openImport = async () => userEvent.click(await screen.findByRole("button", { name: "Import…" }));

describe("Officials", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    // The screen asks for a page; the tests say who is in it.
    vi.mocked(ipc.officialsPage).mockImplementation(async (filter) => {
      const rows = await ipc.officialsList(filter);
      return { rows, total: rows.length };
    });
  });

  it("shows a long list a page at a time, every page a click away, and starts again at the first on a new search", async () => {
    // 450 people match: pages of 200 from the offset asked for.
    const person = (id: number) => ({
      person: { id, full_name: `Person ${id}`, family_name: `Person ${id}`, honorific: null, salutation: null, email: null, retired_on: null },
      office: null,
      office_id: null,
      until: null, term_end: null,
    });
    vi.mocked(ipc.officialsPage).mockImplementation(async (_filter, offset = 0) => ({
      rows: Array.from({ length: Math.max(0, Math.min(200, 450 - offset)) }, (_, i) => person(offset + i + 1)),
      total: 450,
    }));
    renderWithQuery(<Officials />);
    const pages = await screen.findByRole("navigation", { name: "Pages of officials" });
    expect(within(pages).getByRole("status").textContent).toBe("Showing 1–200 of 450");
    expect((within(pages).getByRole("button", { name: "Previous 200" }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(pages).getByRole("button", { name: "Next 200" }));
    expect(await screen.findByText("Person 201")).toBeTruthy();
    expect(ipc.officialsPage).toHaveBeenLastCalledWith("", 200);
    expect(within(pages).getByRole("status").textContent).toBe("Showing 201–400 of 450");
    await userEvent.click(within(pages).getByRole("button", { name: "Next 50" }));
    expect(await screen.findByText("Person 450")).toBeTruthy();
    expect(within(pages).getByRole("status").textContent).toBe("Showing 401–450 of 450");
    expect((within(pages).getByRole("button", { name: "Next" }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(pages).getByRole("button", { name: "Previous 200" }));
    expect(await screen.findByText("Person 201")).toBeTruthy();
    await userEvent.type(screen.getByRole("searchbox"), "P");
    await waitFor(() => expect(ipc.officialsPage).toHaveBeenLastCalledWith("P", 0));
    expect(await screen.findByText("Person 1")).toBeTruthy();
  });

  it("lists officials with their office and searches by name", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([
      {
        person: { id: 5, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null },
        office: "U.S. Senator for California",
        office_id: 9,
        until: "2029-01-03", term_end: "scheduled",
      },
      {
        person: { id: 6, full_name: "Kamala D. Harris", family_name: "Harris", honorific: null, salutation: null, email: null, retired_on: null },
        office: "U.S. Senator for California",
        office_id: 8,
        until: "2021-01-18", term_end: "last_listed",
      },
      {
        person: { id: 7, full_name: "Barbara Boxer", family_name: "Boxer", honorific: null, salutation: null, email: null, retired_on: null },
        office: "U.S. Senator for California",
        office_id: 8,
        until: "2017-01-03", term_end: "ended",
      },
    ]);
    renderWithQuery(<Officials />);
    expect((await screen.findAllByText("U.S. Senator for California")).length).toBe(3);
    // A roster's end still to come is when the term is scheduled to end, not a day anyone left (Rust says which).
    expect(screen.getByText("in office; term ends January 3, 2029")).toBeTruthy();
    // The day a roster stopped listing her is said as that, not as a day she left.
    expect(screen.getByText("last listed January 18, 2021")).toBeTruthy();
    expect(screen.getByText("ended January 3, 2017")).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "Term" })).toBeTruthy();
    await userEvent.type(screen.getByRole("searchbox"), "Padilla");
    expect(ipc.officialsList).toHaveBeenLastCalledWith("Padilla");
  });

  it("shows what an import would do before applying it", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCongress)
      .mockResolvedValueOnce(summary({ added: 537, terms_added: 2792, skipped: ["Jane Doe: party was edited by hand"] }))
      .mockResolvedValueOnce(summary({ added: 537, terms_added: 2792 }));
    renderWithQuery(<Officials />);
    await openImport();
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

  it("reviews an import in a dialog of its own, naming who comes, who leaves and who changes", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    const arrivals = Array.from({ length: 10 }, (_, i) => `New Member ${i + 1}`);
    vi.mocked(ipc.importCongress).mockResolvedValue(
      summary({
        added: 10,
        ended: 1,
        updated: 1,
        arrivals,
        departures: ["Laphonza R. Butler, U.S. Senator for California, class 1, until 2024-12-09"],
        changes: ["Ron L. Wyden: name"],
      }),
    );
    renderWithQuery(<Officials />);
    expect(screen.queryByRole("dialog")).toBeNull();
    await openImport();
    const dialog = screen.getByRole("dialog", { name: "Import officials" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Review the congress roster shipped with Amicus…" }));
    const comes = await within(dialog).findByRole("list", { name: "New to the record" });
    expect(within(comes).getAllByRole("listitem").map((li) => li.textContent)).toEqual(arrivals.slice(0, 8));
    expect(within(dialog).getByText("2 more")).toBeTruthy();
    expect(within(dialog).getByRole("heading", { name: "New to the record (10)" })).toBeTruthy();
    expect(within(dialog).getByRole("list", { name: "Leaving office" }).textContent).toBe(
      "Laphonza R. Butler, U.S. Senator for California, class 1, until 2024-12-09",
    );
    expect(within(dialog).getByRole("list", { name: "Changed" }).textContent).toBe("Ron L. Wyden: name");
    await userEvent.click(within(dialog).getByRole("button", { name: "Apply import" }));
    expect(await within(dialog).findByText("Imported:")).toBeTruthy();
    expect(within(dialog).getByRole("list", { name: "New to the record" })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("says a review that would change nothing, and offers nothing to apply", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    // Whether it changes anything is Rust's to say (ImportSummary.changes_nothing): a review that
    // left one person alone still changes nothing, and says why that person was left alone.
    vi.mocked(ipc.importCongress).mockResolvedValue(
      summary({ changes_nothing: true, skipped: ['Mike Crapo: full_name was edited by hand; kept "Michael D. Crapo"'] }),
    );
    renderWithQuery(<Officials />);
    await openImport();
    const dialog = screen.getByRole("dialog", { name: "Import officials" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Review the congress roster shipped with Amicus…" }));
    expect(await within(dialog).findByText("Nothing would change: the record already matches this import.")).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: "Apply import" })).toBeNull();
    expect(within(dialog).getByRole("list", { name: "Left alone, and why" }).textContent).toContain("Mike Crapo");
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("imports the congress roster shipped with Amicus with one button", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCongress).mockResolvedValue(summary({ added: 537, terms_added: 2792 }));
    renderWithQuery(<Officials />);
    await openImport();
    await userEvent.click(await screen.findByRole("button", { name: "Review the congress roster shipped with Amicus…" }));
    expect(ipc.importCongress).toHaveBeenLastCalledWith(null, true);
    expect(await screen.findByText("Officials: 537 added, 0 updated")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Apply import" }));
    expect(ipc.importCongress).toHaveBeenLastCalledWith(null, false);
  });

  it("says why a folder cannot be imported", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCongress).mockRejectedValue({
      code: "io",
      message: "cannot read /nowhere/legislators-current.yaml: No such file or directory",
    });
    renderWithQuery(<Officials />);
    await openImport();
    await userEvent.type(await screen.findByLabelText(/Congress roster folder/), "/nowhere");
    await userEvent.click(screen.getByRole("button", { name: "Review import…" }));
    expect((await screen.findByRole("alert")).textContent).toContain("legislators-current.yaml");
    expect(screen.queryByRole("button", { name: "Apply import" })).toBeNull();
  });

  it("opens an official's terms and district offices, and edits their salutation", async () => {
    const person = { id: 5, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null };
    vi.mocked(ipc.officialsList).mockResolvedValue([
      { person, office: "U.S. Senator for California, class 3", office_id: 9, until: "2029-01-03", term_end: "scheduled" },
    ]);
    vi.mocked(ipc.personDetail).mockResolvedValue({
      person,
      terms: [{ term_id: 7, office: "U.S. Senator for California, class 3", start_on: "2021-01-20", end_on: "2023-01-03", term_end: "ended", acting: false }],
      local_offices: [{ key: "P000145-fresno", city: "Fresno", address: ["2500 Tulare Street, Suite 5290", "Fresno, CA 93721"], phone: "559-497-5109", fax: null }],
    });
    vi.mocked(ipc.personSave)
      .mockRejectedValueOnce({ code: "invalid_data", message: "a person needs a name", field: "full_name" })
      .mockResolvedValueOnce(5);
    renderWithQuery(<Officials />);
    await userEvent.click(await screen.findByRole("button", { name: "Alex Padilla" }));
    const panel = await screen.findByRole("complementary", { name: "Alex Padilla" });
    expect(within(panel).getByRole("list", { name: "Terms" }).textContent).toContain("January 20, 2021 – January 3, 2023");
    expect(within(panel).getByRole("list", { name: "District offices" }).textContent).toContain("Fresno, CA 93721");
    // A phone number never breaks across lines.
    expect(within(panel).getByText("559-497-5109").className).toBe("nowrap");
    // The name has its row; what can be done with the official goes under it.
    const actions = within(panel).getByRole("group", { name: "Official actions" });
    expect(within(actions).getByRole("button", { name: "Retire…" })).toBeTruthy();
    expect(panel.querySelector("header")?.textContent).toBe("Alex Padilla×");

    await userEvent.click(within(panel).getByRole("button", { name: "Edit…" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Alex Padilla" });
    const name = within(dialog).getByRole("textbox", { name: "Full name" });
    await userEvent.clear(name);
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("A person needs a name")).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");
    await userEvent.type(name, "Alex Padilla");
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Salutation/ }), "Senator Padilla");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(ipc.personSave).toHaveBeenLastCalledWith(5, {
      full_name: "Alex Padilla",
      family_name: "Padilla",
      honorific: null,
      salutation: "Senator Padilla",
      email: null,
    });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("reviews a CSV file, lists its bad rows with their lines, and imports nothing then", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.importCsv)
      .mockRejectedValueOnce({
        code: "invalid_data",
        message: "1 row(s) cannot be imported; nothing was imported:\nline 3: \"2021-02-30\" is not a date (YYYY-MM-DD)",
      })
      .mockResolvedValueOnce({ persons_added: 2, offices_added: 1, terms_added: 2, changes_nothing: false })
      .mockResolvedValueOnce({ persons_added: 2, offices_added: 1, terms_added: 2, changes_nothing: false });
    renderWithQuery(<Officials />);
    await openImport();
    await userEvent.type(await screen.findByLabelText(/Officials CSV file/), "/data/officials.csv");
    await userEvent.click(screen.getByRole("button", { name: "Review CSV…" }));
    expect((await screen.findByRole("alert")).textContent).toContain("line 3");
    expect(screen.queryByRole("button", { name: "Apply import" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Review CSV…" }));
    expect(await screen.findByText("Officials: 2 added, 0 updated")).toBeTruthy();
    expect(ipc.importCsv).toHaveBeenLastCalledWith("/data/officials.csv", true);
    await userEvent.click(screen.getByRole("button", { name: "Apply import" }));
    expect(ipc.importCsv).toHaveBeenLastCalledWith("/data/officials.csv", false);
  });

  it("opens a person's details beside the list, scrolled into view and with the focus", async () => {
    const person = { id: 5, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null };
    vi.mocked(ipc.officialsList).mockResolvedValue([{ person, office: "U.S. Senator for California, class 3", office_id: 9, until: null, term_end: "open" }]);
    vi.mocked(ipc.personDetail).mockResolvedValue({ person, terms: [], local_offices: [] });
    const scrolled = vi.spyOn(HTMLElement.prototype, "scrollIntoView");
    renderWithQuery(<Officials />);
    const table = await screen.findByRole("table", { name: "Officials" });
    await userEvent.click(within(table).getByRole("button", { name: "Alex Padilla" }));
    const panel = await screen.findByRole("complementary", { name: "Alex Padilla" });
    // The list and the details are the two sides of one layout (styles.css: .master-detail).
    const detail = panel.closest(".detail") as HTMLElement;
    expect(detail.parentElement?.className).toBe("master-detail open");
    expect(detail.parentElement?.querySelector(".master table")).toBe(table);
    expect(document.activeElement).toBe(detail);
    expect(scrolled.mock.contexts).toContain(detail);
    expect(within(table).getAllByRole("row")[1]?.getAttribute("aria-current")).toBe("true");
    scrolled.mockRestore();
  });

  it("opens at the person or office it was asked for (a search hit)", async () => {
    const person = { id: 5, full_name: "Alex Padilla", family_name: "Padilla", honorific: null, salutation: null, email: null, retired_on: null };
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.personDetail).mockResolvedValue({ person, terms: [], local_offices: [] });
    const { unmount } = renderWithQuery(<Officials person={5} />);
    expect(await screen.findByRole("complementary", { name: "Alex Padilla" })).toBeTruthy();
    expect(ipc.personDetail).toHaveBeenCalledWith(5);
    unmount();

    const commerce = catalog.offices[0] as (typeof catalog.offices)[number];
    vi.mocked(ipc.officesList).mockResolvedValue([{ office: commerce, label: commerce.title, holder: "Howard Lutnick" }]);
    vi.mocked(ipc.officeDetail).mockResolvedValue({ office: commerce, label: commerce.title, senate_class: null, holders: [] });
    renderWithQuery(<Officials office={10} />);
    expect(await screen.findByRole("complementary", { name: "Secretary of Commerce" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Offices" }).getAttribute("aria-selected")).toBe("true");
    expect(ipc.officeDetail).toHaveBeenCalledWith(10);
  });

  it("adds an official holding an office on record in one step, says so, and opens them", async () => {
    const jane = { id: 77, full_name: "Jane Doe", family_name: "Doe", honorific: null, salutation: null, email: "jane@example.gov", retired_on: null };
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.officialAdd).mockResolvedValue(77);
    vi.mocked(ipc.personDetail).mockResolvedValue({ person: jane, terms: [], local_offices: [] });
    renderWithQuery(<Officials />);
    await userEvent.click(await screen.findByRole("button", { name: "Add official…" }));
    const dialog = screen.getByRole("dialog", { name: "Add an official" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Full name" }), "Jane Doe");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Email" }), "jane@example.gov");
    await userEvent.type(within(dialog).getByRole("combobox", { name: "Office" }), "commerce");
    await userEvent.click(await within(dialog).findByRole("button", { name: /^Secretary of Commerce/ }));
    // The term starts on the organization's today unless changed.
    expect((within(dialog).getByLabelText("From") as HTMLInputElement).value).toBe("2026-03-10");
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Acting" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    expect(ipc.officialAdd).toHaveBeenCalledTimes(1);
    expect(ipc.officialAdd).toHaveBeenCalledWith({
      person: { full_name: "Jane Doe", family_name: "", honorific: null, salutation: null, email: "jane@example.gov" },
      office_id: 10,
      office: null,
      start_on: "2026-03-10",
      end_on: null,
      acting: true,
    });
    expect(await screen.findByText("Added Jane Doe as Secretary of Commerce from March 10, 2026.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByRole("complementary", { name: "Jane Doe" })).toBeTruthy();
    expect(ipc.personDetail).toHaveBeenCalledWith(77);
  });

  it("adds an official with a new office; each refusal shows at its field and nothing typed is lost", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.officialAdd)
      .mockRejectedValueOnce({ code: "invalid_data", field: "office.title", message: "office.title: an office needs a title" })
      .mockRejectedValueOnce({ code: "invalid_data", field: "end_on", message: "end_on: the term ends before it starts" })
      .mockResolvedValueOnce(78);
    vi.mocked(ipc.personDetail).mockResolvedValue({
      person: { id: 78, full_name: "Jane Doe", family_name: "Doe", honorific: null, salutation: null, email: null, retired_on: null },
      terms: [],
      local_offices: [],
    });
    renderWithQuery(<Officials />);
    await userEvent.click(await screen.findByRole("button", { name: "Add official…" }));
    const dialog = screen.getByRole("dialog", { name: "Add an official" });
    const name = within(dialog).getByRole("textbox", { name: "Full name" });
    await userEvent.type(name, "Jane Doe");
    // No office chosen: said at the office field, nothing sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    expect(await within(dialog).findByText("Choose the office from the list, or add a new office.")).toBeTruthy();
    expect(ipc.officialAdd).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole("radio", { name: "A new office" }));
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Kind (decides the form of address)" }), "governor");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Mailing address (as printed, one line each)" }), "1 Capitol Sq{Enter}{Enter}Columbus, OH");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    const title = within(dialog).getByRole("textbox", { name: "Title" });
    // The field's own words, without the field's internal name.
    expect(await within(dialog).findByText("An office needs a title")).toBeTruthy();
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect((name as HTMLInputElement).value).toBe("Jane Doe");

    await userEvent.type(title, "Governor of Ohio");
    const until = within(dialog).getByLabelText("Until (empty: still in office)");
    await userEvent.type(until, "2020-01-01");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    expect(await within(dialog).findByText("The term ends before it starts")).toBeTruthy();
    expect(until.getAttribute("aria-invalid")).toBe("true");
    expect(title.getAttribute("aria-invalid")).toBeNull();

    await userEvent.clear(until);
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    expect(vi.mocked(ipc.officialAdd).mock.lastCall?.[0]).toEqual({
      person: { full_name: "Jane Doe", family_name: "", honorific: null, salutation: null, email: null },
      office_id: null,
      office: { title: "Governor of Ohio", short_name: null, organization: null, kind: "governor", single_holder: true, address: ["1 Capitol Sq", "Columbus, OH"], email: null, contact_form: null },
      start_on: "2026-03-10",
      end_on: null,
      acting: false,
    });
    expect(await screen.findByText("Added Jane Doe as Governor of Ohio from March 10, 2026.")).toBeTruthy();
  });

  it("does not take an end date that is not a date for \"still in office\"", async () => {
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    renderWithQuery(<Officials />);
    await userEvent.click(await screen.findByRole("button", { name: "Add official…" }));
    const dialog = screen.getByRole("dialog", { name: "Add an official" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Full name" }), "Jane Doe");
    await userEvent.type(within(dialog).getByRole("combobox", { name: "Office" }), "USTR{Enter}");
    await userEvent.type(within(dialog).getByLabelText("Until (empty: still in office)"), "02/30/2027");
    expect(within(dialog).getByText("February 30 isn't a date.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Add official" }));
    expect(ipc.officialAdd).not.toHaveBeenCalled();
  });
});
