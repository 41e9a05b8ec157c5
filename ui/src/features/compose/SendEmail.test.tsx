import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Copies } from "./Copies";
import { blankLetter, clockView, letters, nth, renderWithQuery } from "../../test/fixtures";
import type { EmailProgress, EmailResult, LetterDetail, MailView, RecipientView } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  clock: vi.fn(),
  mailSettings: vi.fn(),
  letterSendEmail: vi.fn(),
  sendCancel: vi.fn(),
  exportCancel: vi.fn(),
  letterEmailDraft: vi.fn(),
  letterContactForm: vi.fn(),
  openInViewer: vi.fn(),
  openWebPage: vi.fn(),
  markSent: vi.fn(),
  mailSignIn: vi.fn(),
}));
import * as ipc from "../../ipc";

const copy = (over: Partial<RecipientView>): RecipientView => ({
  id: 1,
  number: 1,
  role: "to",
  name: "Wilbur Ross",
  office: "Secretary of Commerce",
  method: null,
  sent_at: null,
  confirmation: null,
  follow_up_on: null,
  reply_on: null,
  reply_notes: null,
  reach: { email: "secretary@commerce.example", contact_form: null },
  owner: null,
  contacts: [],
  reply_file: null,
  history: [],
  ...over,
});

const signed: LetterDetail = {
  summary: { ...nth(letters, 1), status: "signed", copies: 3, copies_sent: 0 },
  draft: { ...blankLetter, date: "2017-09-20" },
  recipients: [
    copy({}),
    copy({ id: 2, number: 2, name: "Robert E. Lighthizer", office: "USTR", reach: { email: "ambassador@ustr.example", contact_form: null } }),
    copy({ id: 3, number: 3, name: "Maria Cantwell", office: "U.S. Senator", reach: { email: null, contact_form: "https://cantwell.example/contact" } }),
  ],
  signature_drawn: true,
  steps: [],
};

const server: MailView = {
  settings: {
    server: "smtp.lakeshore.example",
    port: 587,
    security: "starttls",
    username: "trade",
    from_address: "trade@lakeshore.example",
    from_name: "Lakeshore Chamber",
    ca_file: null,
    handover: "smtp",
    sign_in: null,
    api_url: null,
  },
  password_kept: true,
  usual_ports: { starttls: 587, tls: 465 },
  signed_in_as: null,
  drafts_only: false,
};

const result = (over: Partial<EmailResult>): EmailResult => ({
  recipient_id: 1,
  number: 1,
  name: "Wilbur Ross",
  address: "secretary@commerce.example",
  outcome: { kind: "sent", message_id: "<amicus.2.1@lakeshore.example>", at: "2017-09-20T15:00:00Z" },
  ...over,
});

describe("Sending by email", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.mailSettings).mockResolvedValue(server);
  });

  it("sends every unsent copy, shows progress, and what became of each copy in the server's words", async () => {
    let report: ((p: EmailProgress) => void) | undefined;
    let finish: ((r: EmailResult[]) => void) | undefined;
    vi.mocked(ipc.letterSendEmail).mockImplementation((_id, _copy, _resend, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(screen.getByRole("button", { name: "Send all by email…" }));
    const dialog = screen.getByRole("dialog", { name: "Send by email" });
    await within(dialog).findByText(/through smtp\.lakeshore\.example:587/);
    const list = within(dialog).getByRole("list", { name: "Copies to send" });
    expect(list.textContent).toContain("ambassador@ustr.example");
    expect(list.textContent).toContain("Maria Cantwell, U.S. Senator — no e-mail address on record");
    // Two of the three copies have an address.
    await userEvent.click(within(dialog).getByRole("button", { name: "Send 2 messages" }));
    expect(ipc.letterSendEmail).toHaveBeenCalledWith(2, null, false, expect.any(Function));
    report?.({ done: 1, total: 3, next: "Robert E. Lighthizer" });
    expect(await within(dialog).findByText("Sending 2 of 3: Robert E. Lighthizer")).toBeTruthy();
    // Stopping is asked for between messages.
    await userEvent.click(within(dialog).getByRole("button", { name: "Stop after this message" }));
    expect(ipc.sendCancel).toHaveBeenCalled();
    // Its own stop: an export going on meanwhile is not stopped.
    expect(ipc.exportCancel).not.toHaveBeenCalled();
    expect(within(dialog).getByRole("button", { name: "Stopping after this message…" })).toBeTruthy();
    finish?.([
      result({}),
      result({
        recipient_id: 2,
        number: 2,
        name: "Robert E. Lighthizer",
        address: "ambassador@ustr.example",
        outcome: { kind: "refused", reason: "the mail server refused the address: permanent error (550): User unknown" },
      }),
      result({ recipient_id: 3, number: 3, name: "Maria Cantwell", address: null, outcome: { kind: "no_address" } }),
    ]);
    expect(await within(dialog).findByText("1 of 3 sent. The others stay unsent and can be sent again.")).toBeTruthy();
    const outcome = within(dialog).getByRole("list", { name: "What was sent" });
    expect(outcome.textContent).toContain("Sent to Wilbur Ross <secretary@commerce.example> — <amicus.2.1@lakeshore.example>");
    expect(outcome.textContent).toContain("Not sent to Robert E. Lighthizer: the mail server refused the address: permanent error (550): User unknown");
    expect(outcome.textContent).toContain("Not sent to Maria Cantwell: no e-mail address on record");
  });

  it("asks for the mail server first when none is set up", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(screen.getByRole("button", { name: "Send all by email…" }));
    const dialog = screen.getByRole("dialog");
    expect((await within(dialog).findByRole("alert")).textContent).toContain("Settings → Sending email");
    expect((within(dialog).getByRole("button", { name: "Send 2 messages" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("resends a copy only after saying it was sent, and as a resend", async () => {
    vi.mocked(ipc.letterSendEmail).mockResolvedValue([
      result({ outcome: { kind: "resent", message_id: "<amicus.2.1.b@lakeshore.example>", at: "2017-09-21T15:00:00Z" } }),
    ]);
    const sent: LetterDetail = {
      ...signed,
      summary: { ...signed.summary, status: "sent" },
      recipients: [copy({ method: "email", sent_at: "2017-09-20T15:00:00Z", confirmation: "<amicus.2.1@lakeshore.example>" })],
    };
    renderWithQuery(<Copies detail={sent} letterDate="2017-09-20" />);
    expect(screen.getByText(/<amicus\.2\.1@lakeshore\.example>/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Resend…" }));
    const dialog = screen.getByRole("dialog", { name: "Send again by email" });
    expect(within(dialog).getByText(/already sent on September 20, 2017/)).toBeTruthy();
    await userEvent.click(await within(dialog).findByRole("button", { name: "Send again" }));
    expect(ipc.letterSendEmail).toHaveBeenCalledWith(2, 1, true, expect.any(Function));
    const outcome = await within(dialog).findByRole("list", { name: "What was sent" });
    expect(outcome.textContent).toContain("Sent again to Wilbur Ross");
  });

  it("opens a draft in the mail program, then records it sent with its Message-ID", async () => {
    vi.mocked(ipc.letterEmailDraft).mockResolvedValue({
      path: "/tmp/amicus-drafts/letter-2-copy-2.eml",
      address: "ambassador@ustr.example",
      message_id: "<amicus.2.2@lakeshore.example>",
    });
    vi.mocked(ipc.markSent).mockResolvedValue(7);
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    const rows = screen.getAllByRole("button", { name: "Send…" });
    await userEvent.click(nth(rows, 1));
    const dialog = screen.getByRole("dialog", { name: "Send copy 2: Robert E. Lighthizer" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Open as draft in my mail program" }));
    expect(ipc.openInViewer).toHaveBeenCalledWith("/tmp/amicus-drafts/letter-2-copy-2.eml");
    expect(await within(dialog).findByText(/The draft to ambassador@ustr\.example is open/)).toBeTruthy();
    expect(ipc.markSent).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Record it sent…" }));
    const mark = screen.getByRole("dialog", { name: /sent/ });
    expect((within(mark).getByLabelText("How") as HTMLSelectElement).value).toBe("email");
    expect((within(mark).getByLabelText(/Confirmation/) as HTMLInputElement).value).toBe("<amicus.2.2@lakeshore.example>");
    expect((within(mark).getByLabelText("Sent on") as HTMLInputElement).value).toBe(clockView.today);
  });

  it("puts the letter's text on the clipboard and opens the office's contact form", async () => {
    vi.mocked(ipc.letterContactForm).mockResolvedValue({ url: "https://cantwell.example/contact", text: "September 20, 2017\n\nDear Senator Cantwell:\n" });
    const write = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText: write }, configurable: true });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(nth(screen.getAllByRole("button", { name: "Send…" }), 2));
    const dialog = screen.getByRole("dialog", { name: "Send copy 3: Maria Cantwell" });
    expect(within(dialog).queryByRole("button", { name: /Send by email/ })).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Open the contact form" }));
    expect(write).toHaveBeenCalledWith("September 20, 2017\n\nDear Senator Cantwell:\n");
    expect(ipc.openWebPage).toHaveBeenCalledWith("https://cantwell.example/contact");
    await userEvent.click(within(dialog).getByRole("button", { name: "Record it sent…" }));
    const mark = screen.getByRole("dialog", { name: /sent/ });
    expect((within(mark).getByLabelText("How") as HTMLSelectElement).value).toBe("portal");
  });

  it("offers to sign in again, right there, when the mailbox sign-in no longer holds", async () => {
    const graph: MailView = {
      ...server,
      settings: server.settings && {
        ...server.settings,
        handover: "graph",
        sign_in: { provider: "microsoft", client_id: "0a1b-app", client_secret: null, tenant: null, issuer: null },
      },
      signed_in_as: "ann@lakeshore.example",
    };
    vi.mocked(ipc.mailSettings).mockResolvedValue(graph);
    vi.mocked(ipc.letterSendEmail).mockRejectedValue({
      code: "sign_in",
      message:
        "the sign-in to the mailbox has expired or was revoked at Microsoft (invalid_grant); Sign in again in Settings → Sending email (or `amicus mail login`)",
    });
    vi.mocked(ipc.mailSignIn).mockResolvedValue({ user: "ann@lakeshore.example", kept: "keychain" });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(screen.getByRole("button", { name: "Send all by email…" }));
    const dialog = screen.getByRole("dialog", { name: "Send by email" });
    await within(dialog).findByText(/through Microsoft Graph, signed in as ann@lakeshore\.example/);
    expect(within(dialog).queryByRole("button", { name: "Sign in with Microsoft" })).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Send 2 messages" }));
    expect(await within(dialog).findByText(/expired or was revoked at Microsoft \(invalid_grant\); Sign in again/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign in with Microsoft" }));
    expect(ipc.mailSignIn).toHaveBeenCalledWith(null, expect.any(Function));
    expect(await within(dialog).findByText("Signed in as ann@lakeshore.example. Close this and send the rest again.")).toBeTruthy();
  });

  it("keeps Send off until someone signs in to the mailbox, and says why", async () => {
    const unsigned: MailView = {
      ...server,
      settings: server.settings && {
        ...server.settings,
        handover: "graph",
        sign_in: { provider: "microsoft", client_id: "0a1b-app", client_secret: null, tenant: null, issuer: null },
      },
      signed_in_as: null,
    };
    vi.mocked(ipc.mailSettings).mockResolvedValue(unsigned);
    vi.mocked(ipc.mailSignIn).mockResolvedValue({ user: "ann@lakeshore.example", kept: "keychain" });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(screen.getByRole("button", { name: "Send all by email…" }));
    const dialog = screen.getByRole("dialog", { name: "Send by email" });
    expect(await within(dialog).findByText("The organization's mailbox needs you to sign in.")).toBeTruthy();
    const send = within(dialog).getByRole("button", { name: "Send 2 messages" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(send.title).toBe("Sign in to the organization's mailbox first");
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign in with Microsoft" }));
    await within(dialog).findByText(/Signed in as ann@lakeshore\.example/);
    expect((within(dialog).getByRole("button", { name: "Send 2 messages" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("with only the sender set up, says drafts work but sending needs the server", async () => {
    // Whether only the sender is set up is Rust's to say (MailView.drafts_only), not the window's to work out.
    vi.mocked(ipc.mailSettings).mockResolvedValue({
      ...server,
      settings: server.settings && { ...server.settings, username: null },
      drafts_only: true,
    });
    renderWithQuery(<Copies detail={signed} letterDate="2017-09-20" />);
    await userEvent.click(screen.getByRole("button", { name: "Send all by email…" }));
    const dialog = screen.getByRole("dialog", { name: "Send by email" });
    expect(await within(dialog).findByText(/Only the sender \(trade@lakeshore\.example\) is set up: drafts for your own mail program work/)).toBeTruthy();
    expect((within(dialog).getByRole("button", { name: "Send 2 messages" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says why nothing can go by email when no copy has an address, and what to do instead", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue(server);
    const noEmail: LetterDetail = {
      ...signed,
      recipients: signed.recipients.map((r) => ({ ...r, reach: { email: null, contact_form: r.reach.contact_form } })),
    };
    renderWithQuery(<Copies detail={noEmail} letterDate="2017-09-20" />);
    expect(screen.queryByRole("button", { name: "Send all by email…" })).toBeNull();
    expect(screen.getByRole("note").textContent).toMatch(
      /^None of the 3 copies left to send has an e-mail address on record, so nothing can go by email: use Send… on each copy/,
    );
  });
});
