import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MailForm } from "./MailForm";
import { useRecordEvents } from "../../recordEvents";
import { danaOnTeam, fakeRecordEvents, renderWithQuery } from "../../test/fixtures";
import type { MailSettings } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  mailSettings: vi.fn(),
  mailSettingsSave: vi.fn(),
  mailPasswordForget: vi.fn(),
  mailSignIn: vi.fn(),
  mailSignOut: vi.fn(),
  mailSignInCancel: vi.fn(),
  mailTestMessage: vi.fn(),
  teamStatus: vi.fn(),
  onRecordChanged: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Settings → Sending email", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
  });

  it("sends a test message through the saved settings, to the sender unless another address is given", async () => {
    const settings: MailSettings = {
      server: "smtp.lakeshore.example", port: 587, security: "starttls", username: null,
      from_address: "trade@lakeshore.example", from_name: null, ca_file: null, handover: "smtp", sign_in: null, api_url: null,
    };
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
    vi.mocked(ipc.mailTestMessage)
      .mockResolvedValueOnce({ to: "trade@lakeshore.example", message_id: "<amicus.0.0.1@lakeshore.example>" })
      .mockRejectedValueOnce({ code: "unavailable", message: "the test message was not sent: connection refused" });
    renderWithQuery(<MailForm />);
    const to = (await screen.findByLabelText("Send a test message to")) as HTMLInputElement;
    expect(to.placeholder).toBe("trade@lakeshore.example");
    await userEvent.click(screen.getByRole("button", { name: "Send a test message" }));
    expect(ipc.mailTestMessage).toHaveBeenLastCalledWith(null);
    expect(await screen.findByText(/Sent to trade@lakeshore\.example \(<amicus\.0\.0\.1@lakeshore\.example>\): check that it arrived/)).toBeTruthy();
    await userEvent.type(to, "dana@lakeshore.example");
    await userEvent.click(screen.getByRole("button", { name: "Send a test message" }));
    expect(ipc.mailTestMessage).toHaveBeenLastCalledWith("dana@lakeshore.example");
    expect(await screen.findByText(/the test message was not sent: connection refused/i)).toBeTruthy();
  });

  it("offers no test message before anything is saved", async () => {
    renderWithQuery(<MailForm />);
    await screen.findByLabelText("Mail server");
    expect(screen.queryByRole("button", { name: "Send a test message" })).toBeNull();
  });

  it("offers the usual port Rust gives for each kind of connection", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 2587, tls: 2465 }, signed_in_as: null, drafts_only: false });
    renderWithQuery(<MailForm />);
    const port = (await screen.findByLabelText("Port")) as HTMLInputElement;
    expect(port.value).toBe("2587");
    await userEvent.selectOptions(screen.getByLabelText("Security"), "tls");
    expect(port.value).toBe("2465");
    await userEvent.selectOptions(screen.getByLabelText("Security"), "starttls");
    expect(port.value).toBe("2587");
  });

  it("saves the server with the password for the keychain, and says where the password went", async () => {
    vi.mocked(ipc.mailSettingsSave).mockResolvedValue("this_session");
    renderWithQuery(<MailForm />);
    await userEvent.type(await screen.findByLabelText("Mail server"), "smtp.lakeshore.example");
    await userEvent.selectOptions(screen.getByLabelText("Security"), "tls");
    expect((screen.getByLabelText("Port") as HTMLInputElement).value).toBe("465");
    await userEvent.type(screen.getByLabelText("Send from (address)"), "trade@lakeshore.example");
    await userEvent.type(screen.getByLabelText(/User name/), "trade");
    await userEvent.type(screen.getByLabelText(/Password/), "s3cret");
    await userEvent.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect(ipc.mailSettingsSave).toHaveBeenCalledWith(
      {
        server: "smtp.lakeshore.example",
        port: 465,
        security: "tls",
        username: "trade",
        from_address: "trade@lakeshore.example",
        from_name: null,
        ca_file: null,
        handover: "smtp",
        sign_in: null,
        api_url: null,
      },
      "s3cret",
    );
    expect((await screen.findByRole("status")).textContent).toContain("kept only until Amicus closes");
    expect((screen.getByLabelText(/Password/) as HTMLInputElement).value).toBe("");
  });

  it("shows a refusal at its field and keeps what was typed", async () => {
    vi.mocked(ipc.mailSettingsSave).mockRejectedValue({
      code: "invalid_data",
      field: "from_address",
      message: "from_address: \"trade desk\" is not an e-mail address; write it as name@example.org",
    });
    renderWithQuery(<MailForm />);
    await userEvent.type(await screen.findByLabelText("Mail server"), "smtp.lakeshore.example");
    await userEvent.type(screen.getByLabelText("Send from (address)"), "trade desk");
    await userEvent.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect(await screen.findByText(/"trade desk" is not an e-mail address/)).toBeTruthy();
    expect(screen.getByLabelText("Send from (address)").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByLabelText("Mail server") as HTMLInputElement).value).toBe("smtp.lakeshore.example");
  });
});

describe("Settings → Sending email: signing in to the organization's mailbox", () => {
  const saved: MailSettings = {
    server: "",
    port: 587,
    security: "starttls",
    username: null,
    from_address: "trade@lakeshore.example",
    from_name: null,
    ca_file: null,
    handover: "graph",
    sign_in: { provider: "microsoft", client_id: "0a1b-app", client_secret: null, tenant: "lakeshore.example", issuer: null },
    api_url: null,
  };
  const view = (signed_in_as: string | null) => ({
    settings: saved,
    password_kept: false,
    usual_ports: { starttls: 587, tls: 465 },
    signed_in_as,
    drafts_only: false,
  });
  const line = () => screen.getByTestId("mailbox-sign-in").textContent ?? "";

  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.mailSettings).mockResolvedValue(view(null));
  });

  it("chooses the provider and the way messages go, and saves them with the settings", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue({ ...view(null), settings: null });
    vi.mocked(ipc.mailSettingsSave).mockResolvedValue(null);
    renderWithQuery(<MailForm />);
    await userEvent.type(await screen.findByLabelText("Send from (address)"), "trade@lakeshore.example");
    expect(screen.queryByLabelText("Application (client) ID")).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText("Sign in with"), "microsoft");
    await userEvent.type(screen.getByLabelText("Application (client) ID"), "0a1b-app");
    await userEvent.type(screen.getByLabelText(/Tenant/), "lakeshore.example");
    const through = screen.getByLabelText("Send through") as HTMLSelectElement;
    expect([...through.options].map((o) => o.value)).toEqual(["smtp", "graph"]);
    await userEvent.selectOptions(through, "graph");
    await userEvent.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect(ipc.mailSettingsSave).toHaveBeenCalledWith(expect.objectContaining({ handover: "graph", sign_in: saved.sign_in }), null);
  });

  it("signs in with Microsoft in the browser and says who is signed in", async () => {
    let finish: (v: { user: string; kept: "keychain" }) => void = () => {};
    vi.mocked(ipc.mailSignIn).mockReturnValue(new Promise((r) => (finish = r)));
    renderWithQuery(<MailForm />);
    await waitFor(() => expect(line()).toContain("No one is signed in to the mailbox on this computer"));
    await userEvent.click(screen.getByRole("button", { name: "Sign in with Microsoft" }));
    expect(ipc.mailSignIn).toHaveBeenCalledWith(saved.sign_in, expect.any(Function));
    await waitFor(() => expect(line()).toContain("Finish signing in in your browser"));
    expect((screen.getByRole("button", { name: "Sign in with Microsoft" }) as HTMLButtonElement).disabled).toBe(true);
    // The window may stop waiting for the browser.
    await userEvent.click(screen.getByRole("button", { name: "Cancel the sign-in" }));
    expect(ipc.mailSignInCancel).toHaveBeenCalled();
    await act(async () => finish({ user: "ann@lakeshore.example", kept: "keychain" }));
    await waitFor(() => expect(line()).toContain("Signed in as ann@lakeshore.example."));
    expect(screen.queryByRole("button", { name: "Cancel the sign-in" })).toBeNull();
  });

  it("shows the sign-in address to open by hand, saying why when no browser started", async () => {
    let page: (p: { url: string; browser_error: string | null }) => void = () => {};
    vi.mocked(ipc.mailSignIn).mockImplementation((_s, onPage) => {
      page = onPage;
      return new Promise(() => {});
    });
    renderWithQuery(<MailForm />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign in with Microsoft" }));
    // Before the shell has the address, nothing to open by hand.
    expect(screen.queryByLabelText("Sign-in address")).toBeNull();
    const url = "https://login.microsoftonline.com/lakeshore.example/oauth2/v2.0/authorize?client_id=0a1b-app";
    act(() => page({ url, browser_error: "xdg-open is not installed" }));
    expect((screen.getByLabelText("Sign-in address") as HTMLInputElement).value).toBe(url);
    expect(screen.getByText(/No web browser could be started \(xdg-open is not installed\)\. Open this address/)).toBeTruthy();
    const write = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText: write }, configurable: true });
    await userEvent.click(screen.getByRole("button", { name: "Copy address" }));
    expect(write).toHaveBeenCalledWith(url);
    expect(await screen.findByText("The address is on the clipboard.")).toBeTruthy();
    // A browser that did start: the address is offered quietly, in case.
    act(() => page({ url, browser_error: null }));
    expect(screen.getByText(/If the sign-in page did not open in your browser/)).toBeTruthy();
  });

  it("says a sign-in that no longer holds in words, with the button right there", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue(view("ann@lakeshore.example"));
    vi.mocked(ipc.mailSignIn).mockRejectedValue({
      code: "sign_in",
      message:
        "the sign-in was not finished in the browser within 5 minutes (was the browser window closed?); nothing was saved: Sign in again to try once more",
    });
    vi.mocked(ipc.mailSignOut).mockResolvedValue(null);
    renderWithQuery(<MailForm />);
    await waitFor(() => expect(line()).toContain("Signed in as ann@lakeshore.example."));
    await userEvent.click(screen.getByRole("button", { name: "Sign in with Microsoft" }));
    expect(await screen.findByText(/was the browser window closed\?\); nothing was saved: Sign in again/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Sign in with Microsoft" }) as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(ipc.mailSignOut).toHaveBeenCalled();
  });
});

describe("Settings → Sending email, read-only to a drafter on the team record", () => {
  const changed: MailSettings = {
    server: "smtp.lakeshore.example",
    port: 465,
    security: "tls",
    username: "trade",
    from_address: "trade@lakeshore.example",
    from_name: "Trade desk",
    ca_file: null,
    handover: "smtp",
    sign_in: null,
    api_url: null,
  };
  let events: ReturnType<typeof fakeRecordEvents>;
  beforeEach(() => {
    vi.resetAllMocks();
    events = fakeRecordEvents();
    vi.mocked(ipc.onRecordChanged).mockImplementation(events.listen);
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.mailSettings)
      .mockResolvedValueOnce({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false })
      .mockResolvedValue({ settings: changed, password_kept: false, usual_ports: { starttls: 587, tls: 465 }, signed_in_as: null, drafts_only: false });
  });

  function Window({ settingsShown }: { settingsShown: boolean }) {
    useRecordEvents();
    return settingsShown ? <MailForm /> : null;
  }

  const value = (label: string | RegExp) => (screen.getByLabelText(label) as HTMLInputElement).value;

  it("shows the settings an administrator has just changed, on a change to the record's settings", async () => {
    renderWithQuery(<Window settingsShown />);
    await waitFor(() => expect((screen.getByLabelText("Mail server") as HTMLInputElement).disabled).toBe(true));
    expect(value("Mail server")).toBe("");
    await waitFor(() => expect(events.listening()).toBe(1));
    act(() => events.fire(["settings"]));
    await waitFor(() => expect(value("Mail server")).toBe("smtp.lakeshore.example"));
    expect(value("Send from (address)")).toBe("trade@lakeshore.example");
    expect(value("Sender's name")).toBe("Trade desk");
    expect(value("Port")).toBe("465");
    expect(value("Security")).toBe("tls");
    expect(value(/User name/)).toBe("trade");
  });

  it("shows the record's settings on coming back to Settings, not those it showed before", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const at = (settingsShown: boolean) => (
      <QueryClientProvider client={client}>
        <Window settingsShown={settingsShown} />
      </QueryClientProvider>
    );
    const { rerender } = render(at(true));
    await waitFor(() => expect((screen.getByLabelText("Mail server") as HTMLInputElement).disabled).toBe(true));
    expect(value("Mail server")).toBe("");
    rerender(at(false));
    rerender(at(true));
    await waitFor(() => expect(value("Mail server")).toBe("smtp.lakeshore.example"));
    expect(ipc.mailSettings).toHaveBeenCalledTimes(2);
  });
});
