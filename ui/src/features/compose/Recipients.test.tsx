import { beforeEach, describe, expect, it, vi } from "vitest";
import { useEffect, useState } from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Recipients } from "./Recipients";
import { blankLetter, renderWithQuery } from "../../test/fixtures";
import type { GroupExpansion, GroupNote, GroupRef, NewLetter, Office } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  officialsList: vi.fn(),
  groupsList: vi.fn(),
  groupExpand: vi.fn(),
}));
import * as ipc from "../../ipc";

const seat = (id: number) => ({ role: "to" as const, to: { by: "office" as const, id } });
const office = (id: number, title: string): Office => ({
  id,
  title,
  short_name: null,
  organization: null,
  kind: "other",
  single_holder: true,
  address: [],
  retired_on: null,
  email: null,
  contact_form: null,
});
const offices = [
  office(11, "Chairman Crapo"),
  office(12, "Ranking Member Wyden"),
  office(13, "Senator Grassley"),
  office(99, "Secretary of Commerce"),
];

const leadersRef: GroupRef = { kind: "committee", code: "SSFI", leaders_only: true };
const wholeRef: GroupRef = { kind: "committee", code: "SSFI", leaders_only: false };
const leaders: GroupNote = { group: leadersRef, label: "Senate Committee on Finance (chair and ranking member)", members: 2 };
const whole: GroupNote = { group: wholeRef, label: "Senate Committee on Finance", members: 3 };
const expansion = (label: string, ids: number[], salutation: string): GroupExpansion => ({
  label,
  on: "2026-03-10",
  members: ids.map((id) => ({ name: `Member ${id}`, role: null, choice: seat(id) })),
  salutation,
  warnings: [],
});
const LEADERS_GREETING = "Dear Chairman Crapo and Ranking Member Wyden:";
const WHOLE_GREETING = "Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:";

/** The chair and ranking member's letter, copied to the whole committee, and the Secretary added by hand. */
const copied: NewLetter = {
  ...blankLetter,
  recipients: [seat(11), seat(12), seat(13), seat(99)],
  extra: { ...blankLetter.extra, groups: [leaders, whole], salutation: WHOLE_GREETING },
};

let latest: NewLetter = copied;
const track = (form: NewLetter) => {
  latest = form;
};
function Harness({ start }: { start: NewLetter }) {
  const [form, setForm] = useState(start);
  useEffect(() => track(form), [form]);
  return (
    <Recipients
      form={form}
      set={(patch) => setForm((f) => ({ ...f, ...patch }))}
      offices={offices}
      resolved={[]}
      warnings={[]}
      errorFor={() => null}
    />
  );
}

const shown = () =>
  within(screen.getByRole("group", { name: "Recipients" }))
    .getAllByRole("listitem")
    .filter((li) => li.closest("ol"))
    .map((li) => li.querySelector("span")?.textContent);

describe("a group on a letter", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.groupsList).mockResolvedValue([]);
    vi.mocked(ipc.groupExpand).mockImplementation(async (group) =>
      group.kind === "committee" && group.leaders_only
        ? expansion(leaders.label, [11, 12], LEADERS_GREETING)
        : expansion(whole.label, [11, 12, 13], WHOLE_GREETING),
    );
  });

  it("can be removed, taking the members only it brought, and leaving those added by hand", async () => {
    renderWithQuery(<Harness start={copied} />);
    const groups = screen.getByRole("list", { name: "Groups" });
    expect(within(groups).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Group: Senate Committee on Finance (chair and ranking member), 2 membersRemove",
      "Group: Senate Committee on Finance, 3 membersRemove",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Remove the group Senate Committee on Finance" }));
    expect(ipc.groupExpand).toHaveBeenCalledWith(wholeRef, "2026-03-10");
    await waitFor(() => expect(shown()).toEqual(["Chairman Crapo", "Ranking Member Wyden", "Secretary of Commerce"]));
    expect(latest.extra.groups).toEqual([leaders]);
    // The Secretary is not on the committee: the committee's greeting no longer fits, nor the leaders'.
    expect(latest.extra.salutation).toBeUndefined();
    expect(within(screen.getByRole("list", { name: "Groups" })).getAllByRole("listitem")).toHaveLength(1);
  });

  it("keeps the members another group brings, and the greeting of a group everyone sits in", async () => {
    const committeeOnly = { ...copied, recipients: copied.recipients.slice(0, 3) };
    renderWithQuery(<Harness start={committeeOnly} />);
    // The leaders' group goes: both leaders are in the whole committee too.
    await userEvent.click(
      screen.getByRole("button", { name: "Remove the group Senate Committee on Finance (chair and ranking member)" }),
    );
    await waitFor(() => expect(latest.extra.groups).toEqual([whole]));
    expect(shown()).toEqual(["Chairman Crapo", "Ranking Member Wyden", "Senator Grassley"]);
    expect(latest.extra.salutation).toBe(WHOLE_GREETING);
  });

  it("taken off with the committee leaves the leaders greeted as their group greets them", async () => {
    const committeeOnly = { ...copied, recipients: copied.recipients.slice(0, 3) };
    renderWithQuery(<Harness start={committeeOnly} />);
    await userEvent.click(screen.getByRole("button", { name: "Remove the group Senate Committee on Finance" }));
    await waitFor(() => expect(latest.extra.groups).toEqual([leaders]));
    expect(shown()).toEqual(["Chairman Crapo", "Ranking Member Wyden"]);
    expect(latest.extra.salutation).toBe(LEADERS_GREETING);
  });

  it("says why a group could not be removed, and keeps the letter as it was", async () => {
    vi.mocked(ipc.groupExpand).mockRejectedValue({ code: "unavailable", message: "the team record's server cannot be reached" });
    renderWithQuery(<Harness start={copied} />);
    await userEvent.click(screen.getByRole("button", { name: "Remove the group Senate Committee on Finance" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The group was not removed/);
    expect(latest.recipients).toHaveLength(4);
    expect(latest.extra.groups).toEqual([leaders, whole]);
  });
});
