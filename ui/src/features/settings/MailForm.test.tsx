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
  teamStatus: vi.fn(),
  onRecordChanged: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Settings → Sending email", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 } });
  });

  it("offers the usual port Rust gives for each kind of connection", async () => {
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false, usual_ports: { starttls: 2587, tls: 2465 } });
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

describe("Settings → Sending email, read-only to a drafter on the team record", () => {
  const changed: MailSettings = {
    server: "smtp.lakeshore.example",
    port: 465,
    security: "tls",
    username: "trade",
    from_address: "trade@lakeshore.example",
    from_name: "Trade desk",
    ca_file: null,
  };
  let events: ReturnType<typeof fakeRecordEvents>;
  beforeEach(() => {
    vi.resetAllMocks();
    events = fakeRecordEvents();
    vi.mocked(ipc.onRecordChanged).mockImplementation(events.listen);
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.mailSettings)
      .mockResolvedValueOnce({ settings: null, password_kept: false, usual_ports: { starttls: 587, tls: 465 } })
      .mockResolvedValue({ settings: changed, password_kept: false, usual_ports: { starttls: 587, tls: 465 } });
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
