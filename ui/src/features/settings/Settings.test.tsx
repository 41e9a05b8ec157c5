import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Settings, matchZones } from "./Settings";
import { catalog, clockView, danaOnTeam, nth, ownRecord, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  settingsInfo: vi.fn(),
  catalog: vi.fn(),
  letterhead: vi.fn(),
  letterheadSave: vi.fn(),
  letterheadFileSet: vi.fn(),
  letterheadFileRemove: vi.fn(),
  choosePdf: vi.fn(),
  signerAdd: vi.fn(),
  signerSignatureSet: vi.fn(),
  signerSignatureImage: vi.fn(),
  choosePng: vi.fn(),
  chooseSavePath: vi.fn(),
  backup: vi.fn(),
  backupRestore: vi.fn(),
  chooseDatabase: vi.fn(),
  clock: vi.fn(),
  diagnostics: vi.fn(),
  timeZoneSave: vi.fn(),
  mailSettings: vi.fn(),
  mailSettingsSave: vi.fn(),
  teamStatus: vi.fn(),
}));
import * as ipc from "../../ipc";

const head = {
  name: "Lakeshore State Chamber of Commerce",
  unit: "International Trade Council",
  address: ["88 East Broad Street, Suite 1500", "Columbus, Ohio 43215"],
  phone: "(614) 555-0142",
  website: null,
  logo: null,
  file: null,
};

/** The letterhead file as Amicus took it. */
const brandFile = {
  name: "chamber-letterhead.pdf",
  sha256: "5f1c0e",
  pages: 2,
  paper: "letter",
  bytes: 48210,
  margins: { top: 126, right: 72, bottom: 72, left: 72 },
  not_archival: [] as string[],
};

/** The catalog's signer, with a signature image on file. */
const signedSigner = { id: 1, name: "Jordan A. Whitfield", title: "Vice President", has_signature: true };

describe("Settings", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.settingsInfo).mockResolvedValue({
      db_path: "/home/staff/.local/share/amicus/amicus.db",
      organization: "Lakeshore State Chamber of Commerce",
      schema_version: 4,
      log_dir: "/home/staff/.local/state/amicus/logs",
      time_zone: "America/New_York",
      time_zone_saved: true,
      version: "0.1.0",
    });
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
    vi.mocked(ipc.letterhead).mockResolvedValue(head);
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
  });

  it("shows the database and signers, and backs up where the user chose", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/backups/amicus.db");
    vi.mocked(ipc.backup).mockResolvedValue(null);
    renderWithQuery(<Settings />);
    expect(await screen.findByText("/home/staff/.local/share/amicus/amicus.db", { selector: "dd code" })).toBeTruthy();
    expect(await screen.findByText("Jordan A. Whitfield, Vice President")).toBeTruthy();
    const team = await screen.findByRole("region", { name: "Team record" });
    expect(await within(team).findByRole("button", { name: "Connect" })).toBeTruthy();
    // In the order a person sets Amicus up: the organization and its letterhead, signers,
    // sending e-mail, then the rest; the database and diagnostics last, under About.
    await screen.findByRole("heading", { name: "Time zone" });
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
      "Organization and letterhead",
      "Signers",
      "Sending email",
      "Time zone",
      "Team record",
      "Backup",
      "About Amicus",
    ]);
    expect(within(screen.getByRole("region", { name: "About Amicus" })).getByRole("button", { name: "Copy diagnostics" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "About Amicus" }).textContent).toContain("Amicus 0.1.0, under the MIT licence.");
    await userEvent.click(screen.getByRole("button", { name: "Back up…" }));
    expect(ipc.backup).toHaveBeenCalledWith("/backups/amicus.db");
    expect(await screen.findByText("Backed up to /backups/amicus.db")).toBeTruthy();
  });

  it("says why a backup failed", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue("/readonly/amicus.db");
    vi.mocked(ipc.backup).mockRejectedValue({ code: "io", message: "/readonly/amicus.db: permission denied" });
    renderWithQuery(<Settings />);
    await userEvent.click(await screen.findByRole("button", { name: "Back up…" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Backup failed: /readonly/amicus.db: permission denied",
    );
  });

  it("edits the letterhead; a bad logo is reported at its field", async () => {
    vi.mocked(ipc.letterheadSave)
      .mockRejectedValueOnce({ code: "invalid_data", message: "/tmp/x.png is not a PNG image Amicus can use", field: "logo" })
      .mockResolvedValueOnce(null);
    renderWithQuery(<Settings />);
    const form = await screen.findByRole("form", { name: "Organization and letterhead" });
    const phone = within(form).getByRole("textbox", { name: "Phone" });
    await userEvent.clear(phone);
    await userEvent.type(phone, "(614) 555-0199");
    await userEvent.type(within(form).getByRole("textbox", { name: "Logo (PNG)" }), "/tmp/x.png");
    await userEvent.click(within(form).getByRole("button", { name: "Save letterhead" }));
    expect(await within(form).findByText("/tmp/x.png is not a PNG image Amicus can use")).toBeTruthy();
    expect(within(form).getByRole("textbox", { name: "Logo (PNG)" }).getAttribute("aria-invalid")).toBe("true");
    await userEvent.click(within(form).getByRole("button", { name: "Remove" }));
    await userEvent.click(within(form).getByRole("button", { name: "Save letterhead" }));
    expect(ipc.letterheadSave).toHaveBeenLastCalledWith({ ...head, phone: "(614) 555-0199", logo: null });
    expect(await screen.findByText(/New letters use this letterhead/)).toBeTruthy();
  });

  it("uses a letterhead file, and its margins move the text area as they are typed and are saved with the form", async () => {
    vi.mocked(ipc.choosePdf).mockResolvedValue("/brand/chamber-letterhead.pdf");
    vi.mocked(ipc.letterheadFileSet).mockResolvedValue(brandFile);
    vi.mocked(ipc.letterheadSave).mockResolvedValue(null);
    renderWithQuery(<Settings />);
    const form = await screen.findByRole("form", { name: "Organization and letterhead" });
    const group = within(form).getByRole("group", { name: "Letterhead file" });
    expect(group.textContent).toContain("None: letters draw the letterhead from the name, address and logo above.");
    await userEvent.click(within(group).getByRole("button", { name: "Use a letterhead file…" }));
    expect(ipc.letterheadFileSet).toHaveBeenCalledWith("/brand/chamber-letterhead.pdf", null);
    expect(await within(group).findByText("chamber-letterhead.pdf", { selector: "strong" })).toBeTruthy();
    expect(group.textContent).toContain("two pages: the first page, then the continuation pages, US Letter");
    const diagram = within(group).getByRole("img");
    expect(diagram.getAttribute("aria-label")).toBe(
      "The letter's text area: 6.5 in wide and 8.25 in tall, 1.75 in from the top and 1 in from the left",
    );
    const top = within(group).getByRole("spinbutton", { name: "Top margin (points)" });
    await userEvent.clear(top);
    await userEvent.type(top, "144");
    expect(diagram.getAttribute("aria-label")).toBe(
      "The letter's text area: 6.5 in wide and 8 in tall, 2 in from the top and 1 in from the left",
    );
    expect(within(group).getByTestId("text-area").getAttribute("y")).toBe("144");
    await userEvent.click(within(form).getByRole("button", { name: "Save letterhead" }));
    expect(ipc.letterheadSave).toHaveBeenLastCalledWith({
      ...head,
      file: { ...brandFile, margins: { ...brandFile.margins, top: 144 } },
    });
  });

  it("says when letters on a letterhead file cannot be archival PDF/A, and why", async () => {
    vi.mocked(ipc.letterhead).mockResolvedValue({
      ...head,
      file: { ...brandFile, not_archival: ["its fonts are not embedded (Helvetica)"] },
    });
    renderWithQuery(<Settings />);
    const group = await screen.findByRole("group", { name: "Letterhead file" });
    expect((await within(group).findByRole("note")).textContent).toContain(
      "not archival PDF/A files: its fonts are not embedded (Helvetica).",
    );
  });

  it("says nothing of PDF/A for a letterhead file letters can be archived on", async () => {
    vi.mocked(ipc.letterhead).mockResolvedValue({ ...head, file: brandFile });
    renderWithQuery(<Settings />);
    const group = await screen.findByRole("group", { name: "Letterhead file" });
    await within(group).findByText("chamber-letterhead.pdf", { selector: "strong" });
    expect(within(group).queryByRole("note")).toBeNull();
  });

  it("says why a file cannot be the letterhead, and keeps the one in use", async () => {
    vi.mocked(ipc.letterhead).mockResolvedValue({ ...head, file: brandFile });
    vi.mocked(ipc.choosePdf).mockResolvedValue("/brand/three.pdf");
    vi.mocked(ipc.letterheadFileSet).mockRejectedValue({
      code: "invalid_data",
      message: "three.pdf cannot be used as the letterhead: it has 3 pages; a letterhead has one page, or two (the first page's, then the continuation pages')",
      field: "letterhead",
    });
    vi.mocked(ipc.letterheadFileRemove).mockResolvedValue(null);
    renderWithQuery(<Settings />);
    const group = await screen.findByRole("group", { name: "Letterhead file" });
    await userEvent.click(within(group).getByRole("button", { name: "Use a letterhead file…" }));
    expect((await within(group).findByRole("alert")).textContent).toBe(
      "Not used: three.pdf cannot be used as the letterhead: it has 3 pages; a letterhead has one page, or two (the first page's, then the continuation pages')",
    );
    expect(within(group).getByText("chamber-letterhead.pdf", { selector: "strong" })).toBeTruthy();
    await userEvent.click(within(group).getByRole("button", { name: "Stop using the file" }));
    expect(ipc.letterheadFileRemove).toHaveBeenCalled();
    expect(await within(group).findByText(/None: letters draw the letterhead/)).toBeTruthy();
  });

  it("adds a signer", async () => {
    vi.mocked(ipc.signerAdd).mockResolvedValue(2);
    renderWithQuery(<Settings />);
    await userEvent.type(await screen.findByRole("textbox", { name: "Signer's name" }), "Pat Rivera");
    await userEvent.type(screen.getByRole("textbox", { name: "Title" }), "President");
    await userEvent.click(screen.getByRole("button", { name: "Add signer" }));
    expect(ipc.signerAdd).toHaveBeenCalledWith("Pat Rivera", "President");
  });

  it("puts a signer's signature image on file, says why one is refused, and takes it off", async () => {
    vi.mocked(ipc.choosePng).mockResolvedValue("/home/staff/signature.txt");
    vi.mocked(ipc.signerSignatureSet).mockRejectedValueOnce({
      code: "invalid",
      field: "signature",
      message: "/home/staff/signature.txt cannot be used as a signature: the image is not a PNG file",
    });
    renderWithQuery(<Settings />);
    const signers = await screen.findByRole("list", { name: "Signers" });
    expect(await within(signers).findByText(/no signature image/)).toBeTruthy();
    await userEvent.click(within(signers).getByRole("button", { name: "Add signature…" }));
    expect(ipc.signerSignatureSet).toHaveBeenCalledWith(1, "/home/staff/signature.txt");
    expect(await screen.findByText(/cannot be used as a signature/)).toBeTruthy();

    // Chosen again, a PNG: on file. The list shows it once the record says so.
    vi.mocked(ipc.choosePng).mockResolvedValue("/home/staff/signature.png");
    vi.mocked(ipc.signerSignatureSet).mockResolvedValue(null);
    vi.mocked(ipc.catalog).mockResolvedValue({ ...catalog, signers: [signedSigner] });
    vi.mocked(ipc.signerSignatureImage).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    await userEvent.click(within(signers).getByRole("button", { name: "Add signature…" }));
    expect(ipc.signerSignatureSet).toHaveBeenLastCalledWith(1, "/home/staff/signature.png");
    expect(screen.queryByText(/cannot be used as a signature/)).toBeNull();
  });

  it("takes a signature image off file without asking for a file", async () => {
    vi.mocked(ipc.catalog).mockResolvedValue({ ...catalog, signers: [signedSigner] });
    vi.mocked(ipc.signerSignatureSet).mockResolvedValue(null);
    vi.mocked(ipc.signerSignatureImage).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    renderWithQuery(<Settings />);
    const signers = await screen.findByRole("list", { name: "Signers" });
    // The image on file is shown, as letters draw it.
    const img = (await within(signers).findByRole("img", { name: `Signature of ${signedSigner.name}` })) as HTMLImageElement;
    expect(img.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(ipc.signerSignatureImage).toHaveBeenCalledWith(signedSigner.id);
    await userEvent.click(within(signers).getByRole("button", { name: "Remove signature" }));
    expect(ipc.signerSignatureSet).toHaveBeenCalledWith(1, null);
    expect(ipc.choosePng).not.toHaveBeenCalled();
  });

  it("shows where the logs are and copies the diagnostics", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    vi.mocked(ipc.diagnostics).mockResolvedValue("Amicus 0.1.0\nrecord: /home/staff/amicus.db");
    renderWithQuery(<Settings />);
    expect(await screen.findByText("/home/staff/.local/state/amicus/logs")).toBeTruthy();
    expect(screen.getByText("Log files")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Copy diagnostics" }));
    expect(await screen.findByText("Diagnostics copied")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith("Amicus 0.1.0\nrecord: /home/staff/amicus.db");
    expect(screen.queryByRole("textbox", { name: "Diagnostics" })).toBeNull();
  });

  it("shows the diagnostics to copy by hand when the clipboard refuses", async () => {
    const writeText = vi.fn().mockRejectedValue(new Error("not allowed"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    vi.mocked(ipc.diagnostics).mockResolvedValue("Amicus 0.1.0");
    renderWithQuery(<Settings />);
    await userEvent.click(await screen.findByRole("button", { name: "Copy diagnostics" }));
    const text = (await screen.findByRole("textbox", { name: "Diagnostics" })) as HTMLTextAreaElement;
    expect(text.value).toBe("Amicus 0.1.0");
    expect(text.readOnly).toBe(true);
    expect(screen.queryByText("Diagnostics copied")).toBeNull();
  });

  it("says a zone nobody saved is this computer's own, as Rust reports it", async () => {
    vi.mocked(ipc.settingsInfo).mockResolvedValue({ ...(await ipc.settingsInfo()), time_zone: "America/Chicago", time_zone_saved: false });
    renderWithQuery(<Settings />);
    const form = await screen.findByRole("form", { name: "Time zone" });
    expect(await within(form).findByText(/This computer.s own time zone \(America\/Chicago\): none is saved yet/)).toBeTruthy();
  });

  it("chooses the time zone by typing part of its name; a refused one is reported at its field", async () => {
    vi.mocked(ipc.timeZoneSave)
      .mockRejectedValueOnce({ code: "invalid_data", message: "that zone cannot be used here", field: "time_zone" })
      .mockResolvedValueOnce(null);
    renderWithQuery(<Settings />);
    const zone = (await screen.findByRole("combobox", { name: "Time zone" })) as HTMLInputElement;
    expect(zone.value).toBe("America/New_York");
    // Cleared and nothing chosen: said at the field, nothing sent.
    await userEvent.click(screen.getByRole("button", { name: "Clear time zone" }));
    await userEvent.click(screen.getByRole("button", { name: "Save time zone" }));
    expect((await screen.findByText(/^Choose a time zone from the list/)).className).toContain("field-error");
    expect(ipc.timeZoneSave).not.toHaveBeenCalled();
    await userEvent.type(zone, "paris");
    const options = within(screen.getByRole("listbox", { name: "Time zone" })).getAllByRole("option");
    expect(nth(options, 0).textContent).toBe("Europe/Paris");
    await userEvent.click(within(nth(options, 0)).getByRole("button"));
    expect(zone.value).toBe("Europe/Paris");
    await userEvent.click(screen.getByRole("button", { name: "Save time zone" }));
    expect(ipc.timeZoneSave).toHaveBeenLastCalledWith("Europe/Paris");
    expect((await screen.findByText("That zone cannot be used here")).className).toContain("field-error");
    expect(zone.getAttribute("aria-invalid")).toBe("true");
    // Another zone: the refusal no longer applies.
    await userEvent.click(screen.getByRole("button", { name: "Clear time zone" }));
    await userEvent.type(zone, "new york{Enter}");
    expect(zone.value).toBe("America/New_York");
    expect(screen.queryByText("That zone cannot be used here")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Save time zone" }));
    expect(ipc.timeZoneSave).toHaveBeenLastCalledWith("America/New_York");
    expect(await screen.findByText("Time zone saved.")).toBeTruthy();
  });

  it("takes the time zone typed in full where the system cannot list the zones", async () => {
    const listed = Object.getOwnPropertyDescriptor(Intl, "supportedValuesOf");
    Object.defineProperty(Intl, "supportedValuesOf", { value: undefined, configurable: true, writable: true });
    try {
      vi.mocked(ipc.timeZoneSave).mockResolvedValue(null);
      renderWithQuery(<Settings />);
      const zone = (await screen.findByRole("textbox", { name: "Time zone (IANA name)" })) as HTMLInputElement;
      expect(zone.value).toBe("America/New_York");
      expect(screen.queryByRole("combobox", { name: "Time zone" })).toBeNull();
      await userEvent.clear(zone);
      await userEvent.type(zone, "Europe/Paris");
      await userEvent.click(screen.getByRole("button", { name: "Save time zone" }));
      expect(ipc.timeZoneSave).toHaveBeenLastCalledWith("Europe/Paris");
    } finally {
      if (listed) Object.defineProperty(Intl, "supportedValuesOf", listed);
    }
  });

  it("finds a zone by its place, best first", () => {
    const zones = ["America/New_York", "America/North_Dakota/New_Salem", "Europe/Paris", "Pacific/Auckland"];
    expect(matchZones(zones, "new")).toEqual(["America/New_York", "America/North_Dakota/New_Salem"]);
    expect(matchZones(zones, "New York")).toEqual(["America/New_York"]);
    expect(matchZones(zones, "europe/")).toEqual(["Europe/Paris"]);
    expect(matchZones(zones, "  ")).toEqual([]);
  });

  it("restores from a backup after asking, and says where the record as it was is kept", async () => {
    vi.mocked(ipc.chooseDatabase).mockResolvedValue("/backups/friday.db");
    vi.mocked(ipc.backupRestore)
      .mockRejectedValueOnce({ code: "io", message: "/backups/friday.db: not an Amicus backup" })
      .mockResolvedValueOnce("/home/staff/.local/share/amicus/amicus.db.before-restore-20260310-101500.bak");
    renderWithQuery(<Settings />);
    // A column of forms: the narrower screen (styles.css).
    expect((await screen.findByRole("region", { name: "Settings" })).className).toBe("screen narrow");
    // Offered once the record is known to be this computer's own.
    await userEvent.click(await screen.findByRole("button", { name: "Restore from a backup…" }));
    const dialog = screen.getByRole("dialog", { name: "Restore from this backup?" });
    expect(dialog.textContent).toMatch(/kept beside it, so this can be undone/);
    expect(ipc.backupRestore).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Restore" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not restored: /backups/friday.db: not an Amicus backup");
    await userEvent.click(screen.getByRole("button", { name: "Restore from a backup…" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Restore from this backup?" })).getByRole("button", { name: "Restore" }));
    expect(
      await screen.findByText(
        "Restored from /backups/friday.db. The record as it was is kept at /home/staff/.local/share/amicus/amicus.db.before-restore-20260310-101500.bak.",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("region", { name: "Settings" }).textContent).not.toMatch(/amicus restore/);
  });

  it("offers no restore on a team record, whoever signed in, and says an administrator restores one with amicus team import", async () => {
    for (const session of [danaOnTeam.session, { user: "root_admin", roles: ["admin" as const] }]) {
      vi.mocked(ipc.teamStatus).mockResolvedValue({ ...danaOnTeam, session });
      const { unmount } = renderWithQuery(<Settings />);
      const line = await screen.findByTestId("team-restore");
      expect(line.textContent).toBe(
        "A team record is restored by an administrator, with amicus team import of the backup into an empty team record.",
      );
      expect(screen.queryByRole("button", { name: "Restore from a backup…" })).toBeNull();
      expect(screen.queryByText(/Restoring replaces everything/)).toBeNull();
      // Backing a team record up is anyone's (the same single-user file format).
      expect(screen.getByRole("button", { name: "Back up…" })).toBeTruthy();
      unmount();
    }
    expect(ipc.chooseDatabase).not.toHaveBeenCalled();
  });

  it("shows a drafter on the team record the organization's settings as set by the administrators", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.mailSettings).mockResolvedValue({
      settings: { server: "smtp.lakeshore.example", port: 587, security: "starttls", username: "trade", from_address: "trade@lakeshore.example", from_name: null, ca_file: null, handover: "smtp", sign_in: null, api_url: null },
      password_kept: true,
      usual_ports: { starttls: 587, tls: 465 },
      signed_in_as: null,
      drafts_only: false,
    });
    renderWithQuery(<Settings />);
    const sections = [
      { form: "Organization and letterhead", save: "Save letterhead", what: "the letterhead" },
      { form: "Time zone", save: "Save time zone", what: "the time zone" },
      { form: "Sending email", save: "Save mail settings", what: "the mail server settings" },
    ];
    for (const { form: name, save: saveName, what } of sections) {
      const form = await screen.findByRole("form", { name });
      const note = await within(form).findByText("Set by your administrators.");
      // The note comes first, under the title.
      expect(note.previousElementSibling?.tagName).toBe("H2");
      const save = within(form).getByRole("button", { name: saveName }) as HTMLButtonElement;
      expect(save.disabled).toBe(true);
      expect(save.title).toBe(`Only an administrator may change ${what} on the team record`);
      expect(save.getAttribute("aria-describedby")).toBe(note.id);
      // Every field shows its value, labelled, and cannot be changed; each says why.
      // (but the mail account's password, which is this computer's, and the
      // test message's address, which anyone who sends may try)
      const fields = [...form.querySelectorAll<HTMLInputElement>("input, select, textarea")].filter(
        (f) => f.type !== "password" && !f.closest(".test-message"),
      );
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(field.disabled).toBe(true);
        expect(field.getAttribute("aria-describedby")).toBe(note.id);
      }
      for (const button of within(form).queryAllByRole("button", { name: /Choose…|Remove|Clear/ })) {
        expect((button as HTMLButtonElement).disabled).toBe(true);
      }
    }
    expect((screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement).value).toBe(head.name);
    expect((screen.getByRole("combobox", { name: "Time zone" }) as HTMLInputElement).value).toBe("America/New_York");
    expect((screen.getByLabelText("Mail server") as HTMLInputElement).value).toBe("smtp.lakeshore.example");
    await userEvent.click(screen.getByRole("button", { name: "Save letterhead" }));
    expect(ipc.letterheadSave).not.toHaveBeenCalled();
    // The password kept on this computer is the user's to forget (the keychain, not the record).
    expect((screen.getByRole("button", { name: "Forget password" }) as HTMLButtonElement).disabled).toBe(false);
    // Signers and their signature images are the drafters' too (the server lets them).
    expect((screen.getByRole("button", { name: "Add signer" }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole("textbox", { name: "Signer's name" }) as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByRole("button", { name: "Add signature…" }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getAllByText("Set by your administrators.")).toHaveLength(3);
  });

  it("lets a drafter on the team record keep the mail account's password on her computer, the settings unchanged", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    const settings = { server: "smtp.lakeshore.example", port: 587, security: "starttls" as const, username: "trade", from_address: "trade@lakeshore.example", from_name: null, ca_file: null, handover: "smtp" as const, sign_in: null, api_url: null };
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
    vi.mocked(ipc.mailSettingsSave).mockResolvedValue("keychain");
    renderWithQuery(<Settings />);
    const form = await screen.findByRole("form", { name: "Sending email" });
    const keep = (await within(form).findByRole("button", { name: "Keep password on this computer" })) as HTMLButtonElement;
    expect(keep.disabled).toBe(true);
    const password = within(form).getByLabelText(/^Password/) as HTMLInputElement;
    expect(password.disabled).toBe(false);
    expect((within(form).getByLabelText("Mail server") as HTMLInputElement).disabled).toBe(true);
    await userEvent.type(password, "s3cret");
    await userEvent.click(keep);
    await waitFor(() => expect(ipc.mailSettingsSave).toHaveBeenCalledWith(settings, "s3cret"));
    expect(await within(form).findByText(/The password is in the system keychain/)).toBeTruthy();
  });

  it("offers no password to keep when the organization has set no mail account", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
    renderWithQuery(<Settings />);
    const form = await screen.findByRole("form", { name: "Sending email" });
    await within(form).findByText("Set by your administrators.");
    expect(within(form).queryByRole("button", { name: "Keep password on this computer" })).toBeNull();
    expect((within(form).getByLabelText(/^Password/) as HTMLInputElement).disabled).toBe(true);
  });

  it("lets an administrator on the team record, and anyone on this computer's own record, change them", async () => {
    for (const status of [{ ...danaOnTeam, session: { user: "ada", roles: ["admin" as const] } }, ownRecord]) {
      vi.mocked(ipc.teamStatus).mockResolvedValue(status);
      const { unmount } = renderWithQuery(<Settings />);
      // The session known (the Team record section says whose it is).
      const team = await screen.findByRole("region", { name: "Team record" });
      expect(await within(team).findByText(status.team ? /You are ada \(admin\)/ : /This computer's own record/)).toBeTruthy();
      for (const name of ["Save letterhead", "Save time zone", "Save mail settings"]) {
        const save = (await screen.findByRole("button", { name })) as HTMLButtonElement;
        expect(save.disabled).toBe(false);
        expect(save.title).toBe("");
      }
      expect((screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement).disabled).toBe(false);
      expect(screen.queryByText("Set by your administrators.")).toBeNull();
      unmount();
    }
  });

  it("names the backup after the organization's today", async () => {
    vi.mocked(ipc.chooseSavePath).mockResolvedValue(null);
    renderWithQuery(<Settings />);
    await screen.findByText("/home/staff/.local/share/amicus/amicus.db", { selector: "dd code" });
    await waitFor(() => expect(ipc.clock).toHaveBeenCalled());
    await userEvent.click(screen.getByRole("button", { name: "Back up…" }));
    expect(vi.mocked(ipc.chooseSavePath).mock.lastCall?.[0]).toBe("amicus-backup-2026-03-10.db");
  });
});
