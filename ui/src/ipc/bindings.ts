// Generated from the Rust types by src-tauri/src/bindings.rs (`make bindings`).
// Do not edit by hand.

export type ErrorCode = "invalid_data" | "template" | "typeset" | "io" | "not_found" | "conflict" | "database" | "damaged" | "unavailable" | "cancelled" | "denied" | "sign_in";

export type IpcError = { code: ErrorCode, message: string, field?: string, };

export type Preview = { title: string, pages: Array<string>, };

export type SettingsInfo = { db_path: string, organization: string, schema_version: number, 
/**
 * The organization's time zone (IANA name), which decides "today".
 */
time_zone: string, 
/**
 * The zone is the one saved in the record; false: none is saved, and
 * `time_zone` is this computer's own.
 */
time_zone_saved: boolean, 
/**
 * The folder of the desktop app's daily log files.
 */
log_dir: string, 
/**
 * Amicus's version ([`crate::VERSION`]).
 */
version: string, };

export type ExportProgress = { done: number, total: number, };

export type ExportFormat = "pdf" | "docx";

export type PaperChoice = { "kind": "envelopes", "name": string } | { "kind": "labels", "name": string };

export type Status = "draft" | "approved" | "signed" | "sent";

export type LetterMode = "joint" | "per_recipient";

export type Role = "to" | "cc";

export type Method = "mail" | "email" | "fax" | "hand" | "portal";

export type OfficeKind = "cabinet_secretary" | "trade_representative" | "senator" | "representative" | "governor" | "foreign_minister" | "agency_head" | "other";

export type Stance = "support" | "oppose" | "neutral" | "monitor";

export type Person = { id: number, full_name: string, family_name: string, honorific: string | null, salutation: string | null, email: string | null, retired_on: string | null, };

export type Office = { id: number, title: string, short_name: string | null, organization: string | null, kind: OfficeKind, single_holder: boolean, 
/**
 * Mailing address, one line per entry.
 */
address: Array<string>, retired_on: string | null, 
/**
 * Where the office takes letters by e-mail.
 */
email: string | null, 
/**
 * The office's web contact form, for offices that take no e-mail.
 */
contact_form: string | null, };

export type Issue = { id: number, name: string, summary: string, 
/**
 * The person on the team who answers for the issue (a staff name).
 */
staff_contact: string | null, };

export type Position = { id: number, issue_id: number, issue: string, version: number, stance: Stance, adopted_on: string, statement: string, rationale: string, };

export type Signer = { id: number, name: string, title: string | null, 
/**
 * A handwritten signature image is on file, drawn on letters they sign.
 */
has_signature: boolean, };

export type Addressee = { "by": "office", "id": number } | { "by": "person", "id": number };

export type RecipientChoice = { role: Role, to: Addressee, };

export type LetterExtra = { 
/**
 * Free cc lines ("Members of the Ohio Congressional Delegation").
 */
cc: Array<string>, enclosures: Array<string>, fields: Record<string, unknown>, paper: "letter" | "a4" | null, 
/**
 * The letter this one was copied from ("Copy as new letter").
 */
copied_from?: number, 
/**
 * The groups the recipients came from, as they stood on the letter's date.
 */
groups: Array<GroupNote>, 
/**
 * The stock paragraphs inserted into the body, by id (their source).
 */
paragraphs: Array<number>, 
/**
 * A joint letter's greeting in place of the template's (a committee's).
 */
salutation?: string, 
/**
 * The letter's language (a BCP 47 tag; en-US when not given): its
 * PDF's, what a screen reader reads it in.
 */
lang?: string, 
/**
 * The position version staff chose to quote on purpose although a
 * newer one is in force on the letter's date (its id; "Keep version N").
 */
kept_position?: number, };

export type NewLetter = { 
/**
 * Template id ("joint-support"); its newest version is used.
 */
template: string, 
/**
 * The position version the letter expresses.
 */
position_id: number | null, signer_id: number, date: string, subject: string, body: string, mode: LetterMode, recipients: Array<RecipientChoice>, extra: LetterExtra, };

export type Drafted = { letter_id: number, warnings: Array<string>, };

export type DigitallySigned = { 
/**
 * The certificate's name ("Jordan A. Whitfield").
 */
signer: string, 
/**
 * Said to the signer: the certificate expires soon.
 */
warnings: Array<string>, 
/**
 * The last day the certificate signs (its notAfter, UTC).
 */
valid_until: string, };

export type SendReport = { method: Method, 
/**
 * When it went, as the person sending says; now by the app's clock
 * when not said.
 */
at: string | null, confirmation: string | null, 
/**
 * When to follow the copy up: by default the organization's interval
 * after the day it went ([`App::default_follow_up`]).
 */
follow_up: FollowUp, };

export type FollowUp = { "kind": "default" } | { "kind": "none" } | { "kind": "on", "on": string };

export type LetterSummary = { id: number, date: string, subject: string, status: Status, mode: LetterMode, issue: string | null, 
/**
 * The addressees as named on the letter ("Wilbur Ross (Secretary of Commerce)").
 */
recipients: Array<string>, 
/**
 * How the list names them: a group by its label ("Senate Committee on
 * Finance"), not its 27 members, then anyone added by hand ("and 1
 * other"); the addressees themselves when no group was used.
 */
addressed_to: Array<string>, revision_of: number | null, updated_at: string, 
/**
 * Tracked copies (addressees and cc) and how many have been sent: a
 * letter whose first copy went out is "sent" (its text is fixed) but
 * only partly delivered until `copies_sent == copies`.
 */
copies: number, copies_sent: number, 
/**
 * When the draft was deleted (Letters, Deleted letters, where it can
 * be restored); None for a letter that is not deleted.
 */
deleted_at: string | null, 
/**
 * Who deleted it: a team record's login; None on a single-user file.
 */
deleted_by: string | null, };

export type RecipientView = { id: number, 
/**
 * The copy's number on the letter (1, 2, …), as the CLI names it.
 */
number: number, role: Role, 
/**
 * The person, or None for an office with no holder on record on the letter's date.
 */
name: string | null, office: string | null, method: Method | null, sent_at: string | null, confirmation: string | null, follow_up_on: string | null, reply_on: string | null, reply_notes: string | null, 
/**
 * Where the copy can go besides the post.
 */
reach: Reach, 
/**
 * Who follows the copy up.
 */
owner: string | null, 
/**
 * Calls, meetings and e-mails about the copy that are not its reply,
 * in the order they happened.
 */
contacts: Array<CopyContact>, 
/**
 * The reply as a PDF, the newest kept.
 */
reply_file: ReplyFile | null, 
/**
 * What happened to this copy, oldest first: sent, followed up,
 * snoozed, reassigned, replied, a reply attached; with who and when.
 */
history: Array<Event>, };

export type LetterDetail = { summary: LetterSummary, 
/**
 * The letter as the form edits it (recipients as chosen: by office or person).
 */
draft: NewLetter, recipients: Array<RecipientView>, 
/**
 * The letter is drawn with its signer's signature (signed with an
 * image on file): exporting a copy to sign by hand is then a choice.
 */
signature_drawn: boolean, 
/**
 * Who drafted, approved, signed and first sent it, and when: "Drafted
 * by dana, approved by avery on …". On a single-user file `by` is None.
 */
steps: Array<WorkflowStep>, };

export type InkLine = { color: string, scale: number, glyphs: Array<number>, };

export type PageDrawing = { 
/**
 * Page size in points.
 */
width: number, height: number, overlay: string, lines: Array<InkLine>, };

export type PreviewPage = { key: string, drawing: PageDrawing | null, };

export type GlyphDef = { id: number, d: string, };

export type PreviewHave = { pages: Array<string>, glyphs: Array<number>, 
/**
 * The saved letter the form shows, unchanged (none: a new letter, or
 * unsaved changes, which saving makes a draft). Once it is approved its
 * pages lose the draft band; once signed they are drawn with the
 * signature it was signed with.
 */
saved_letter?: number, 
/**
 * Which copy of a letter per recipient to lay out (0 for the first;
 * one past the last is the last).
 */
copy: number, };

export type DraftPreview = { pages: Array<PreviewPage>, 
/**
 * Outlines of the glyphs the pages use that the caller did not have;
 * each page's `<use href="#id">` refers to them.
 */
glyphs: Array<GlyphDef>, warnings: Array<string>, 
/**
 * How each addressee resolves on the letter's date, in order.
 */
resolved: Array<string>, 
/**
 * Fields the template needs that the letter does not have yet
 * ("subject", "body", "position.statement"): an unfinished letter,
 * not an error. The pages are empty until they are filled in.
 */
missing: Array<string>, 
/**
 * How each copy greets its addressees ("Dear Senator Cantwell:"):
 * one for a joint letter, one a copy for a letter per recipient.
 */
greetings: Array<string>, 
/**
 * The copy the pages are of (0-based; the one asked for, or the last).
 */
copy: number, };

export type TemplateInfo = { key: string, name: string, description: string, builtin: boolean, version: number, source: string, };

export type TemplateDraft = { 
/**
 * Its id ("my-support"); saving again under the same id adds a version.
 */
key: string, 
/**
 * The template it was copied from, whose paper, margins and required
 * fields it keeps ("comment-rule"; its own id once saved).
 */
base: string, name: string, description: string, source: string, };

export type TemplateProblem = { line: number | null, column: number | null, location: string, message: string, };

export type TemplateCheck = { problems: Array<TemplateProblem>, pages: Array<string>, };

export type LetterRef = { id: number, date: string, subject: string, status: Status, };

export type PositionView = { position: Position, letters: Array<LetterRef>, };

export type IssueView = { issue: Issue, 
/**
 * Newest version first.
 */
positions: Array<PositionView>, };

export type IssuePage = { record: IssueRecord, paragraph: PositionParagraph, };

export type IssueRecord = { issue: Issue, from: string, to: string, 
/**
 * The day overdue is counted as of.
 */
as_of: string, 
/**
 * Every version of the position, oldest first (the timeline).
 */
positions: Array<Position>, 
/**
 * The letters dated in the range, oldest first.
 */
letters: Array<RecordLetter>, numbers: RecordNumbers, };

export type RecordLetter = { id: number, date: string, subject: string, status: Status, position_version: number, 
/**
 * The groups it went to ("Senate Committee on Finance").
 */
groups: Array<string>, copies: Array<RecordCopy>, };

export type RecordCopy = { id: number, role: Role, person: string | null, office: string | null, group: OfficeGroup, 
/**
 * None while the copy has not gone.
 */
method: Method | null, 
/**
 * The day it went, in the organization's time zone.
 */
sent_on: string | null, reply_on: string | null, days_to_reply: number | null, follow_up_on: string | null, owner: string | null, 
/**
 * Its follow-up day is before the record's "as of" day and no reply came.
 */
overdue: boolean, };

export type RecordNumbers = { 
/**
 * Every month of the range, oldest first.
 */
months: Array<MonthRow>, 
/**
 * Executive, Senate, House, committee, foreign (and other, when any).
 */
replies: Array<GroupReplies>, 
/**
 * By owner's name; the unowned last.
 */
follow_ups: Array<OwnerFollowUps>, };

export type MonthRow = { 
/**
 * "2017-09".
 */
month: string, letters: number, copies: MethodCounts, };

export type MethodCounts = { mail: number, email: number, fax: number, hand: number, portal: number, };

export type GroupReplies = { group: OfficeGroup, 
/**
 * Copies sent.
 */
sent: number, replies: number, 
/**
 * Median days from sending to the reply (None without replies).
 */
median_days: number | null, 
/**
 * The bar's name ("Executive"), as the window and the PDF write it.
 */
label: string, 
/**
 * Its numbers in words: "2 of 3 replied; median 10 days", "none sent".
 */
note: string, };

export type OwnerFollowUps = { 
/**
 * None: nobody owns them.
 */
owner: string | null, 
/**
 * Due on or after the "as of" day.
 */
due: number, 
/**
 * Due before it.
 */
overdue: number, 
/**
 * The bar's name: the owner, or "No owner".
 */
label: string, 
/**
 * "1 overdue, 2 due".
 */
note: string, };

export type OfficeGroup = "executive" | "senate" | "house" | "committee" | "foreign" | "other";

export type PositionParagraph = { text: string, markdown: string, html: string, };

export type ParagraphWording = { 
/**
 * How the organization is named in a sentence ("the Chamber"); None:
 * by its full name.
 */
short_name: string | null, 
/**
 * The handlebars template the paragraph is written by.
 */
template: string, 
/**
 * Whether that is the template Amicus ships.
 */
shipped: boolean, };

export type BoardRequest = { from: string, to: string, 
/**
 * Issues by name or id; at least one.
 */
issues: Array<string>, 
/**
 * The day overdue is counted as of (today when None).
 */
as_of: string | null, };

export type BoardWritten = { pdf: string, 
/**
 * The rows written beside it (.csv, .xlsx).
 */
rows: Array<string>, 
/**
 * Those of the rows that replaced a file of the same name, said so.
 */
replaced: Array<string>, pages: number, };

export type Catalog = { templates: Array<TemplateInfo>, issues: Array<IssueView>, signers: Array<Signer>, offices: Array<Office>, 
/**
 * The states and territories with seats in Congress (delegations).
 */
states: Array<UsState>, 
/**
 * The languages a letter is offered in (its PDF's language, what a
 * screen reader reads it in); any other well-formed tag is taken too.
 */
languages: Array<Language>, 
/**
 * The language of a letter that names none (`letters::compose::DEFAULT_LANG`):
 * choosing it is naming none.
 */
default_language: string, };

export type UsState = { name: string, code: string, };

export type Language = { tag: string, name: string, };

export type Printer = { name: string, 
/**
 * The system's default printer.
 */
default: boolean, };

export type PrintRequest = { letter_id: number, 
/**
 * One copy (its number in the letter); none: every copy.
 */
copy: number | null, 
/**
 * The printer; none: the system's default.
 */
printer: string | null, 
/**
 * How many of each (1 to 99).
 */
copies: number, 
/**
 * Both sides of the sheet (long edge).
 */
two_sided: boolean, 
/**
 * The tray to take paper from (the printer's own name for it:
 * "Tray2", "Manual"); none: the printer's choice.
 */
tray: string | null, 
/**
 * Every copy in one job (one stack out of the printer) instead of one
 * job per copy.
 */
one_job: boolean, };

export type Printed = { printer: string, 
/**
 * The print service's job ids ("Trade-4F-12"), one per job.
 */
jobs: Array<string>, 
/**
 * Letters printed: files × copies of each.
 */
sheets_of: number, };

export type OfficialRow = { person: Person, office: string | null, office_id: number | null, 
/**
 * The term's end date, if any.
 */
until: string | null, 
/**
 * What `until` is on the list's day: scheduled, or ended (none: no office).
 */
term_end: TermEnd | null, };

export type OfficialsPage = { rows: Array<OfficialRow>, total: number, };

export type LogFilter = { issue_id: number | null, person_id: number | null, office_id: number | null, status: Status | null, 
/**
 * Letters dated on or after this day.
 */
from: string | null, 
/**
 * Letters dated on or before this day.
 */
to: string | null, 
/**
 * Only copies whose follow-up was due on or before this day and got no reply.
 */
follow_up_due: string | null, 
/**
 * At most this many rows (newest first); 0 means 500.
 */
limit: number, 
/**
 * Also list copies not sent yet (drafts, approved and signed letters):
 * the sent log shows what went out unless asked for more, or for a
 * letter status.
 */
include_unsent: boolean, 
/**
 * Only copies sent this way.
 */
method: Method | null, 
/**
 * Only copies that got a reply (true) or did not (false).
 */
replied: boolean | null, 
/**
 * Only copies whose follow-up is this staff member's (any case).
 */
owner: string | null, 
/**
 * Only the session's own follow-ups: on a team record those owned by
 * its login; on a single-user file, those assigned to nobody else.
 */
mine: boolean, 
/**
 * Only letters sent to this group: its label ("Senate Committee on
 * Finance"), a committee's code ("SSFI") or a saved list's name, in
 * any case.
 */
group: string | null, 
/**
 * Only copies to someone whose name, or whose office's title or short
 * name, holds every word typed ("kamala harris", "ustr"), as the
 * Recipient box reads before a person is picked.
 */
recipient: string | null, 
/**
 * The next page: the copies after this one (the last of the page
 * before) in the log's order. Keyset paging, so a page costs the same
 * however far down the log it is, and a copy sent meanwhile neither
 * repeats a row nor pushes one off the page.
 */
after: LogCursor | null, };

export type LogCursor = { date: string, letter_id: number, 
/**
 * The copy's place among the letter's recipients.
 */
ord: number, };

export type LogEntry = { 
/**
 * The follow-up's day has passed and no reply came.
 */
overdue: boolean, letter_id: number, recipient_id: number, date: string, subject: string, status: Status, issue: string | null, 
/**
 * None when the letter went to an office with no holder on record.
 */
person: string | null, office: string | null, role: Role, method: Method | null, sent_at: string | null, confirmation: string | null, follow_up_on: string | null, reply_on: string | null, reply_notes: string | null, 
/**
 * Who follows the copy up.
 */
owner: string | null, 
/**
 * Calls, meetings and e-mails logged on the copy, and the latest of them.
 */
contacts: number, last_contact: LastContact | null, 
/**
 * How many times its follow-up was put off.
 */
snoozes: number, 
/**
 * The copy's place among the letter's recipients (the log lists a
 * letter's copies in this order).
 */
ord: number, };

export type LastContact = { on: string, kind: ContactKind, 
/**
 * The official's side ("Jane Roe, trade counsel"); empty when not said.
 */
who: string, };

export type SearchHit = { 
/**
 * letter, person, office, position or committee.
 */
kind: string, id: number, title: string, 
/**
 * The matching text with the match in [brackets].
 */
snippet: string, 
/**
 * What the hit is, beyond its title: for a person, the office held
 * ("U.S. Senator for California (2017–2021)"). Filled by the app.
 */
detail: string | null, };

export type ImportSummary = { added: number, updated: number, 
/**
 * Terms closed because their holder is no longer on the roster.
 */
ended: number, offices_added: number, offices_updated: number, terms_added: number, terms_updated: number, 
/**
 * District offices added, changed or removed.
 */
local_offices_changed: number, 
/**
 * Committees added, renamed or retired.
 */
committees_changed: number, 
/**
 * Committee memberships begun, changed or ended.
 */
memberships_changed: number, 
/**
 * What was left alone, and why.
 */
skipped: Array<string>, 
/**
 * Who comes: people new to the record, by name.
 */
arrivals: Array<string>, 
/**
 * Who leaves: "Laphonza R. Butler, U.S. Senator for California".
 */
departures: Array<string>, 
/**
 * Who changes, and what: "Mike Crapo: party, salutation".
 */
changes: Array<string>, 
/**
 * The import changes nothing in the record ([`ImportSummary::changed_nothing`],
 * as the import found it; what it left alone may still be listed in `skipped`).
 */
changes_nothing: boolean, };

export type NewPerson = { full_name: string, 
/**
 * Derived from the last word of the full name when empty.
 */
family_name: string, honorific: string | null, salutation: string | null, email: string | null, };

export type NewOfficial = { person: NewPerson, office_id: number | null, office: NewOffice | null, start_on: string, end_on: string | null, acting: boolean, };

export type NewPosition = { stance: Stance, 
/**
 * The day it was adopted; the app makes it today when not said, and
 * the record refuses a position without one.
 */
adopted_on: string | null, statement: string, rationale: string, };

export type LocalOffice = { 
/**
 * Stable key from the roster ("A000055-cullman").
 */
key: string, city: string, address: Array<string>, phone: string | null, fax: string | null, };

export type TermView = { term_id: number, office: string, start_on: string, end_on: string | null, 
/**
 * What `end_on` is today: scheduled, or ended.
 */
term_end: TermEnd, acting: boolean, };

export type TermEnd = "open" | "scheduled" | "ended" | "last_listed";

export type PersonDetail = { person: Person, terms: Array<TermView>, local_offices: Array<LocalOffice>, };

export type Letterhead = { name: string, unit: string | null, address: Array<string>, phone: string | null, website: string | null, 
/**
 * A PNG file; on save it is copied beside the database under a name
 * made from its contents, so letters already sent keep their logo.
 */
logo: string | null, 
/**
 * The letterhead file in use ([`App::set_letterhead_file`]), which
 * replaces the letterhead drawn from the fields above. On save, only
 * its margins are taken from the form.
 */
file: LetterheadFileView | null, };

export type LetterheadFileView = { 
/**
 * The file's name as it was chosen.
 */
name: string, sha256: string, 
/**
 * 1 (the first page only) or 2 (then the continuation pages').
 */
pages: number, 
/**
 * "letter" or "a4".
 */
paper: string, bytes: number, 
/**
 * The letter's margins in points, keeping it clear of the letterhead.
 */
margins: FileMargins, 
/**
 * Why letters on it cannot be archival PDF/A files ("its fonts are not
 * embedded (Helvetica)"); empty when they can.
 */
not_archival: Array<string>, };

export type FileMargins = { top: number, right: number, bottom: number, left: number, };

export type CsvSummary = { persons_added: number, offices_added: number, terms_added: number, 
/**
 * The file adds nothing the record does not have.
 */
changes_nothing: boolean, };

export type NewOffice = { title: string, short_name: string | null, organization: string | null, kind: OfficeKind, single_holder: boolean, address: Array<string>, email: string | null, contact_form: string | null, };

export type NewTerm = { person_id: number, office_id: number, start_on: string, end_on: string | null, acting: boolean, 
/**
 * The mailing address for this term (a member's rooms), lines; empty:
 * not known, the office's is used. Editing a term keeps its address
 * when none is given.
 */
address: Array<string>, };

export type OfficeRow = { office: Office, 
/**
 * The office's title as staff say it (a Senate seat without its
 * class: "U.S. Senator for California"); `office.title` is the
 * record's own, for a tooltip.
 */
label: string, holder: string | null, };

export type HolderView = { term_id: number, person_id: number, person: string, start_on: string, end_on: string | null, acting: boolean, };

export type OfficeDetail = { office: Office, 
/**
 * The title as staff say it (see [`OfficeRow::label`]).
 */
label: string, 
/**
 * A Senate seat's class (1, 2 or 3), for the office's details.
 */
senate_class: number | null, holders: Array<HolderView>, };

export type ClockView = { today: string, time_zone: string, 
/**
 * The last day of this week ([`App::end_of_week`]): what "due this
 * week" counts up to.
 */
end_of_week: string, };

export type RecordArea = "letters" | "officials" | "positions" | "templates" | "settings";

export type RecordChanged = { areas: Array<RecordArea>, };

export type OpenFailure = { message: string, db_path: string, 
/**
 * Backups of this record found beside it (the automatic ones taken
 * before each upgrade), newest first.
 */
backups: Array<string>, 
/**
 * The team record that could not be reached ("postgres://dana@db/amicus"):
 * the window offers to try again or to use the local record.
 */
team: string | null, };

export type Startup = { "state": "ready" } | { "state": "failed" } & OpenFailure;

export type Reach = { 
/**
 * The person's own address first, else the office's.
 */
email: string | null, contact_form: string | null, };

export type MailSecurity = "starttls" | "tls";

export type MailSettings = { 
/**
 * The server's host name ("smtp.office365.com").
 */
server: string, port: number, security: MailSecurity, 
/**
 * The login, when the server asks for one (usually the sender's address).
 */
username: string | null, 
/**
 * The address letters are sent from, and replies go to.
 */
from_address: string, 
/**
 * The name shown with it ("Washington Chamber of Commerce").
 */
from_name: string | null, 
/**
 * A PEM file with the organization's own certificate authority, for a
 * server whose certificate the system does not know.
 */
ca_file: string | null, 
/**
 * How messages are handed over: SMTP (the server above), Microsoft
 * Graph or the Gmail API (those two need `sign_in`).
 */
handover: Handover, 
/**
 * Signing in with the organization's mailbox provider instead of a
 * password (SMTP then uses XOAUTH2); each person signs in as themselves.
 */
sign_in: SignIn | null, 
/**
 * The mail API's address when it is not the public one
 * (https://graph.microsoft.com/v1.0, https://gmail.googleapis.com):
 * a national cloud such as graph.microsoft.us.
 */
api_url: string | null, };

export type UsualPorts = { starttls: number, tls: number, };

export type Provider = "microsoft" | "google" | "oidc";

export type Handover = "smtp" | "graph" | "gmail";

export type SignIn = { provider: Provider, 
/**
 * The application (client) id of the registration.
 */
client_id: string, 
/**
 * Google's desktop-app registrations come with a "secret" Google
 * itself says is not one (it ships in every copy of the app); the
 * token endpoint still asks for it. Other providers: none.
 */
client_secret: string | null, 
/**
 * Microsoft: the directory (tenant) id or domain; none: any work account
 * ("organizations").
 */
tenant: string | null, 
/**
 * oidc: the issuer's address (its discovery document is read from
 * `ISSUER/.well-known/openid-configuration`).
 */
issuer: string | null, };

export type MailView = { 
/**
 * None until someone sets the mail server up.
 */
settings: MailSettings | null, 
/**
 * A password is kept for the login (in the keychain or this session).
 */
password_kept: boolean, 
/**
 * Who is signed in to the organization's mailbox on this computer
 * (with a sign-in chosen); None: no one yet, or the sign-in was removed.
 */
signed_in_as: string | null, 
/**
 * Only the sender is set up (no mail server, no sign-in): enough for
 * `.eml` drafts, not to send (`MailSettings::drafts_only`).
 */
drafts_only: boolean, 
/**
 * The port each kind of connection usually uses, which the form
 * offers when the security changes.
 */
usual_ports: UsualPorts, };

export type SecretKept = "keychain" | "this_session";

export type SignedIn = { 
/**
 * The person's address as the provider gave it.
 */
user: string, kept: SecretKept, };

export type EmailProgress = { done: number, total: number, next: string, };

export type SignInPage = { url: string, browser_error: string | null, };

export type TestMessage = { to: string, message_id: string, };

export type EmailOutcome = { "kind": "sent", message_id: string, at: string, } | { "kind": "resent", message_id: string, at: string, } | { "kind": "refused", reason: string, } | { "kind": "no_address" } | { "kind": "not_tried", reason: string, };

export type EmailResult = { recipient_id: number, number: number, name: string, address: string | null, outcome: EmailOutcome, };

export type EmailDraft = { path: string, address: string, message_id: string, };

export type ContactFormCopy = { url: string, text: string, };

export type Chamber = "senate" | "house";

export type GroupRef = { "kind": "committee", code: string, leaders_only: boolean, } | { "kind": "delegation", state: string, chamber: Chamber | null, } | { "kind": "list", name: string, } | { "kind": "chamber", chamber: Chamber, };

export type GroupNote = { group: GroupRef, label: string, members: number, };

export type GroupMember = { name: string, 
/**
 * "Chairman", "Ranking Member": the member's place in the group.
 */
role: string | null, choice: RecipientChoice, };

export type GroupExpansion = { 
/**
 * "Senate Committee on Finance", "the California delegation".
 */
label: string, on: string, members: Array<GroupMember>, 
/**
 * For a joint letter: "Dear Chairman Crapo, Ranking Member Wyden and
 * Members of the Committee:". None where the addressees' own do.
 */
salutation: string | null, 
/**
 * Members on the group whose seat the record does not know on the day.
 */
warnings: Array<string>, };

export type GroupInfo = { group: GroupRef, 
/**
 * The group as staff type it ("SSFI", "list:Trade caucus").
 */
code: string, label: string, 
/**
 * How many are in it today.
 */
members: number, };

export type WithGroup = { letter: NewLetter, warnings: Array<string>, };

export type Paragraph = { id: number, title: string, body: string, issue_id: number | null, 
/**
 * The issue's name, for lists.
 */
issue: string | null, tags: Array<string>, };

export type NewParagraph = { title: string, body: string, issue_id: number | null, tags: Array<string>, };

export type TeamRole = "drafter" | "approver" | "signer" | "admin";

export type TeamSession = { 
/**
 * The PostgreSQL login; None on a single-user file.
 */
user: string | null, roles: Array<TeamRole>, };

export type TeamStatus = { 
/**
 * A team record's place ("dana@db.example.org/amicus"); None on a file.
 */
team: string | null, 
/**
 * The file, for a single-user record.
 */
file: string | null, session: TeamSession, };

export type TeamUser = { name: string, roles: Array<TeamRole>, };

export type TeamSignIn = { 
/**
 * The server's name or address, with its port when not 5432.
 */
server: string, database: string, user: string, password: string, 
/**
 * The organization's CA certificate (PEM), if its server needs one.
 */
ca_file: string | null, 
/**
 * Keep the password in the system keychain (else only until Amicus closes).
 */
remember: boolean, };

export type TeamConnection = { "state": "lost", message: string, } | { "state": "back" };

export type WorkflowStep = { kind: EventKind, 
/**
 * The login that took the step (a team record's session user).
 */
by: string | null, at: string, };

export type EventKind = "created" | "edited" | "approved" | "signed" | "exported" | "sent" | "followed_up" | "replied" | "snoozed" | "assigned" | "reply_attached" | "printed" | "deleted" | "restored";

export type SnoozeTo = { "kind": "date", "value": string } | { "kind": "weeks", "value": number };

export type SnoozeChoice = { weeks: number, on: string, };

export type LogChoices = { 
/**
 * Staff names follow-ups are assigned to.
 */
owners: Array<string>, 
/**
 * Labels of the groups letters were sent to.
 */
groups: Array<string>, 
/**
 * The session's login on a team record (None on a single-user file).
 */
me: string | null, };

export type ContactKind = "call" | "meeting" | "email" | "other";

export type NewContact = { 
/**
 * The day it happened; today (the day `log_contact` is given) when not said.
 */
on: string | null, kind: ContactKind, who: string, notes: string, };

export type CopyContact = { id: number, letter_id: number, recipient_id: number, on: string, kind: ContactKind, 
/**
 * The official's side: "Jane Roe, trade counsel".
 */
who: string, notes: string, 
/**
 * When it was logged, and by whom (a team record's login).
 */
at: string, actor: string | null, };

export type Event = { id: number, letter_id: number, recipient_id: number | null, kind: EventKind, at: string, detail: string, 
/**
 * The login that did it, on a team record.
 */
actor: string | null, };

export type ReplyFile = { id: number, letter_id: number, recipient_id: number, file_name: string, 
/**
 * Bytes.
 */
size: number, sha256: string, at: string, actor: string | null, };
