// The only module that talks to the Tauri shell. Everything else imports
// these functions, so tests can replace this module with a mock. The types
// are generated from the Rust ones (bindings.ts; `make bindings`).
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { dirname, join } from "@tauri-apps/api/path";
import { open, save } from "@tauri-apps/plugin-dialog";
import { openPath, openUrl } from "@tauri-apps/plugin-opener";
import type {
  Catalog,
  CsvSummary,
  DigitallySigned,
  DraftPreview,
  Drafted,
  ExportProgress,
  ImportSummary,
  IpcError as ShellError,
  IssueView,
  LetterDetail,
  LetterSummary,
  LogChoices,
  LogEntry,
  LogFilter,
  NewContact,
  SnoozeChoice,
  SnoozeTo,
  NewLetter,
  NewOfficial,
  NewPosition,
  OfficialRow,
  OfficialsPage,
  Preview,
  PreviewHave,
  SearchHit,
  SendReport,
  SettingsInfo,
  ClockView,
  ContactFormCopy,
  EmailDraft,
  EmailProgress,
  SignInPage,
  TestMessage,
  Printer,
  PrintRequest,
  Printed,
  EmailResult,
  GroupExpansion,
  GroupInfo,
  GroupRef,
  MailSettings,
  NewParagraph,
  Paragraph,
  MailView,
  SignIn,
  SignedIn,
  SecretKept,
  RecordArea,
  RecordChanged,
  RecipientChoice,
  Startup,
  Letterhead,
  LetterheadFileView,
  FileMargins,
  NewOffice,
  NewPerson,
  NewTerm,
  OfficeDetail,
  OfficeRow,
  PersonDetail,
  Position,
  Status,
  TeamConnection,
  TeamSignIn,
  TeamStatus,
  TeamUser,
  TemplateCheck,
  TemplateDraft,
  WithGroup,
  PaperChoice,
  ExportFormat,
  Issue,
  IssuePage,
  ParagraphWording,
  BoardRequest,
  BoardWritten,
} from "./bindings";

export type * from "./bindings";

/** The shell's error, plus "internal" for anything that is not one. */
export type IpcError = Omit<ShellError, "code"> & { code: ShellError["code"] | "internal" };

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/**
 * A message for any error a call can throw, whatever its code: the shell's
 * message says it, without the field path it may start with
 * ("person.full_name: a person needs a name"); the screen shows the message
 * at that field instead.
 */
export function errorText(e: unknown): string {
  if (isIpcError(e)) {
    const prefix = e.field ? `${e.field}: ` : "";
    return prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export const samplePreview = () => invoke<Preview>("sample_preview");
export const lettersList = (status: Status | null) =>
  invoke<LetterSummary[]>("letters_list", { status });
export const letterOpen = (id: number) => invoke<LetterDetail>("letter_open", { id });
/** Lay out an unsaved letter; pages and glyph outlines in `have` come back without their drawing. */
export const draftPreview = (letter: NewLetter, have: PreviewHave = { pages: [], glyphs: [], copy: 0 }) =>
  invoke<DraftPreview>("draft_preview", { letter, have });
export const letterSave = (id: number | null, letter: NewLetter) =>
  invoke<Drafted>("letter_save", { id, letter });
/** A new, unsaved letter copied from letter `id`, dated `date` (recipients and position resolved then). */
export const letterCopy = (id: number, date: string) => invoke<NewLetter>("letter_copy", { id, date });
export const letterApprove = (id: number) => invoke<null>("letter_approve", { id });
export const letterSign = (id: number) => invoke<null>("letter_sign", { id });
/** Delete a draft: kept, out of the lists, the search and the sent log until restored. */
export const letterDelete = (id: number) => invoke<null>("letter_delete", { id });
/** Bring a deleted draft back as it was. */
export const letterRestore = (id: number) => invoke<null>("letter_restore", { id });
/** The deleted drafts, the latest deleted first. */
export const lettersDeleted = () => invoke<LetterSummary[]>("letters_deleted");
/**
 * Sign an approved letter, each copy digitally with the PKCS#12 file;
 * resolves to the certificate's name and warnings for the signer (a
 * certificate about to expire). An empty password uses the one the
 * keychain keeps; `remember` keeps this one there. A certificate readers
 * would reject (expired, not yet valid, not for signing) is refused.
 */
export const letterSignDigitally = (id: number, certificate: string, password: string, remember = false) =>
  invoke<DigitallySigned>("letter_sign_digitally", { id, certificate, password, remember });
/** Whether the keychain keeps the password of this certificate file. */
export const certificatePasswordKept = (certificate: string) =>
  invoke<boolean>("certificate_password_kept", { certificate });
/** The mail server letters are e-mailed through, and whether its password is kept. */
export const mailSettings = () => invoke<MailView>("mail_settings");
/** Save the mail server; a password given is kept in the keychain (or for this session). */
export const mailSettingsSave = (settings: MailSettings, password: string | null) =>
  invoke<SecretKept | null>("mail_settings_set", { settings, password });
export const mailPasswordForget = () => invoke<null>("mail_password_forget");
/**
 * Sign in to the organization's mailbox in the system browser; resolves once
 * the browser comes back (or fails in words: "Sign in again"). An
 * administrator's `signIn` (provider and client id) is saved first.
 * `onPage` gets the sign-in page's address (and why no browser started,
 * when none did) so the window can offer it to open by hand.
 */
export function mailSignIn(signIn: SignIn | null, onPage: (p: SignInPage) => void): Promise<SignedIn> {
  const page = new Channel<SignInPage>();
  page.onmessage = onPage;
  return invoke<SignedIn>("mail_sign_in", { signIn, page });
}
/** Send a test message through the saved mail settings (to the sender when `to` is null). */
export const mailTestMessage = (to: string | null) => invoke<TestMessage>("mail_test_message", { to });
/** Stop waiting for the browser's sign-in (nothing is kept). */
export const mailSignInCancel = () => invoke<null>("mail_sign_in_cancel");
/** Forget the mailbox sign-in on this computer. */
export const mailSignOut = () => invoke<null>("mail_sign_out");
/**
 * E-mail copy `copy` of a letter (null: every copy not yet sent), reporting
 * before each message; a copy the server refuses stays unsent with its words.
 */
export function letterSendEmail(
  id: number,
  copy: number | null,
  resend: boolean,
  onProgress: (p: EmailProgress) => void,
): Promise<EmailResult[]> {
  const progress = new Channel<EmailProgress>();
  progress.onmessage = onProgress;
  return invoke<EmailResult[]>("letter_send_email", { id, copy, resend, progress });
}
/** The printers of this computer, the default first. */
export const printersList = () => invoke<Printer[]>("printers_list");
/** How many documents printing the whole letter sends: its copies, as Rust counts them. */
export const letterPrintCopies = (id: number) => invoke<number>("letter_print_copies", { id });
/** Print a letter's copies on a printer of this computer (recorded in its history). */
export const letterPrint = (request: PrintRequest) => invoke<Printed>("letter_print", { request });
/** Stock paragraphs matching every word of `search`, those on `issueId` first. */
export const paragraphsList = (search: string, issueId: number | null) =>
  invoke<Paragraph[]>("paragraphs_list", { search, issueId });
/** Add (`id` null) or change a stock paragraph; resolves to its id. */
export const paragraphSave = (id: number | null, paragraph: NewParagraph) =>
  invoke<number>("paragraph_save", { id, paragraph });
export const paragraphDelete = (id: number) => invoke<null>("paragraph_delete", { id });
/** Every committee and subcommittee, with today's size. */
export const groupsList = () => invoke<GroupInfo[]>("groups_list");
/** A group's members on `on` (the seats a letter goes to) and how a joint letter greets them. */
export const groupExpand = (group: GroupRef, on: string) => invoke<GroupExpansion>("group_expand", { group, on });
/**
 * The letter with `group`'s members on its date added (but for `leftOut`),
 * the group noted and its greeting decided by Rust.
 */
export const letterAddGroup = (letter: NewLetter, group: GroupRef, leftOut: RecipientChoice[]) =>
  invoke<WithGroup>("letter_add_group", { letter, group, leftOut });
/** The letter with its group `index` (from 0) and the members only it brought taken off. */
export const letterRemoveGroup = (letter: NewLetter, index: number) =>
  invoke<NewLetter>("letter_remove_group", { letter, index });
export const letterAddRecipient = (letter: NewLetter, recipient: RecipientChoice) =>
  invoke<NewLetter>("letter_add_recipient", { letter, recipient });
export const letterRemoveRecipient = (letter: NewLetter, index: number) =>
  invoke<NewLetter>("letter_remove_recipient", { letter, index });
/** Stop sending before the next message (the copies already sent stay sent). */
export const sendCancel = () => invoke<null>("send_cancel");
/** Write copy `copy` as an .eml draft for the mail program; nothing is marked sent. */
export const letterEmailDraft = (id: number, copy: number) => invoke<EmailDraft>("letter_email_draft", { id, copy });
/** Copy `copy`'s plain text and its office's web contact form. */
export const letterContactForm = (id: number, copy: number) =>
  invoke<ContactFormCopy>("letter_contact_form", { id, copy });
/**
 * Export a letter's copies (one file each, or one combined PDF), reporting
 * each copy; `blankSignature` leaves the space above the signer's name blank
 * (a copy to sign by hand).
 */
/** Write a letter's envelopes or address labels to `path`; how many. */
export const letterPaperExport = (id: number, choice: PaperChoice, path: string) =>
  invoke<number>("letter_paper_export", { id, choice, path });

export function letterExport(
  id: number,
  path: string,
  combined: boolean,
  onProgress: (p: ExportProgress) => void,
  blankSignature = false,
  format: ExportFormat = "pdf",
): Promise<string[]> {
  const progress = new Channel<ExportProgress>();
  progress.onmessage = onProgress;
  return invoke<string[]>("letter_export", { id, path, format, combined, blankSignature, progress });
}
/** Stop the export in progress; it then fails with code "cancelled" and writes nothing. */
export const exportCancel = () => invoke<null>("export_cancel");
export const markSent = (recipientId: number, report: SendReport) =>
  invoke<number>("mark_sent", { recipientId, report });
/** Mark every copy of a letter not yet sent as sent the one way; resolves to how many were marked. */
export const markAllSent = (letterId: number, report: SendReport) => invoke<number>("mark_all_sent", { letterId, report });
export const recordReply = (recipientId: number, on: string, notes: string, file: string | null = null) =>
  invoke<null>("record_reply", { recipientId, on, notes, file });
/** The follow-up a copy sent at `at` gets unless staff choose another (null: none). */
export const followUpDefault = (at: string) => invoke<string | null>("follow_up_default", { at });
/** The quick snooze choices for a copy ("in 1 week", "in 2 weeks") and the day each gives. */
export const followUpSnoozeChoices = (recipientId: number) =>
  invoke<SnoozeChoice[]>("follow_up_snooze_choices", { recipientId });
/** Move a copy's follow-up later: a day, or some weeks on; resolves to the new date. */
export const followUpSnooze = (recipientId: number, to: SnoozeTo) =>
  invoke<string>("follow_up_snooze", { recipientId, to });
/** Give a copy's follow-up to a staff member (a refusal names "owner"). */
export const followUpAssign = (recipientId: number, owner: string) =>
  invoke<null>("follow_up_assign", { recipientId, owner });
/** Log a call, meeting or e-mail about a copy that is not its reply (refusals name "on", "who", "notes"). */
export const copyContactLog = (recipientId: number, contact: NewContact) =>
  invoke<number>("copy_contact_log", { recipientId, contact });
/** Keep the PDF at `path` as the reply to a copy whose reply is recorded (a refusal names "file"). */
export const replyAttach = (recipientId: number, path: string) =>
  invoke<number>("reply_attach", { recipientId, path });
/** Save a copy of kept reply `id` at `path`. */
export const replyFileSave = (id: number, path: string) => invoke<null>("reply_file_save", { id, path });
/** Open kept reply `id` in the system's PDF viewer (from a private temporary copy). */
export const replyFileOpen = async (id: number) => {
  const path = await invoke<string>("reply_file_view", { id });
  await openInViewer(path);
};
/** The owners and groups the sent log filters by, and who "mine" is. */
export const sentLogChoices = () => invoke<LogChoices>("sent_log_choices");
export const sentLog = (filter: LogFilter) => invoke<LogEntry[]>("sent_log", { filter });
export const sentLogCsv = (filter: LogFilter, path: string) =>
  invoke<null>("sent_log_csv", { filter, path });
export const catalog = () => invoke<Catalog>("catalog");
export const issuesOverview = () => invoke<IssueView[]>("issues_overview");
/** People matching `filter`, a page of 200 from the `offset`-th (from 0), and how many match in all. */
export const officialsPage = (filter: string, offset = 0) =>
  invoke<OfficialsPage>("officials_list", { filter, offset });
/** People matching `filter` (the first 200). */
export const officialsList = async (filter: string): Promise<OfficialRow[]> => (await officialsPage(filter)).rows;
/** Import the congress roster from a folder, or the snapshot shipped with Amicus (null). */
export const importCongress = (dir: string | null, dryRun: boolean) =>
  invoke<ImportSummary>("import_congress", { dir, dryRun });
export const importCsv = (path: string, dryRun: boolean) =>
  invoke<CsvSummary>("import_csv", { path, dryRun });
export const importPosts = (dryRun: boolean) => invoke<ImportSummary>("import_posts", { dryRun });
export const templateCheck = (template: TemplateDraft) =>
  invoke<TemplateCheck>("template_check", { template });
export const templateSave = (template: TemplateDraft) => invoke<number>("template_save", { template });
export const personDetail = (id: number) => invoke<PersonDetail>("person_detail", { id });
export const personSave = (id: number | null, person: NewPerson) =>
  invoke<number>("person_save", { id, person });
export const personRetire = (id: number, on: string) => invoke<null>("person_retire", { id, on });
export const letterhead = () => invoke<Letterhead>("letterhead");
export const letterheadSave = (letterhead: Letterhead) => invoke<null>("letterhead_save", { letterhead });
/** Use the PDF at `path` (one or two pages) as the letterhead beneath every page; `margins` null keeps those set. */
export const letterheadFileSet = (path: string, margins: FileMargins | null) =>
  invoke<LetterheadFileView>("letterhead_file_set", { path, margins });
/** Stop using a letterhead file: letters draw the letterhead from the organization's name and address. */
export const letterheadFileRemove = () => invoke<null>("letterhead_file_remove");
export const signerAdd = (name: string, title: string | null) =>
  invoke<number>("signer_add", { name, title });
/** The signer's signature image on file, as a data URL (null: none). */
export const signerSignatureImage = (id: number) => invoke<string | null>("signer_signature_image", { id });
/** Put the PNG at `path` on file as the signer's handwritten signature; null removes it. */
export const signerSignatureSet = (id: number, path: string | null) =>
  invoke<null>("signer_signature_set", { id, path });
export const officesList = (filter: string) => invoke<OfficeRow[]>("offices_list", { filter });
export const officeDetail = (id: number) => invoke<OfficeDetail>("office_detail", { id });
export const officeAdd = (office: NewOffice) => invoke<number>("office_add", { office });
export const officeEdit = (id: number, office: NewOffice) => invoke<null>("office_edit", { id, office });
/** Retire an office on `on`, or reinstate it with null. */
export const officeRetire = (id: number, on: string | null) => invoke<null>("office_retire", { id, on });
export const termAdd = (term: NewTerm) => invoke<number>("term_add", { term });
/**
 * Add a person, the office they hold (one on record, or a new one) and their
 * term, all or nothing; resolves to the new person's id. A refusal names its
 * field ("person.full_name", "office.title", "office", "start_on", "end_on", "term").
 */
export const officialAdd = (official: NewOfficial) => invoke<number>("official_add", { official });
export const termEnd = (termId: number, on: string) => invoke<null>("term_end", { termId, on });
export const search = (text: string) => invoke<SearchHit[]>("search", { text });
export const settingsInfo = () => invoke<SettingsInfo>("settings_info");
export const backup = (path: string) => invoke<null>("backup", { path });
/** Replace the open record with the backup at `path`; resolves to where the record as it was is kept. */
export const backupRestore = (path: string) => invoke<string | null>("backup_restore", { path });
/** Today, the time zone and the follow-up default, as the organization reckons them. */
export const clock = () => invoke<ClockView>("clock");
/** A new letter's defaults: today's date, the default template and signer. */
export const letterBlank = () => invoke<NewLetter>("letter_blank");
/** The position version in force on `date`, or null when none had been adopted by then. */
export const positionInForce = (issueId: number, date: string) =>
  invoke<number | null>("position_in_force", { issueId, date });
/**
 * Adopt a new version of the position on an issue (its id or name); a
 * refusal names its field ("statement", "adopted_on", "stance").
 */
export const positionAdopt = (issue: string, position: NewPosition) =>
  invoke<Position>("position_adopt", { issue, position });
/**
 * An issue's page (its id or name): its record from `from` to `to`
 * (ISO dates; by default from January 1 of its first letter's year to
 * today) and the newsletter's position paragraph written from it.
 */
export const issuePage = (issue: string, from: string | null, to: string | null) =>
  invoke<IssuePage>("issue_page", { issue, from, to });
/** Name (or, with null, clear) the staff member who answers for an issue. */
export const issueSetContact = (issue: string, contact: string | null) =>
  invoke<Issue>("issue_set_contact", { issue, contact });
/** How the newsletter's position paragraph is worded: short name and template. */
export const paragraphWording = () => invoke<ParagraphWording>("paragraph_wording");
/** Word the paragraph (template null: the shipped one); both kept or neither. */
export const paragraphWordingSave = (shortName: string | null, template: string | null) =>
  invoke<ParagraphWording>("paragraph_wording_save", { shortName, template });
/** Write the board report to `path` (a PDF) and its rows beside it (.csv). */
export const boardReportExport = (request: BoardRequest, path: string) =>
  invoke<BoardWritten>("board_report_export", { request, path });
/** Text describing this installation, for a support request. */
export const diagnostics = () => invoke<string>("diagnostics");
export const timeZoneSave = (timeZone: string) => invoke<null>("time_zone_save", { timeZone });
/** Whether the record opened; asked before anything else is shown. */
export const startup = () => invoke<Startup>("startup");
/** Open (or create, when it does not exist) the record at `path`. */
export const recordOpen = (path: string) => invoke<null>("record_open", { path });
/** Replace the record with one of its backups, and open it. */
export const recordRestore = (backup: string) => invoke<null>("record_restore", { backup });
/** Open again the record the window started with (its team record, after an outage). */
export const recordRetry = () => invoke<null>("record_retry");
/** Which record the window works on (a team record's place, or the file) and as whom. */
export const teamStatus = () => invoke<TeamStatus>("team_status");
/** The team record's logins and their roles (refused on this computer's own record). */
export const teamUsers = () => invoke<TeamUser[]>("team_users");
/**
 * Work on a team record from now on (and at every start). Tried first: a
 * refusal (code "unavailable", or "invalid_data" naming "server",
 * "database", "user" or "ca_file") leaves the current record open. Resolves
 * to where the password is kept.
 */
export const teamConnect = (request: TeamSignIn) => invoke<SecretKept>("team_connect", { request });
/** Back to this computer's own record (now and at every start). */
export const teamLeave = () => invoke<null>("team_leave");

/**
 * Call `handler` with the kinds of record that changed, whoever changed
 * them (this window, another, the command line). Resolves to a function
 * that stops listening.
 */
export function onRecordChanged(handler: (areas: RecordArea[]) => void): Promise<() => void> {
  return listen<RecordChanged>("record-changed", (e) => handler(e.payload.areas));
}
/**
 * Call `handler` when the team record's server is lost and when it is back
 * (a `record-changed` with every area follows "back"). Resolves to a
 * function that stops listening.
 */
export function onTeamConnection(handler: (connection: TeamConnection) => void): Promise<() => void> {
  return listen<TeamConnection>("team-connection", (e) => handler(e.payload));
}
/**
 * Tell the shell the letters list is on screen (the cold-start benchmark),
 * with where the page's time went: when each file arrived and the marks the
 * UI set on the way (ms since the page began to load).
 */
export const appReady = (): Promise<null> => {
  if (!__TEST_HOOKS__) return Promise.resolve(null);
  const steps: Record<string, number> = { script: scriptStart };
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (nav) steps["html"] = nav.responseEnd;
  for (const r of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
    steps[`file ${r.name.split("/").pop() ?? r.name}`] = r.responseEnd;
  }
  for (const m of performance.getEntriesByType("mark")) steps[m.name] = m.startTime;
  return invoke<null>("app_ready", { pageMs: performance.now(), steps });
};

/** When this module was first evaluated: the bundle has loaded and runs. */
const scriptStart = __TEST_HOOKS__ ? performance.now() : 0;

/** Where the last file was saved: the save dialog opens there next time. */
export const LAST_SAVE_FOLDER = "amicus.lastSaveFolder";

/**
 * Ask where to save: the native dialog, in the folder something was last
 * saved to (on this computer), unless a test has fixed the path.
 */
export async function chooseSavePath(
  suggested: string,
  kind: { name: string; extensions: string[] },
): Promise<string | null> {
  if (__TEST_HOOKS__) {
    // AMICUS_EXPORT_PATH; a shell built without its test hooks has no such
    // command, and that means no fixed path.
    const fixed = await invoke<string | null>("export_path_override", { suggested }).catch(() => null);
    if (fixed) return fixed;
  }
  const folder = localStorage.getItem(LAST_SAVE_FOLDER);
  const defaultPath = folder ? await join(folder, suggested).catch(() => suggested) : suggested;
  const path = await save({ defaultPath, filters: [kind] });
  if (path) {
    // A folder that cannot be worked out is simply not remembered.
    const chosen = await dirname(path).catch(() => null);
    if (chosen) localStorage.setItem(LAST_SAVE_FOLDER, chosen);
  }
  return path;
}

/**
 * The native open dialog for one file of `kind`, unless a test has fixed
 * the file (AMICUS_OPEN_PATH).
 */
async function openOne(kind: { name: string; extensions: string[] }): Promise<string | null> {
  if (__TEST_HOOKS__) {
    const fixed = await invoke<string | null>("open_path_override", { extensions: kind.extensions }).catch(() => null);
    if (fixed) return fixed;
  }
  const picked = await open({ multiple: false, filters: [kind] });
  return typeof picked === "string" ? picked : null;
}

/** Ask for a reply's PDF. */
export async function choosePdf(): Promise<string | null> {
  return openOne({ name: "PDF", extensions: ["pdf"] });
}

/** Ask for a CSV file (officials to import). */
export async function chooseCsv(): Promise<string | null> {
  return openOne({ name: "CSV", extensions: ["csv"] });
}

/** Ask for a PNG image (the letterhead's logo). */
export async function choosePng(): Promise<string | null> {
  return openOne({ name: "PNG image", extensions: ["png"] });
}

/** Ask for the organization's CA certificate (PEM). */
export async function choosePem(): Promise<string | null> {
  return openOne({ name: "CA certificate (PEM)", extensions: ["pem", "crt"] });
}
/** Ask for a signing certificate (a PKCS#12 file). */
export async function chooseCertificate(): Promise<string | null> {
  return openOne({ name: "Certificate (PKCS#12)", extensions: ["p12", "pfx"] });
}

/** Ask for an existing record (an Amicus database). */
export async function chooseDatabase(): Promise<string | null> {
  return openOne({ name: "Amicus database", extensions: ["db"] });
}

/** Ask where to create a new record. */
export async function chooseNewDatabase(): Promise<string | null> {
  return save({ defaultPath: "amicus.db", filters: [{ name: "Amicus database", extensions: ["db"] }] });
}

/** Ask for a folder (the congress roster). */
export async function chooseFolder(): Promise<string | null> {
  const picked = await open({ directory: true, multiple: false });
  return typeof picked === "string" ? picked : null;
}

/**
 * Show a file in the system viewer. The system's launcher fails in its own
 * terms ("gio open … failed with ExitStatus(…)"); the user is told what it
 * means and what to do instead.
 */
export async function openInViewer(path: string): Promise<void> {
  try {
    await openPath(path);
  } catch {
    const name = path.split(/[\\/]/).pop() ?? path;
    throw new Error(
      `no program on this computer would show ${name} (is a PDF viewer installed?); use "Save a copy…" and open it from there`,
    );
  }
}
/** Open a web page (an office's contact form) in the browser. */
export const openWebPage = (url: string) => openUrl(url);
