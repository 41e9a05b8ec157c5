import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { keys } from "../../queries";
import userEvent from "@testing-library/user-event";
import type { Office } from "../../ipc";
import { renderWithQuery } from "../../test/fixtures";
import { RecipientPicker, rankOffices } from "./RecipientPicker";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officialsList: vi.fn().mockResolvedValue([]),
}));

const office = (id: number, title: string, short_name: string | null, organization: string | null): Office => ({
  id,
  title,
  short_name,
  organization,
  kind: "other",
  single_holder: true,
  address: [],
  retired_on: null,
  email: null,
  contact_form: null,
});

// Korea's minister comes first in the record; "ustr" is inside "Industry".
const offices = [
  office(1, "Minister for Trade", null, "Ministry of Trade, Industry and Energy"),
  office(2, "Secretary of Commerce", "Commerce", "U.S. Department of Commerce"),
  office(3, "United States Trade Representative", "USTR", "Office of the United States Trade Representative"),
];

describe("recipient suggestions", () => {
  it("rank an exact short name first and a match inside a word last", () => {
    expect(rankOffices(offices, "USTR").map((o) => o.id)).toEqual([3, 1]);
    expect(rankOffices(offices, "secretary of c").map((o) => o.id)).toEqual([2]);
    // Equally good (a word starts with it): alphabetical.
    expect(rankOffices(offices, "trade").map((o) => o.id)).toEqual([1, 3]);
  });

  it("take the best match on Enter, and the arrow keys move the choice", async () => {
    const onAdd = vi.fn();
    renderWithQuery(<RecipientPicker offices={offices} onAdd={onAdd} />);
    const input = screen.getByRole("combobox", { name: "Add recipient" });
    await userEvent.type(input, "USTR{Enter}");
    expect(onAdd).toHaveBeenLastCalledWith({ role: "to", to: { by: "office", id: 3 } });

    await userEvent.type(input, "USTR");
    expect(within(screen.getByRole("listbox")).getAllByRole("option")[0]?.getAttribute("aria-selected")).toBe("true");
    await userEvent.keyboard("{ArrowDown}");
    expect(within(screen.getByRole("listbox")).getAllByRole("option")[1]?.getAttribute("aria-selected")).toBe("true");
    await userEvent.keyboard("{Enter}");
    expect(onAdd).toHaveBeenLastCalledWith({ role: "to", to: { by: "office", id: 1 } });
  });

  it("asks for an office or a name in a few words, and says when a retired office went", async () => {
    const retired = { ...office(4, "Secretary of Labor", null, "U.S. Department of Labor"), retired_on: "2019-07-19" };
    renderWithQuery(<RecipientPicker offices={[...offices, retired]} onAdd={vi.fn()} />);
    const input = screen.getByRole("combobox", { name: "Add recipient" }) as HTMLInputElement;
    expect(input.placeholder).toBe("Office or name");
    await userEvent.type(input, "Labor");
    expect(within(screen.getByRole("listbox")).getByRole("option").textContent).toBe(
      "Secretary of Labor — office, U.S. Department of Labor (retired July 19, 2019)",
    );
  });

  it("shows no suggestions under an empty field, even after the officials screen listed everyone", () => {
    const client = new QueryClient();
    const person = { id: 9, full_name: "Maria Cantwell", family_name: "Cantwell", honorific: null, salutation: null, email: null, retired_on: null };
    client.setQueryData(keys.officialsMatching(""), [{ person, office: null, office_id: null, until: null, term_end: "open" }]);
    render(
      <QueryClientProvider client={client}>
        <RecipientPicker offices={offices} onAdd={vi.fn()} />
      </QueryClientProvider>,
    );
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.queryByText("Maria Cantwell")).toBeNull();
  });
});
