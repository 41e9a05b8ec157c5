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
  letterAddGroup: vi.fn(),
  letterRemoveGroup: vi.fn(),
  letterAddRecipient: vi.fn(),
  letterRemoveRecipient: vi.fn(),
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
const LEADERS_GREETING = "Dear Chairman Crapo and Ranking Member Wyden:";
const WHOLE_GREETING = "Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:";
const finance: GroupExpansion = {
  label: whole.label,
  on: "2026-03-10",
  members: [11, 12, 13].map((id) => ({ name: `Member ${id}`, role: null, choice: seat(id) })),
  salutation: WHOLE_GREETING,
  warnings: [],
};

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
function Harness({ start, greetings = [] }: { start: NewLetter; greetings?: string[] }) {
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
      greetings={greetings}
    />
  );
}

const shown = () =>
  within(screen.getByRole("group", { name: "Recipients" }))
    .getAllByRole("listitem")
    .filter((li) => li.closest("ol"))
    .map((li) => li.querySelector("span")?.textContent);

describe("what each copy will say", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.groupsList).mockResolvedValue([]);
  });

  it("shows each copy's own greeting for one copy per recipient, never the joint one", () => {
    const perCopy = ["Dear Chairman Crapo:", "Dear Ranking Member Wyden:", "Dear Senator Grassley:", "Dear Secretary Lutnick:"];
    renderWithQuery(<Harness start={{ ...copied, mode: "per_recipient" }} greetings={perCopy} />);
    expect(screen.getByTestId("copy-greetings").textContent).toBe(
      "Each copy greets its own addressee: “Dear Chairman Crapo:”, “Dear Ranking Member Wyden:”, “Dear Senator Grassley:”, and 1 more.",
    );
    expect(screen.queryByText(/A joint letter greets them/)).toBeNull();
  });

  it("shows the group's greeting for a joint letter", () => {
    renderWithQuery(<Harness start={copied} greetings={[WHOLE_GREETING]} />);
    expect(screen.getByText(/A joint letter greets them/)).toBeTruthy();
    expect(screen.queryByTestId("copy-greetings")).toBeNull();
  });
});

describe("a group on a letter", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.groupsList).mockResolvedValue([
      { group: wholeRef, code: "SSFI", label: whole.label, members: 3 },
    ]);
    vi.mocked(ipc.groupExpand).mockResolvedValue(finance);
  });

  it("is taken off by Rust, which decides who stays and the greeting; the form shows its answer", async () => {
    vi.mocked(ipc.letterRemoveGroup).mockResolvedValue({
      ...copied,
      recipients: [seat(11), seat(12), seat(99)],
      extra: { ...copied.extra, groups: [leaders], salutation: undefined },
    });
    renderWithQuery(<Harness start={copied} />);
    const groups = screen.getByRole("list", { name: "Groups" });
    expect(within(groups).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Group: Senate Committee on Finance (chair and ranking member), 2 membersRemove",
      "Group: Senate Committee on Finance, 3 membersRemove",
    ]);
    expect(screen.getByText(/A joint letter greets them/).textContent).toContain(WHOLE_GREETING);
    await userEvent.click(screen.getByRole("button", { name: "Remove the group Senate Committee on Finance" }));
    expect(ipc.letterRemoveGroup).toHaveBeenCalledWith(copied, 1);
    await waitFor(() => expect(shown()).toEqual(["Chairman Crapo", "Ranking Member Wyden", "Secretary of Commerce"]));
    expect(latest.extra.groups).toEqual([leaders]);
    expect(latest.extra.salutation).toBeUndefined();
    expect(screen.queryByText(/A joint letter greets them/)).toBeNull();
  });

  it("is added by Rust with the members left out in the dialog, greeting and all", async () => {
    const start: NewLetter = { ...blankLetter, recipients: [seat(11), seat(12)], extra: { ...blankLetter.extra, groups: [leaders], salutation: LEADERS_GREETING } };
    vi.mocked(ipc.letterAddGroup).mockResolvedValue({
      letter: {
        ...start,
        recipients: [seat(11), seat(12)],
        extra: { ...start.extra, groups: [leaders, { ...whole, members: 2 }], salutation: WHOLE_GREETING },
      },
      warnings: [],
    });
    renderWithQuery(<Harness start={start} />);
    await userEvent.click(screen.getByRole("button", { name: "Add a group…" }));
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    await userEvent.type(within(dialog).getByRole("combobox"), "finance");
    await userEvent.click(await within(dialog).findByRole("button", { name: /Senate Committee on Finance/ }));
    await userEvent.click(await within(dialog).findByLabelText("Member 13"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add 2 recipients" }));
    expect(ipc.letterAddGroup).toHaveBeenCalledWith(start, wholeRef, [seat(13)]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(latest.extra.groups).toEqual([leaders, { ...whole, members: 2 }]);
    expect(latest.extra.salutation).toBe(WHOLE_GREETING);
  });

  it("says why a group could not be added, and keeps the letter as it was", async () => {
    vi.mocked(ipc.letterAddGroup).mockRejectedValue({ code: "unavailable", message: "the team record's server cannot be reached" });
    renderWithQuery(<Harness start={blankLetter} />);
    await userEvent.click(screen.getByRole("button", { name: "Add a group…" }));
    const dialog = screen.getByRole("dialog", { name: "Add a group" });
    await userEvent.type(within(dialog).getByRole("combobox"), "finance");
    await userEvent.click(await within(dialog).findByRole("button", { name: /Senate Committee on Finance/ }));
    await userEvent.click(await within(dialog).findByRole("button", { name: "Add 3 recipients" }));
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/^The group was not added: .*cannot be reached/);
    expect(latest.recipients).toEqual([]);
  });

  it("says why a group could not be removed, and keeps the letter as it was", async () => {
    vi.mocked(ipc.letterRemoveGroup).mockRejectedValue({ code: "unavailable", message: "the team record's server cannot be reached" });
    renderWithQuery(<Harness start={copied} />);
    await userEvent.click(screen.getByRole("button", { name: "Remove the group Senate Committee on Finance" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The group was not removed/);
    expect(latest.recipients).toHaveLength(4);
    expect(latest.extra.groups).toEqual([leaders, whole]);
  });
});

describe("a recipient added or taken off by hand", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.groupsList).mockResolvedValue([]);
  });

  it("is taken off by Rust, which decides the greeting again; the form shows its answer", async () => {
    const answer: NewLetter = { ...copied, recipients: [seat(11), seat(12), seat(13)] };
    vi.mocked(ipc.letterRemoveRecipient).mockResolvedValue(answer);
    renderWithQuery(<Harness start={copied} />);
    await userEvent.click(screen.getByRole("button", { name: "Remove Secretary of Commerce" }));
    expect(ipc.letterRemoveRecipient).toHaveBeenCalledWith(copied, 3);
    await waitFor(() => expect(shown()).toEqual(["Chairman Crapo", "Ranking Member Wyden", "Senator Grassley"]));
    expect(latest).toEqual(answer);
  });

  it("says why the last one could not be taken off, and keeps the letter as it was", async () => {
    vi.mocked(ipc.letterRemoveRecipient).mockRejectedValue({ code: "unavailable", message: "the team record's server cannot be reached" });
    renderWithQuery(<Harness start={copied} />);
    await userEvent.click(screen.getByRole("button", { name: "Remove Chairman Crapo" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The recipient was not removed: .*cannot be reached/);
    expect(latest).toEqual(copied);
  });
});
