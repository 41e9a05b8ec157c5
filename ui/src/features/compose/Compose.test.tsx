import { beforeEach, describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Compose } from "./Compose";
import { useRecordEvents } from "../../recordEvents";
import {
  blankLetter,
  catalog,
  clockView,
  danaOnTeam,
  fakeRecordEvents,
  fakeTeamConnection,
  letters,
  livePage,
  nth,
  renderWithQuery,
} from "../../test/fixtures";
import type { LetterDetail, RecipientView, Status, WorkflowStep } from "../../ipc";

/** Letter 2 as opened: a saved draft to the Secretary of Commerce, with text but no subject. */
const openedDraft: LetterDetail = {
  summary: nth(letters, 1),
  draft: { ...blankLetter, date: "2018-09-24", body: "Our members export to Korea.", recipients: [{ role: "to", to: { by: "office", id: 10 } }] },
  recipients: [],
  signature_drawn: false,
  steps: [],
};

/** No holder of a California seat on record on the letter's date, as Rust words it. */
const NO_HOLDER =
  "no holder of the office of U.S. Senator for California, class 1 is on record for 2018-09-24; the letter is addressed to the office (check who held it then)";

/** Letter 2 opened in `status`, with `copies` (none by default). */
const opened = (status: Status, copies: RecipientView[] = []): LetterDetail => ({
  ...openedDraft,
  summary: { ...openedDraft.summary, status, copies: copies.length, copies_sent: copies.filter((c) => c.sent_at).length },
  recipients: copies,
});

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  catalog: vi.fn(),
  letterOpen: vi.fn(),
  draftPreview: vi.fn(),
  letterSave: vi.fn(),
  letterExport: vi.fn(),
  exportCancel: vi.fn(),
  sendCancel: vi.fn(),
  chooseSavePath: vi.fn(),
  chooseCertificate: vi.fn(),
  letterSignDigitally: vi.fn(),
  certificatePasswordKept: vi.fn(),
  openInViewer: vi.fn(),
  officialsList: vi.fn(),
  letterBlank: vi.fn(),
  letterApprove: vi.fn(),
  markAllSent: vi.fn(),
  letterCopy: vi.fn(),
  positionInForce: vi.fn(),
  clock: vi.fn(),
  teamStatus: vi.fn(),
  onTeamConnection: vi.fn(),
  onRecordChanged: vi.fn(),
  letterAddRecipient: vi.fn(),
  letterRemoveRecipient: vi.fn(),
}));
import * as ipc from "../../ipc";

/** Letter 2's way on a team record: dana drafted it, avery approved it late in the evening in New York, sam signed it. */
const teamSteps: WorkflowStep[] = [
  { kind: "created", by: "dana", at: "2026-11-30T14:00:00Z" },
  { kind: "approved", by: "avery", at: "2026-12-01T03:30:00Z" },
  { kind: "signed", by: "sam", at: "2026-12-01T15:00:00Z" },
  { kind: "sent", by: null, at: "2026-12-01T16:00:00Z" },
];

describe("Compose", () => {
  let connection: ReturnType<typeof fakeTeamConnection>;
  let events: ReturnType<typeof fakeRecordEvents>;
  beforeEach(() => {
    localStorage.clear();
    vi.resetAllMocks();
    connection = fakeTeamConnection();
    vi.mocked(ipc.onTeamConnection).mockImplementation(connection.listen);
    events = fakeRecordEvents();
    vi.mocked(ipc.onRecordChanged).mockImplementation(events.listen);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.officialsList).mockResolvedValue([]);
    vi.mocked(ipc.letterBlank).mockResolvedValue(blankLetter);
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    // As Rust does for a letter with no group's greeting: the recipient joins once.
    vi.mocked(ipc.letterAddRecipient).mockImplementation(async (letter, r) => ({ ...letter, recipients: [...letter.recipients, r] }));
    // KORUS: version 1 adopted 2011-09-20 (id 1), version 2 adopted 2017-09-01 (id 2).
    vi.mocked(ipc.positionInForce).mockImplementation(async (_issue, date) =>
      date >= "2017-09-01" ? 2 : date >= "2011-09-20" ? 1 : null,
    );
    vi.mocked(ipc.draftPreview).mockImplementation(async (letter) => ({
      pages: [livePage(`Dear ${letter.recipients.length} recipients; subject ${letter.subject}`)],
      glyphs: [],
      warnings: letter.date < "2017-05-15" ? ["nobody held the office of United States Trade Representative on that date"] : [],
      resolved: letter.recipients.map((r) => (r.to.id === 10 ? "Wilbur Ross (Secretary of Commerce)" : "Robert E. Lighthizer (United States Trade Representative)")),
      missing: [], greetings: [], copy: 0,
    }));
  });

  async function addOffice(text: string) {
    await userEvent.type(screen.getByRole("combobox", { name: "Add recipient" }), `${text}{Enter}`);
  }

  it("shows any copy of a letter per recipient in the preview, chosen by its greeting", async () => {
    vi.mocked(ipc.draftPreview).mockImplementation(async (letter, have) => {
      const greetings =
        letter.mode === "per_recipient" ? letter.recipients.map((_, i) => `Dear Addressee ${i + 1}:`) : ["Dear both:"];
      const copy = Math.min(have?.copy ?? 0, greetings.length - 1);
      return {
        pages: [livePage(`The pages of copy ${copy + 1}`)],
        glyphs: [],
        warnings: [],
        resolved: letter.recipients.map(() => "someone"),
        missing: [],
        greetings,
        copy,
      };
    });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("combobox", { name: "Add recipient" });
    await addOffice("Commerce");
    await addOffice("USTR");
    await waitFor(() => expect(document.querySelector(".compose-preview")?.textContent).toContain("The pages of copy 1"));
    // A joint letter is one letter: nothing to choose.
    expect(screen.queryByRole("group", { name: "Which copy the preview shows" })).toBeNull();
    await userEvent.click(screen.getByRole("radio", { name: "One copy per recipient" }));
    const picker = await screen.findByRole("group", { name: "Which copy the preview shows" });
    const choice = within(picker).getByRole("combobox");
    expect([...(choice as HTMLSelectElement).options].map((o) => o.text)).toEqual(["1 of 2: Addressee 1", "2 of 2: Addressee 2"]);
    await userEvent.selectOptions(choice, "2 of 2: Addressee 2");
    await waitFor(() => expect(document.querySelector(".compose-preview")?.textContent).toContain("The pages of copy 2"));
    expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).toMatchObject({ copy: 1 });
    expect(within(picker).getByRole("button", { name: "Next copy" })).toHaveProperty("disabled", true);
    await userEvent.click(within(picker).getByRole("button", { name: "Previous copy" }));
    await waitFor(() => expect(document.querySelector(".compose-preview")?.textContent).toContain("The pages of copy 1"));
  });

  it("undoes a recipient's removal from its toast, and steps through changes with Ctrl+Z and Ctrl+Shift+Z", async () => {
    vi.mocked(ipc.letterRemoveRecipient).mockImplementation(async (letter, i) => ({
      ...letter,
      recipients: letter.recipients.filter((_, k) => k !== i),
    }));
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("combobox", { name: "Add recipient" });
    await addOffice("Commerce");
    await addOffice("USTR");
    const list = () => [...document.querySelectorAll(".recipients ol li span")].map((e) => e.textContent);
    await waitFor(() => expect(list()).toHaveLength(2));
    await userEvent.click(await screen.findByRole("button", { name: "Remove Robert E. Lighthizer (United States Trade Representative)" }));
    await waitFor(() => expect(list()).toHaveLength(1));
    const toast = await screen.findByText("Removed Robert E. Lighthizer (United States Trade Representative).");
    await userEvent.click(within(toast.closest(".toast") as HTMLElement).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(list()).toHaveLength(2));
    // Outside a text field, Ctrl+Z undoes the last change (the second recipient
    // added, now that the removal is undone, was the step before) and redoes it.
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(list()).toHaveLength(1));
    await userEvent.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await waitFor(() => expect(list()).toHaveLength(2));
  });

  it("copies a letter as a new one dated today, says so, and saves it as a new draft", async () => {
    const onCopy = vi.fn();
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("sent"));
    const first = renderWithQuery(<Compose letterId={7} onSaved={vi.fn()} onCopy={onCopy} />);
    await userEvent.click(await screen.findByRole("button", { name: "Copy as new letter" }));
    expect(onCopy).toHaveBeenCalledWith(7);
    first.unmount();

    const copy = { ...openedDraft.draft, subject: "Continued support for KORUS", date: clockView.today, position_id: 2, extra: { ...openedDraft.draft.extra, copied_from: 7 } };
    vi.mocked(ipc.letterCopy).mockResolvedValue(copy);
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 8, warnings: [] });
    const onSaved = vi.fn();
    // As the app does: once saved, the letter is opened by its id and no longer as a copy.
    function Host() {
      const [id, setId] = useState<number | null>(null);
      return (
        <Compose
          letterId={id}
          copyOf={id === null ? 7 : null}
          onSaved={(saved) => {
            onSaved(saved);
            setId(saved);
          }}
        />
      );
    }
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...openedDraft, draft: copy });
    renderWithQuery(<Host />);
    await screen.findByRole("heading", { name: "New letter" });
    expect(ipc.letterCopy).toHaveBeenCalledWith(7, clockView.today);
    expect(ipc.letterBlank).not.toHaveBeenCalled();
    expect(screen.getByText(/A copy of letter 7: its recipients are the same offices/)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe(copy.subject);
    // The issue of the position it quotes is chosen.
    expect((screen.getByRole("combobox", { name: "Issue" }) as HTMLSelectElement).value).toBe("1");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledWith(null, copy));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(8));
    // The saved copy stays in the form: it does not start again from a blank letter.
    await screen.findByRole("heading", { name: "Letter 8" });
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe(copy.subject);
    // Saved, it no longer asks to be saved as a new draft; it says where it came from.
    expect(screen.getByText("Copied from letter 7.")).toBeTruthy();
    expect(screen.queryByText(/then save it as a new draft/)).toBeNull();
    expect(ipc.letterBlank).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.letterSave).toHaveBeenCalledTimes(1);
  });

  it("adds recipients by office and previews the unsaved letter as it is typed", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    // A new letter starts where it is addressed: typing goes to the recipient field.
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Add recipient" }));
    expect(screen.getByText("Add a recipient to see the letter.")).toBeTruthy();
    await addOffice("Secretary of Commerce");
    await addOffice("U.S. Trade Representative");
    expect(await screen.findByText("Wilbur Ross (Secretary of Commerce)")).toBeTruthy();
    expect(await screen.findByText("Dear 2 recipients; subject")).toBeTruthy();
    const sent = vi.mocked(ipc.draftPreview).mock.lastCall?.[0];
    expect(sent?.recipients).toEqual([
      { role: "to", to: { by: "office", id: 10 } },
      { role: "to", to: { by: "office", id: 11 } },
    ]);
    await userEvent.type(screen.getByRole("textbox", { name: "Subject" }), "Modernizing KORUS");
    expect(await screen.findByText("Dear 2 recipients; subject Modernizing KORUS")).toBeTruthy();
    // Picking the issue picks the position in force on the letter's date.
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Issue" }), "1");
    await waitFor(() =>
      expect((screen.getByRole("combobox", { name: "Position" }) as HTMLSelectElement).value).toBe("2"),
    );
  });

  it("shows the default language when none is named, and sends the one chosen", async () => {
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 5, warnings: [] });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Secretary of Commerce");
    const language = screen.getByRole("combobox", { name: "Language of the letter" }) as HTMLSelectElement;
    expect(language.value).toBe("en-US");
    await userEvent.selectOptions(language, "Français (Canada)");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.letterSave).mock.calls[0]?.[1].extra.lang).toBe("fr-CA");
    await userEvent.selectOptions(language, "English (United States)");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledTimes(2));
    // The window sends what was chosen; Rust keeps the default as none.
    expect(vi.mocked(ipc.letterSave).mock.calls[1]?.[1].extra.lang).toBe("en-US");
  });

  it("says at the date field when the date is not on the calendar, and never sends it", async () => {
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 5, warnings: [] });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Secretary of Commerce");
    await screen.findByText("Dear 1 recipients; subject");
    const date = screen.getByLabelText("Date") as HTMLInputElement;
    await userEvent.clear(date);
    await userEvent.type(date, "02/30/2018");
    expect(await screen.findByText("February 30 isn't a date.")).toBeTruthy();
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(await screen.findByText("Enter the letter's date to see the letter.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect(ipc.letterSave).not.toHaveBeenCalled();
    // Left empty, saving says what to enter, at the field.
    await userEvent.clear(date);
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText(/Enter the letter's date: the month, day and year/)).toBeTruthy();
    expect(ipc.letterSave).not.toHaveBeenCalled();
    // A date typed since: the refusal no longer applies.
    await userEvent.type(date, "9/5/2017");
    expect(screen.queryByText(/Enter the letter's date/)).toBeNull();
    expect(screen.getByText("Tuesday, September 5, 2017")).toBeTruthy();
    for (const [letter] of vi.mocked(ipc.draftPreview).mock.calls) expect(letter.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("reads a date however it is typed, and says the day it understood in words", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Secretary of Commerce");
    const date = screen.getByLabelText("Date") as HTMLInputElement;
    // WebKitGTK's own date field read "09242018" as month 12.
    for (const typed of ["09242018", "09/24/2018", "9/24/2018", "2018-09-24"]) {
      await userEvent.clear(date);
      await userEvent.type(date, typed);
      expect(screen.getByText("Monday, September 24, 2018")).toBeTruthy();
      await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[0].date).toBe("2018-09-24"));
      vi.mocked(ipc.draftPreview).mockClear();
    }
    // Once left, the field shows the date the one way.
    await userEvent.clear(date);
    await userEvent.type(date, "9/24/2018");
    await userEvent.tab();
    expect(date.value).toBe("2018-09-24");
    expect(date.getAttribute("aria-invalid")).toBeNull();
  });

  it("says calmly what an unfinished letter still needs, and who it is to", async () => {
    vi.mocked(ipc.draftPreview).mockResolvedValue({
      pages: [],
      glyphs: [],
      warnings: [],
      resolved: ["Jamieson Greer (United States Trade Representative)"],
      missing: ["subject", "body"], greetings: [], copy: 0,
    });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("USTR");
    expect(await screen.findByText(/Still to fill in before the letter can be laid out: the subject, the body\./)).toBeTruthy();
    expect(screen.getByText("Jamieson Greer (United States Trade Representative)")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Subject" }).getAttribute("aria-invalid")).not.toBe("true");
  });

  it("shows what resolution warns about next to the recipients", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    const date = screen.getByLabelText("Date") as HTMLInputElement;
    await userEvent.clear(date);
    await userEvent.type(date, "2017-03-01");
    await addOffice("USTR");
    const recipients = screen.getByRole("group", { name: "Recipients" });
    expect((await within(recipients).findByRole("status")).textContent).toMatch(/^Nobody held the office/);
  });

  it("shows a save error next to the field it concerns and keeps the form", async () => {
    vi.mocked(ipc.letterSave).mockRejectedValue({
      code: "invalid_data",
      message: "a letter needs at least one addressee",
      field: "recipients",
    });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await userEvent.type(screen.getByRole("textbox", { name: "Subject" }), "Kept");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    const recipients = screen.getByRole("group", { name: "Recipients" });
    expect(await within(recipients).findByText("A letter needs at least one addressee")).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe("Kept");
  });

  it("saves, then exports to the chosen file and offers to open it", async () => {
    const saved = vi.fn();
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 42, warnings: [] });
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/korus.pdf");
    vi.mocked(ipc.letterExport).mockResolvedValue(["/letters/korus.pdf"]);
    renderWithQuery(<Compose letterId={null} onSaved={saved} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Commerce");
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    expect(await screen.findByText(/Saved to \/letters\/korus.pdf/)).toBeTruthy();
    expect(ipc.letterExport).toHaveBeenCalledWith(42, "/letters/korus.pdf", false, expect.any(Function), false, "pdf");
    expect(saved).toHaveBeenCalledWith(42);
    // The message is a toast, announced; with no program to open PDFs, Open says where the file is.
    expect(screen.getByRole("status").className).toContain("toast");
    vi.mocked(ipc.openInViewer).mockRejectedValue(new Error("no handler"));
    await userEvent.click(screen.getByRole("button", { name: "Open" }));
    expect(await screen.findByText(/No program here opens that file; it is saved at \/letters\/korus.pdf/)).toBeTruthy();
  });

  it("exports the letter as a Word document beside the PDF, one file or one per copy", async () => {
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 42, warnings: [] });
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/korus.docx");
    vi.mocked(ipc.letterExport).mockResolvedValue(["/letters/korus.docx"]);
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await userEvent.type(screen.getByRole("textbox", { name: "Subject" }), "KORUS");
    await addOffice("Commerce");
    await userEvent.click(screen.getByRole("button", { name: "Word document…" }));
    expect(await screen.findByText(/Saved to \/letters\/korus.docx/)).toBeTruthy();
    // The save dialog offers a .docx, filtered to Word documents.
    const [name, kind] = vi.mocked(ipc.chooseSavePath).mock.lastCall ?? [];
    expect(name).toMatch(/^KORUS \d{4}-\d{2}-\d{2}\.docx$/);
    expect(kind).toEqual({ name: "Word document", extensions: ["docx"] });
    expect(ipc.letterExport).toHaveBeenCalledWith(42, "/letters/korus.docx", false, expect.any(Function), false, "docx");

    // Several copies: one Word document per recipient, or one with a page break between them.
    vi.mocked(ipc.letterExport).mockClear();
    await addOffice("USTR");
    await userEvent.click(screen.getByRole("radio", { name: "One copy per recipient" }));
    await userEvent.click(screen.getByRole("button", { name: "Word document…" }));
    const dialog = screen.getByRole("dialog", { name: "Export 2 copies" });
    expect(within(dialog).getByRole("radio", { name: "One Word document per recipient" })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("radio", { name: "One Word document, a page break between the copies" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Export…" }));
    await waitFor(() =>
      expect(ipc.letterExport).toHaveBeenCalledWith(42, "/letters/korus.docx", true, expect.any(Function), false, "docx"),
    );
    // The PDF export is as it was.
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/korus.pdf");
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Export 2 copies" })).getByRole("button", { name: "Export…" }));
    await waitFor(() =>
      expect(ipc.letterExport).toHaveBeenLastCalledWith(42, "/letters/korus.pdf", false, expect.any(Function), false, "pdf"),
    );
  });

  it("signs an approved letter digitally; a wrong password is said at the certificate and nothing changes", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    vi.mocked(ipc.chooseCertificate).mockResolvedValue("/home/staff/jordan.p12");
    vi.mocked(ipc.certificatePasswordKept).mockResolvedValue(false);
    vi.mocked(ipc.letterSignDigitally)
      .mockRejectedValueOnce({
        code: "invalid",
        field: "certificate",
        message: "the password is wrong for this certificate file",
      })
      .mockResolvedValueOnce({ signer: "Jordan A. Whitfield", warnings: [], valid_until: "2027-03-01" });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign digitally…" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign digitally" });
    // Nothing to sign with until a certificate is chosen.
    expect((within(dialog).getByRole("button", { name: "Sign" }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(dialog).getByRole("button", { name: "Choose certificate…" }));
    expect(within(dialog).getByText("/home/staff/jordan.p12")).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText("Certificate password"), "guess");
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign" }));
    expect(await within(dialog).findByText(/password is wrong for this certificate file/i)).toBeTruthy();
    expect(ipc.letterSignDigitally).toHaveBeenCalledWith(2, "/home/staff/jordan.p12", "guess", false);

    const password = within(dialog).getByLabelText("Certificate password");
    await userEvent.clear(password);
    // Kept in the keychain this time, for the command line and the next letter.
    await userEvent.click(within(dialog).getByLabelText("Keep the password in the system keychain"));
    await userEvent.type(password, "letters{Enter}");
    expect(await screen.findByText("Signed, and digitally signed by Jordan A. Whitfield.")).toBeTruthy();
    expect(ipc.letterSignDigitally).toHaveBeenLastCalledWith(2, "/home/staff/jordan.p12", "letters", true);
    expect(screen.queryByRole("dialog", { name: "Sign digitally" })).toBeNull();
  });

  it("says, as a warning, that the certificate it signed with expires soon; one readers would reject is said at the certificate", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    vi.mocked(ipc.chooseCertificate).mockResolvedValue("/home/staff/jordan.p12");
    vi.mocked(ipc.certificatePasswordKept).mockResolvedValue(true);
    vi.mocked(ipc.letterSignDigitally)
      .mockRejectedValueOnce({
        code: "invalid",
        field: "certificate",
        message:
          'the certificate \'Jordan A. Whitfield\' expired on 2025-03-01; readers would say "Certificate has Expired". Sign with a renewed certificate',
      })
      .mockResolvedValueOnce({
        signer: "Jordan A. Whitfield",
        warnings: [
          "the certificate 'Jordan A. Whitfield' expires on 2026-12-15 (in 17 days); ask for a renewed one now",
        ],
        valid_until: "2026-12-15",
      });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign digitally…" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign digitally" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Choose certificate…" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign" }));
    expect(
      await within(dialog).findByText(/The certificate 'Jordan A. Whitfield' expired on March 1, 2025/),
    ).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign" }));
    const toast = await screen.findByText(
      "Signed, and digitally signed by Jordan A. Whitfield. The certificate 'Jordan A. Whitfield' expires on December 15, 2026 (in 17 days); ask for a renewed one now.",
    );
    expect(toast.closest("[role=status]")?.className).toContain("warn");
    expect(screen.queryByRole("dialog", { name: "Sign digitally" })).toBeNull();
  });

  it("saves on Ctrl+S wherever the focus is, a dialog drawn outside the form included", async () => {
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 9, warnings: [] });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Commerce");
    // A key pressed in something at the end of the page (where dialogs go).
    const outside = document.createElement("button");
    document.body.appendChild(outside);
    fireEvent.keyDown(outside, { key: "s", ctrlKey: true });
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledTimes(1));
    outside.remove();
  });

  it("shows a signed letter with its signature, and exports a copy to sign by hand", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...opened("signed"), signature_drawn: true });
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/to-sign.pdf");
    vi.mocked(ipc.letterExport).mockResolvedValue(["/letters/to-sign.pdf"]);
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    // The preview asks Rust for the letter as signed (with its signature).
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).toMatchObject({ saved_letter: 2 }));
    await userEvent.click(screen.getByRole("button", { name: "Export to sign by hand…" }));
    expect(await screen.findByText(/Saved to \/letters\/to-sign.pdf/)).toBeTruthy();
    expect(ipc.letterExport).toHaveBeenCalledWith(2, "/letters/to-sign.pdf", false, expect.any(Function), true, "pdf");
    expect(ipc.chooseSavePath).toHaveBeenCalledWith(expect.stringMatching(/\(to sign\)\.pdf$/), expect.anything());
  });

  it("asks the preview for an approved letter as saved (no draft band), and for a draft or unsaved changes as a draft", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    const { unmount } = renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).toMatchObject({ saved_letter: 2 }));
    // Edited: saving withdraws the approval, so the preview is a draft's again.
    await userEvent.type(screen.getByRole("textbox", { name: /^Subject/ }), "Modernizing KORUS");
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).not.toHaveProperty("saved_letter"));
    unmount();

    vi.mocked(ipc.draftPreview).mockClear();
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("draft"));
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    await waitFor(() => expect(ipc.draftPreview).toHaveBeenCalled());
    expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).not.toHaveProperty("saved_letter");
  });

  it("asks the preview again when the open letter is signed (the same letter, drawn with its signature now)", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    function Window() {
      useRecordEvents();
      return <Compose letterId={2} onSaved={vi.fn()} />;
    }
    renderWithQuery(<Window />);
    await screen.findByRole("heading", { name: "Letter 2" });
    await waitFor(() => expect(events.listening()).toBe(1));
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).toMatchObject({ saved_letter: 2 }));
    const asked = vi.mocked(ipc.draftPreview).mock.calls.length;
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("signed"));
    act(() => events.fire(["letters"]));
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.calls.length).toBeGreaterThan(asked));
    expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[1]).toMatchObject({ saved_letter: 2 });
  });

  it("has no copy to sign by hand for a letter drawn without a signature", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("signed"));
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    expect(screen.getByRole("button", { name: "Export PDF…" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Export to sign by hand…" })).toBeNull();
  });

  it("asks how to export several copies, shows progress, and says when it was cancelled", async () => {
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 7, warnings: [] });
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/korus.pdf");
    let finish: (e: unknown) => void = () => undefined;
    vi.mocked(ipc.letterExport).mockImplementation((_id, _path, _combined, onProgress) => {
      onProgress({ done: 1, total: 2 });
      return new Promise((_, reject) => {
        finish = reject;
      });
    });
    vi.mocked(ipc.exportCancel).mockResolvedValue(null);
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await addOffice("Commerce");
    await addOffice("USTR");
    await userEvent.click(screen.getByRole("radio", { name: "One copy per recipient" }));
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    const dialog = screen.getByRole("dialog", { name: "Export 2 copies" });
    await userEvent.click(within(dialog).getByRole("radio", { name: "One combined PDF" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Export…" }));
    expect(ipc.letterExport).toHaveBeenCalledWith(7, "/letters/korus.pdf", true, expect.any(Function), false, "pdf");
    const bar = await screen.findByRole("progressbar", { name: "Exporting" });
    expect(bar.getAttribute("value")).toBe("1");
    expect(screen.getByText("1 of 2 copies")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(ipc.exportCancel).toHaveBeenCalled();
    // Its own stop: an e-mail batch going on meanwhile is not stopped.
    expect(ipc.sendCancel).not.toHaveBeenCalled();
    finish({ code: "cancelled", message: "the export was cancelled; no file was written" });
    expect(await screen.findByText("Export cancelled; no file was written.")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("starts a new letter from the defaults Rust gives (date, template, signer)", async () => {
    vi.mocked(ipc.catalog).mockResolvedValue({
      ...catalog,
      signers: [...catalog.signers, { id: 2, name: "Pat Rivera", title: "President", has_signature: false }],
    });
    vi.mocked(ipc.letterBlank).mockResolvedValue({ ...blankLetter, template: "thanks", signer_id: 2, date: "2031-02-03" });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    expect((screen.getByLabelText("Date") as HTMLInputElement).value).toBe("2031-02-03");
    expect((screen.getByRole("combobox", { name: "Template" }) as HTMLSelectElement).value).toBe("thanks");
    expect((screen.getByRole("combobox", { name: "Signer" }) as HTMLSelectElement).value).toBe("2");
    expect(ipc.letterBlank).toHaveBeenCalledTimes(1);
  });

  it("asks Rust which position was in force, and says when none had been adopted by the letter's date", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    const position = screen.getByRole("combobox", { name: "Position" }) as HTMLSelectElement;
    fireEvent.input(screen.getByLabelText("Date"), { target: { value: "2010-06-01" } });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Issue" }), "1");
    expect(await screen.findByText("No position adopted on this issue by June 1, 2010.")).toBeTruthy();
    expect(ipc.positionInForce).toHaveBeenCalledWith(1, "2010-06-01");
    expect(position.value).toBe("");
    await addOffice("Commerce");
    await waitFor(() => expect(ipc.draftPreview).toHaveBeenCalled());
    expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[0]).toMatchObject({ date: "2010-06-01", position_id: null });
    // A date by which version 1 had been adopted: it is chosen, and the note goes.
    fireEvent.input(screen.getByLabelText("Date"), { target: { value: "2012-01-01" } });
    await waitFor(() => expect(position.value).toBe("1"));
    expect(ipc.positionInForce).toHaveBeenLastCalledWith(1, "2012-01-01");
    expect(screen.queryByText(/No position adopted on this issue/)).toBeNull();
  });

  it("says when a newer position version is in force under an open letter, and offers to use it or keep the quoted one", async () => {
    // Version 1 is in force until version 2 is adopted while the letter is open.
    let adopted = false;
    vi.mocked(ipc.positionInForce).mockImplementation(async () => (adopted ? 2 : 1));
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...openedDraft, draft: { ...openedDraft.draft, position_id: 1 } });
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 2, warnings: [] });
    function Window() {
      useRecordEvents();
      return <Compose letterId={2} onSaved={vi.fn()} />;
    }
    renderWithQuery(<Window />);
    await screen.findByRole("blockquote", { name: "The position the letter quotes" });
    await waitFor(() => expect(events.listening()).toBe(1));
    expect(screen.queryByRole("button", { name: /Use version/ })).toBeNull();
    adopted = true;
    act(() => events.fire(["positions"]));
    const note = await screen.findByText(/This letter quotes version 1 of your position/);
    expect(note.textContent).toBe(
      "This letter quotes version 1 of your position; version 2, adopted September 1, 2017, is the one in force on September 24, 2018. Choose one before the letter can be approved.",
    );
    // Kept on purpose: the letter says so, and the choice goes with it.
    await userEvent.click(screen.getByRole("button", { name: "Keep version 1" }));
    expect(await screen.findByText(/Version 1 is kept on purpose\./)).toBeTruthy();
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[0].extra.kept_position).toBe(1));
    // Or updated: the letter quotes version 2 and the note goes.
    await userEvent.click(screen.getByRole("button", { name: "Use version 2" }));
    await waitFor(() => expect((screen.getByRole("combobox", { name: "Position" }) as HTMLSelectElement).value).toBe("2"));
    expect(screen.queryByText(/This letter quotes version/)).toBeNull();
    await waitFor(() => expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[0]).toMatchObject({ position_id: 2 }));
    expect(vi.mocked(ipc.draftPreview).mock.lastCall?.[0].extra.kept_position).toBeUndefined();
  });

  it("says only for the record that a signed letter quotes a version since superseded: nothing to choose, nothing unsaved", async () => {
    vi.mocked(ipc.positionInForce).mockResolvedValue(2);
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...opened("signed"), draft: { ...openedDraft.draft, position_id: 1 } });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const note = await screen.findByText(/This letter quotes version 1 of your position, as approved/);
    expect(note.textContent).toBe("This letter quotes version 1 of your position, as approved; version 2 was adopted on September 1, 2017.");
    expect(screen.queryByRole("button", { name: /Use version|Keep version/ })).toBeNull();
    expect(screen.queryByText(/Choose one before the letter can be approved/)).toBeNull();
  });

  it("checks the open letter again when the record changes under it: a holder added elsewhere lifts the warning", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [NO_HOLDER], resolved: ["U.S. Senator for California, class 1 (no holder on record)"], missing: [], greetings: [], copy: 0 });
    vi.mocked(ipc.letterApprove).mockResolvedValue(null);
    function Window() {
      useRecordEvents();
      return <Compose letterId={2} onSaved={vi.fn()} />;
    }
    renderWithQuery(<Window />);
    await screen.findByText(/^No holder of the office/);
    await waitFor(() => expect(events.listening()).toBe(1));
    const asked = vi.mocked(ipc.draftPreview).mock.calls.length;
    // Someone adds Feinstein in Officials while the letter stays open and unsaved.
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [], resolved: ["Dianne Feinstein (U.S. Senator for California, class 1)"], missing: [], greetings: [], copy: 0 });
    act(() => events.fire(["officials"]));
    await waitFor(() => expect(screen.queryByText(/^No holder of the office/)).toBeNull());
    expect(vi.mocked(ipc.draftPreview).mock.calls.length).toBe(asked + 1);
    expect(screen.getByText(/Dianne Feinstein/)).toBeTruthy();
    // Approve goes straight through (Rust takes the holder now on record: no save needed first).
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(ipc.letterApprove).toHaveBeenCalledWith(2));
    expect(ipc.letterSave).not.toHaveBeenCalled();
  });

  it("marks what the template still needs at that field, calmly, and only once the form is touched", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 2, warnings: [] });
    vi.mocked(ipc.draftPreview).mockResolvedValue({
      pages: [],
      glyphs: [],
      warnings: [],
      resolved: ["Wilbur Ross (Secretary of Commerce)"],
      missing: ["subject", "position.issue", "position.statement"], greetings: [], copy: 0,
    });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    await waitFor(() => expect(ipc.draftPreview).toHaveBeenCalled());
    await screen.findByText(/Still to fill in before the letter can be laid out/);
    // Nothing typed yet: nothing is marked.
    expect(screen.queryByText("Still to fill in: the letter's subject.")).toBeNull();
    expect(screen.queryByText("Choose an issue — this template quotes your position")).toBeNull();

    await userEvent.type(screen.getByRole("textbox", { name: "Body" }), " Thank you.");
    const subject = screen.getByRole("textbox", { name: "Subject" });
    const hint = await screen.findByText("Still to fill in: the letter's subject.");
    expect(subject.getAttribute("aria-describedby")).toBe(hint.id);
    expect(subject.getAttribute("aria-invalid")).toBeNull();
    expect(hint.className).toBe("hint");
    // The position's note is at the Issue field, not under Subject.
    const issue = screen.getByRole("combobox", { name: "Issue" });
    expect(document.getElementById(issue.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Choose an issue — this template quotes your position",
    );
    expect(screen.getByRole("textbox", { name: "Body" }).getAttribute("aria-describedby")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("does not approve an unfinished letter: trying marks what it still needs", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.letterApprove).mockResolvedValue(null);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [], resolved: ["Wilbur Ross"], missing: ["subject"], greetings: [], copy: 0 });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByText(/Still to fill in before the letter can be laid out/);
    expect(screen.queryByText("Still to fill in: the letter's subject.")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    expect(screen.getByText("Still to fill in: the letter's subject.")).toBeTruthy();
    expect(screen.getByText("Not approved yet: fill in what is marked above first.")).toBeTruthy();
    expect(ipc.letterApprove).not.toHaveBeenCalled();
  });

  it("shows the position the letter will quote, as of the letter's date", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Issue" }), "1");
    const quote = await screen.findByRole("blockquote", { name: "The position the letter quotes" });
    expect(quote.textContent).toBe("Quoting your position of September 1, 2017:Reaffirm.");
    const date = screen.getByLabelText("Date");
    await userEvent.clear(date);
    await userEvent.type(date, "01/01/2012");
    await waitFor(() =>
      expect(screen.getByRole("blockquote", { name: "The position the letter quotes" }).textContent).toBe(
        "Quoting your position of September 20, 2011:Ratify.",
      ),
    );
    await userEvent.clear(date);
    await userEvent.type(date, "06/01/2010");
    expect(await screen.findByText("No position adopted on this issue by June 1, 2010.")).toBeTruthy();
    expect(screen.queryByRole("blockquote")).toBeNull();
  });

  it("says a save's warning once: not again in the toast when it is under the recipients; any other as a warning", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [NO_HOLDER], resolved: ["U.S. Senator for California, class 1 (no holder on record)"], missing: [], greetings: [], copy: 0 });
    vi.mocked(ipc.letterSave)
      .mockResolvedValueOnce({ letter_id: 2, warnings: [NO_HOLDER] })
      .mockResolvedValueOnce({ letter_id: 2, warnings: [NO_HOLDER, "not ready to approve: the template needs fields.docket, set on 2018-09-24"] });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const recipients = await screen.findByRole("group", { name: "Recipients" });
    // Under the recipients, as a sentence, its date written out.
    expect((await within(recipients).findByRole("status")).textContent).toBe(
      "No holder of the office of U.S. Senator for California, class 1 is on record for September 24, 2018; the letter is addressed to the office (check who held it then)",
    );
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    const saved = await screen.findByText("Draft saved.");
    expect(saved.closest(".toast")?.className).toBe("notice toast");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    const warned = await screen.findByText("Saved. Not ready to approve: the template needs fields.docket, set on September 24, 2018.");
    const toast = warned.closest(".toast") as HTMLElement;
    // A warning, not success; announced; and what is under the recipients is not said again.
    expect(toast.className).toBe("toast warn");
    expect(toast.getAttribute("role")).toBe("status");
    expect(toast.textContent).not.toMatch(/no holder/i);
  });

  it("on a team record, a drafter's Approve is unavailable and says who may", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...openedDraft, summary: { ...openedDraft.summary, subject: "KORUS" } });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const approve = await screen.findByRole("button", { name: "Approve" });
    await waitFor(() => expect((approve as HTMLButtonElement).disabled).toBe(true));
    expect(approve.getAttribute("title")).toBe("Only an approver may approve letters on the team record");
    // Said in the window too, not only in a tooltip.
    expect(screen.getByTestId("role-note").textContent).toBe(
      "Only an approver may approve letters on the team record: ask one to approve this draft.",
    );
    await userEvent.click(approve);
    expect(ipc.letterApprove).not.toHaveBeenCalled();
  });

  it("on a team record, an approver's Mark signed and Sign digitally… are unavailable and say who may", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue({ ...danaOnTeam, session: { user: "avery", roles: ["drafter", "approver"] } });
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const digitally = await screen.findByRole("button", { name: "Sign digitally…" });
    await waitFor(() => expect((digitally as HTMLButtonElement).disabled).toBe(true));
    expect(digitally.getAttribute("title")).toBe("Only a signer may sign letters on the team record");
    const mark = screen.getByRole("button", { name: "Mark signed" });
    expect((mark as HTMLButtonElement).disabled).toBe(true);
    expect(mark.getAttribute("title")).toBe("Only a signer may sign letters on the team record");
    expect(screen.getByTestId("role-note").textContent).toBe("Only a signer may sign letters on the team record: ask one to sign it.");
  });

  it("brings a refused approval into view, focused, as a sentence with its date written out", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [NO_HOLDER], resolved: ["U.S. Senator for California, class 1"], missing: [], greetings: [], copy: 0 });
    vi.mocked(ipc.letterApprove).mockRejectedValue({
      code: "conflict",
      message: "no holder of the office of U.S. Senator for California, class 1 is on record for 2018-09-24; add who held it then (Officials, Add official) or choose another recipient before approving",
    });
    const scrolled = vi.spyOn(Element.prototype, "scrollIntoView");
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByText(/^No holder of the office/);
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "No holder of the office of U.S. Senator for California, class 1 is on record for September 24, 2018; add who held it then (Officials, Add official) or choose another recipient before approving",
    );
    expect(scrolled.mock.contexts).toContain(alert);
    expect(document.activeElement).toBe(alert);
    scrolled.mockRestore();
  });

  it("brings the form's own refusal of Approve into view", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.draftPreview).mockResolvedValue({ pages: [], glyphs: [], warnings: [], resolved: ["Wilbur Ross"], missing: ["subject"], greetings: [], copy: 0 });
    const scrolled = vi.spyOn(Element.prototype, "scrollIntoView");
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByText(/Still to fill in before the letter can be laid out/);
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    const refusal = screen.getByRole("alert");
    expect(refusal.textContent).toBe("Not approved yet: fill in what is marked above first.");
    expect(scrolled.mock.contexts).toContain(refusal);
    scrolled.mockRestore();
  });

  it("says what saving does to an approved, a signed or a sent letter", async () => {
    for (const [status, button, notice] of [
      ["draft", "Save draft", null],
      ["approved", "Save changes (withdraws approval)", "This letter is approved. Saving changes withdraws its approval: it goes back to draft and must be approved again."],
      ["signed", "Save changes (withdraws approval and signature)", "This letter is signed. Saving changes withdraws its approval and signature: it goes back to draft and must be approved and signed again."],
      ["sent", "Revise this letter…", "This letter has been sent and stays as it was. To change it, start a revision: a new draft from it. Revise this letter…"],
    ] as const) {
      vi.mocked(ipc.letterOpen).mockResolvedValue(opened(status));
      const { unmount } = renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
      expect(await screen.findByRole("button", { name: button }), status).toBeTruthy();
      const info = document.querySelector(".info");
      expect(info?.textContent.replace(/\s+/g, " ") ?? null, status).toBe(notice);
      unmount();
    }
  });

  it("shows a sent letter as sent: its fields fixed, no Remove, until a revision is started", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("sent"));
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const subject = (await screen.findByRole("textbox", { name: "Subject" })) as HTMLInputElement;
    // Fixed by the fieldset around the letter's fields.
    expect(subject.closest("fieldset.plain")?.hasAttribute("disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: /^Remove/ })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Add recipient" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Save as a new revision" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Revise this letter…" }));
    expect(subject.closest("fieldset.plain")?.hasAttribute("disabled")).toBe(false);
    expect(screen.getAllByRole("button", { name: /^Remove/ }).length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: "Save as a new revision" })).toBeTruthy();
    expect(document.querySelector(".info")?.textContent).toContain("Your changes make a new draft that revises this letter");
  });

  it("asks before an export would withdraw an approval, and can export the letter as approved", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("approved"));
    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 2, warnings: [] });
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/letters/korus.pdf");
    vi.mocked(ipc.letterExport).mockResolvedValue(["/letters/korus.pdf"]);
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await userEvent.type(await screen.findByRole("textbox", { name: "Subject" }), " (edited)");
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    const dialog = screen.getByRole("dialog", { name: "Export the approved letter?" });
    expect(dialog.textContent).toMatch(/Saving them withdraws its approval/);
    await userEvent.click(within(dialog).getByRole("button", { name: "Export it as approved" }));
    await waitFor(() =>
      expect(ipc.letterExport).toHaveBeenCalledWith(2, "/letters/korus.pdf", false, expect.any(Function), false, "pdf"),
    );
    expect(ipc.letterSave).not.toHaveBeenCalled();
    // The other answer saves the changes first (the letter goes back to draft).
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await userEvent.click(
      within(screen.getByRole("dialog", { name: "Export the approved letter?" })).getByRole("button", {
        name: "Save changes and export the draft",
      }),
    );
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(ipc.letterSave).mock.calls[0]?.[1].subject).toMatch(/\(edited\)$/);
  });

  it("saves a sent letter as a new revision and says so", async () => {
    const saved = vi.fn();
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("sent"));
    vi.mocked(ipc.letterSave).mockResolvedValue({
      letter_id: 5,
      warnings: ["letter 2 has been sent, so it stays as it was; your changes are letter 5, a revision of it"],
    });
    renderWithQuery(<Compose letterId={2} onSaved={saved} />);
    await userEvent.click(await screen.findByRole("button", { name: "Revise this letter…" }));
    await userEvent.click(await screen.findByRole("button", { name: "Save as a new revision" }));
    expect(ipc.letterSave).toHaveBeenCalledWith(2, openedDraft.draft);
    expect(saved).toHaveBeenCalledWith(5);
    expect(
      await screen.findByText("Saved. Letter 2 has been sent, so it stays as it was; your changes are letter 5, a revision of it."),
    ).toBeTruthy();
  });

  it("marks the rest of a signed letter's copies sent at once, and says how many", async () => {
    const unsent = (id: number, name: string): RecipientView => ({
      id, number: id, role: "to", name, office: null, method: null, sent_at: null,
      confirmation: null, follow_up_on: null, reply_on: null, reply_notes: null,
      reach: { email: null, contact_form: null }, owner: null, contacts: [], reply_file: null, history: [],
    });
    vi.mocked(ipc.letterOpen).mockResolvedValue(opened("signed", [unsent(1, "Wilbur Ross"), unsent(2, "Robert E. Lighthizer")]));
    vi.mocked(ipc.markAllSent).mockResolvedValue(2);
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Mark all sent…" }));
    const dialog = screen.getByRole("dialog", { name: "Mark all 2 copies sent" });
    expect((within(dialog).getByLabelText("Sent on") as HTMLInputElement).value).toBe("2018-09-24");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark sent" }));
    expect(ipc.markAllSent).toHaveBeenCalledWith(2, expect.objectContaining({ method: "mail", at: "2018-09-24T12:00:00Z" }));
    expect((await screen.findByText("Marked 2 copies sent.")).closest(".toast")?.className).toBe("notice toast");
  });

  it("puts Issue and Position in a row of their own, to stack on a narrower form", async () => {
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    const row = screen.getByRole("combobox", { name: "Issue" }).closest(".grid2") as HTMLElement;
    expect(row.className).toBe("grid2 stack-narrow");
    expect(within(row).getByRole("combobox", { name: "Position" })).toBeTruthy();
    expect(within(row).queryByRole("combobox", { name: "Template" })).toBeNull();
  });

  it("says who drafted, approved, signed and sent the letter, by day in the organization's time zone", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...opened("sent"), steps: teamSteps });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const steps = await screen.findByRole("note", { name: "Who did what" });
    // Avery approved at 10:30 p.m. on November 30 in New York (already December 1 in UTC).
    await waitFor(() =>
      expect(steps.textContent).toBe(
        "Drafted by dana on November 30, 2026 · approved by avery on November 30, 2026 · signed by sam on December 1, 2026 · sent on December 1, 2026",
      ),
    );
    expect(screen.getByTestId("letter-steps")).toBe(steps);
    expect(steps.textContent).toContain("approved by avery");
  });

  it("names nobody on a single-user record's letter, and says nothing of a letter without steps", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue({
      ...opened("approved"),
      steps: [
        { kind: "created", by: null, at: "2018-09-20T16:00:00Z" },
        { kind: "approved", by: null, at: "2018-09-21T16:00:00Z" },
      ],
    });
    const { unmount } = renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    const steps = await screen.findByTestId("letter-steps");
    await waitFor(() => expect(steps.textContent).toBe("Drafted on September 20, 2018 · approved on September 21, 2018"));
    expect(steps.textContent).not.toContain(" by ");
    unmount();
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "Letter 2" });
    expect(screen.queryByTestId("letter-steps")).toBeNull();
  });

  it("shows a colleague's approval of the open letter when the record says the letters changed", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...openedDraft, steps: [nth(teamSteps, 0)] });
    function Window() {
      useRecordEvents();
      return <Compose letterId={2} onSaved={vi.fn()} />;
    }
    renderWithQuery(<Window />);
    await screen.findByRole("button", { name: "Approve" });
    await waitFor(() => expect(events.listening()).toBe(1));
    expect(screen.getByTestId("letter-steps").textContent).toBe("Drafted by dana on November 30, 2026");
    expect(ipc.letterOpen).toHaveBeenCalledTimes(1);
    vi.mocked(ipc.letterOpen).mockResolvedValue({ ...opened("approved"), steps: teamSteps.slice(0, 2) });
    act(() => events.fire(["letters"]));
    await waitFor(() => expect(ipc.letterOpen).toHaveBeenCalledTimes(2));
    expect(ipc.letterOpen).toHaveBeenLastCalledWith(2);
    expect(await screen.findByText("Approved")).toBeTruthy();
    expect(screen.getByTestId("letter-steps").textContent).toContain("approved by avery");
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    // A change elsewhere does not ask for the letter again.
    act(() => events.fire(["officials"]));
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.letterOpen).toHaveBeenCalledTimes(2);
  });

  it("keeps a letter the team record's server could not take, says so, and saves it once the server is back", async () => {
    const onSaved = vi.fn();
    vi.mocked(ipc.letterSave).mockRejectedValue({
      code: "unavailable",
      message: "the team record's server cannot be reached: connection refused",
    });
    renderWithQuery(<Compose letterId={null} onSaved={onSaved} />);
    await screen.findByRole("heading", { name: "New letter" });
    await waitFor(() => expect(connection.listening()).toBe(1));
    await userEvent.type(screen.getByRole("textbox", { name: "Subject" }), "Written while the server was away");
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not saved: the team record's server cannot be reached. Your changes are kept here and saved when it is back.",
    );
    // Never shown as saved; the form is as it was.
    expect(screen.queryByText("Draft saved.")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe(
      "Written while the server was away",
    );
    // Still lost: nothing is tried until the server is back.
    act(() => connection.fire({ state: "lost", message: "connection refused" }));
    expect(ipc.letterSave).toHaveBeenCalledTimes(1);

    vi.mocked(ipc.letterSave).mockResolvedValue({ letter_id: 12, warnings: [] });
    act(() => connection.fire({ state: "back" }));
    await waitFor(() => expect(ipc.letterSave).toHaveBeenCalledTimes(2));
    expect(vi.mocked(ipc.letterSave).mock.lastCall).toEqual([
      null,
      expect.objectContaining({ subject: "Written while the server was away" }),
    ]);
    expect(await screen.findByText("Draft saved.")).toBeTruthy();
    expect(onSaved).toHaveBeenCalledWith(12);
    expect(screen.queryByRole("alert")).toBeNull();
    // Once: the next "back" has nothing to save.
    act(() => connection.fire({ state: "back" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.letterSave).toHaveBeenCalledTimes(2);
  });

  it("does not save again when the server comes back if nothing waits for it", async () => {
    vi.mocked(ipc.letterSave).mockRejectedValue({ code: "invalid_data", field: "recipients", message: "a letter needs at least one addressee" });
    renderWithQuery(<Compose letterId={null} onSaved={vi.fn()} />);
    await screen.findByRole("heading", { name: "New letter" });
    await userEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await screen.findByText("A letter needs at least one addressee");
    act(() => connection.fire({ state: "back" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.letterSave).toHaveBeenCalledTimes(1);
  });

  it("says the server's refusal of a step to a user without the role as it is", async () => {
    vi.mocked(ipc.letterOpen).mockResolvedValue(openedDraft);
    vi.mocked(ipc.letterApprove).mockRejectedValue({
      code: "denied",
      message: "permission denied: only an approver may approve a letter",
    });
    renderWithQuery(<Compose letterId={2} onSaved={vi.fn()} />);
    await userEvent.click(await screen.findByTestId("approve"));
    expect(ipc.letterApprove).toHaveBeenCalledWith(2);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Permission denied: only an approver may approve a letter",
    );
    expect(screen.queryByText("Letter approved.")).toBeNull();
  });
});
