import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Compose } from "../compose/Compose";
import { DeletedToast } from "./DeleteDraft";
import { DeletedLetters } from "./DeletedLetters";
import { LettersList } from "./LettersList";
import { stepsText } from "../compose/LetterSteps";
import {
  blankLetter,
  catalog,
  clockView,
  fakeRecordEvents,
  fakeTeamConnection,
  letters,
  livePage,
  nth,
  renderWithQuery,
} from "../../test/fixtures";
import type { LetterDetail, Status } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  catalog: vi.fn(),
  letterOpen: vi.fn(),
  draftPreview: vi.fn(),
  letterSave: vi.fn(),
  officialsList: vi.fn(),
  letterBlank: vi.fn(),
  positionInForce: vi.fn(),
  clock: vi.fn(),
  teamStatus: vi.fn(),
  onTeamConnection: vi.fn(),
  onRecordChanged: vi.fn(),
  lettersList: vi.fn(),
  letterDelete: vi.fn(),
  letterRestore: vi.fn(),
  lettersDeleted: vi.fn(),
}));
import * as ipc from "../../ipc";

/** Letter 2, "The amended KORUS", opened in `status` (deleted when `deletedAt`). */
const opened = (status: Status, deletedAt: string | null = null): LetterDetail => ({
  summary: { ...nth(letters, 1), status, deleted_at: deletedAt, deleted_by: deletedAt ? "dana" : null },
  draft: {
    ...blankLetter,
    date: "2018-09-24",
    subject: "The amended KORUS",
    body: "Our members export to Korea.",
    recipients: [{ role: "to", to: { by: "office", id: 10 } }],
  },
  recipients: [],
  signature_drawn: false,
  steps: [],
});

describe("Deleting a draft", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.onTeamConnection).mockImplementation(fakeTeamConnection().listen);
    vi.mocked(ipc.onRecordChanged).mockImplementation(fakeRecordEvents().listen);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.letterBlank).mockResolvedValue(blankLetter);
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.positionInForce).mockResolvedValue(2);
    vi.mocked(ipc.draftPreview).mockResolvedValue({
      pages: [livePage("Dear Secretary Ross")],
      glyphs: [],
      warnings: [],
      resolved: ["Wilbur Ross (Secretary of Commerce)"],
      missing: [], greetings: [], copy: 0,
    });
    vi.mocked(ipc.letterDelete).mockResolvedValue(null);
    vi.mocked(ipc.letterRestore).mockResolvedValue(null);
  });

  it("asks first, naming the letter, and deletes only when confirmed", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("draft"));
    const onDeleted = vi.fn();
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} onDeleted={onDeleted} />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete draft…" }));
    let dialog = await screen.findByRole("dialog", { name: "Delete this draft?" });
    expect(dialog.textContent).toContain("Letter 2, “The amended KORUS” leaves the Letters list");
    // The safe choice has the focus; keeping it deletes nothing.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Keep the draft" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep the draft" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(ipc.letterDelete).not.toHaveBeenCalled();
    expect(onDeleted).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Delete draft…" }));
    dialog = await screen.findByRole("dialog", { name: "Delete this draft?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete draft" }));
    expect(ipc.letterDelete).toHaveBeenCalledWith(2);
    expect(onDeleted).toHaveBeenCalledWith({ id: 2, subject: "The amended KORUS" });
  });

  it("says in the dialog why a deletion is refused, and keeps the letter", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("draft"));
    vi.mocked(ipc.letterDelete).mockRejectedValue({
      code: "denied",
      message: "permission denied: only the draft's author (dana) or an administrator may delete letter 2",
    });
    const onDeleted = vi.fn();
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} onDeleted={onDeleted} />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete draft…" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this draft?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete draft" }));
    expect(
      await within(dialog).findByText(
        "Not deleted: permission denied: only the draft's author (dana) or an administrator may delete letter 2",
      ),
    ).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it("offers no deletion for an approved, signed or sent letter", async () => {
    for (const status of ["approved", "signed", "sent"] as const) {
      vi.mocked(ipc.letterOpen).mockResolvedValue(opened(status));
      const { unmount } = renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} onDeleted={vi.fn()} />);
      await screen.findByRole("heading", { name: "Letter 2" });
      await screen.findByRole("button", { name: status === "sent" ? "Revise this letter…" : /^Save / });
      expect(screen.queryByRole("button", { name: "Delete draft…" })).toBeNull();
      unmount();
    }
  });

  it("shows a deleted draft as deleted, with Restore, and does not save it", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("draft", "2026-03-09T15:00:00Z"));
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} onDeleted={vi.fn()} />);
    const note = await screen.findByTestId("deleted-note");
    expect(note.textContent).toContain("This draft was deleted on March 9, 2026 by dana.");
    expect(screen.queryByRole("button", { name: "Save draft" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete draft…" })).toBeNull();
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(ipc.letterSave).not.toHaveBeenCalled();
    await userEvent.click(within(note).getByRole("button", { name: "Restore draft" }));
    expect(ipc.letterRestore).toHaveBeenCalledWith(2);
    expect(await screen.findByText("Draft restored.")).toBeTruthy();
  });
});

describe("A deleted or restored draft's steps", () => {
  it("say who deleted or restored it, and when, after its drafting", () => {
    const drafted = { kind: "created" as const, by: "dana", at: "2026-11-30T14:00:00Z" };
    expect(stepsText([drafted, { kind: "deleted", by: "dana", at: "2026-12-01T15:00:00Z" }], "America/New_York")).toBe(
      "Drafted by dana on November 30, 2026 · deleted by dana on December 1, 2026",
    );
    expect(stepsText([drafted, { kind: "restored", by: "ada", at: "2026-12-02T15:00:00Z" }], "America/New_York")).toBe(
      "Drafted by dana on November 30, 2026 · restored by ada on December 2, 2026",
    );
  });
});

describe("The undo toast", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.letterRestore).mockResolvedValue(null);
  });

  it("says the draft was deleted and Undo restores it", async () => {
    const onDone = vi.fn();
    const onRestored = vi.fn();
    const draft = { id: 2, subject: "The amended KORUS" };
    renderWithQuery(<DeletedToast draft={draft} onDone={onDone} onRestored={onRestored} />);
    const toast = screen.getByRole("status");
    expect(toast.textContent).toContain("Draft deleted: Letter 2, “The amended KORUS”");
    await userEvent.click(within(toast).getByRole("button", { name: "Undo" }));
    expect(ipc.letterRestore).toHaveBeenCalledWith(2);
    expect(onRestored).toHaveBeenCalledWith(draft);
    expect(onDone).toHaveBeenCalled();
  });

  it("undoes on Ctrl+Z, but not while typing in a field (its own undo)", async () => {
    const onRestored = vi.fn();
    renderWithQuery(
      <>
        <input aria-label="Search" />
        <DeletedToast draft={{ id: 7, subject: "" }} onDone={vi.fn()} onRestored={onRestored} />
      </>,
    );
    expect(screen.getByRole("status").textContent).toContain("Draft deleted: Letter 7");
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Search" }), { key: "z", ctrlKey: true });
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalledWith({ id: 7, subject: "" }));
    // Once: the Ctrl+Z typed in the field was the field's.
    expect(ipc.letterRestore).toHaveBeenCalledTimes(1);
    expect(ipc.letterRestore).toHaveBeenCalledWith(7);
  });

  it("says why an undo was refused", async () => {
    vi.mocked(ipc.letterRestore).mockRejectedValue({ code: "denied", message: "permission denied: only the draft's author (dana) or an administrator may restore letter 2" });
    renderWithQuery(<DeletedToast draft={{ id: 2, subject: "x" }} onDone={vi.fn()} onRestored={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(
      await screen.findByText(
        "Not restored: Permission denied: only the draft's author (dana) or an administrator may restore letter 2",
      ),
    ).toBeTruthy();
  });

  it("says nothing when no draft was deleted", async () => {
    renderWithQuery(<DeletedToast draft={null} onDone={vi.fn()} onRestored={vi.fn()} />);
    expect(screen.getByRole("status").textContent).toBe("");
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(ipc.letterRestore).not.toHaveBeenCalled();
  });
});

describe("Deleted letters", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.letterRestore).mockResolvedValue(null);
  });

  it("is reached from the letters list", async () => {
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    const show = vi.fn();
    renderWithQuery(<LettersList onOpen={vi.fn()} onNew={vi.fn()} onShowDeleted={show} />);
    await userEvent.click(await screen.findByRole("button", { name: "Deleted letters" }));
    expect(show).toHaveBeenCalled();
  });

  it("lists the deleted drafts with when and who, and restores one", async () => {
    vi.mocked(ipc.lettersDeleted).mockResolvedValue([
      { ...nth(letters, 1), deleted_at: "2026-03-09T15:00:00Z", deleted_by: "dana" },
    ]);
    const open = vi.fn();
    const restored = vi.fn();
    renderWithQuery(<DeletedLetters onOpen={open} onBack={vi.fn()} onRestored={restored} />);
    const table = await screen.findByRole("table", { name: "Deleted letters" });
    const row = nth(within(table).getAllByRole("row"), 1);
    expect(row.textContent).toContain("The amended KORUS");
    expect(row.textContent).toContain("March 9, 2026 by dana");
    await userEvent.click(within(row).getByRole("button", { name: "Restore letter 2" }));
    expect(ipc.letterRestore).toHaveBeenCalledWith(2);
    expect(await screen.findByText("Letter 2, “The amended KORUS” restored.")).toBeTruthy();
    // The window's "Draft deleted … Undo" for it is over (found walking the real window).
    expect(restored).toHaveBeenCalledWith(2);
    // Gone from the list at once; the record's change refreshes it too.
    expect(screen.queryByRole("table", { name: "Deleted letters" })).toBeNull();
    expect(screen.getByText("No deleted drafts.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Open" }));
    expect(open).toHaveBeenCalledWith(2);
  });
});
