import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { TeamRecord, connectedText, parseTeamPlace } from "./TeamRecord";
import { WindowToast } from "../../components/Toast";
import { keys } from "../../queries";
import { danaOnTeam, letters, ownRecord, renderWithQuery } from "../../test/fixtures";
import type { SecretKept } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  teamStatus: vi.fn(),
  teamConnect: vi.fn(),
  teamLeave: vi.fn(),
  choosePem: vi.fn(),
}));
import * as ipc from "../../ipc";

/** The section with a query client the test can look into. */
function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TeamRecord />
    </QueryClientProvider>,
  );
  return client;
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

async function fillIn() {
  await userEvent.type(await screen.findByLabelText("Server"), "db.example.org");
  expect(field("Database").value).toBe("amicus");
  await userEvent.type(field("Your login"), "dana");
  await userEvent.type(field("Password"), "s3cret");
}

describe("Settings → Team record", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
  });

  it("connects with what was typed, starts every query afresh and says where the password is", async () => {
    let answer: (kept: SecretKept) => void = () => undefined;
    vi.mocked(ipc.teamConnect).mockImplementation(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    vi.mocked(ipc.choosePem).mockResolvedValue("/etc/ssl/org-ca.pem");
    const client = renderSection();
    // What the window showed of the file: stale once connected. Start-up's answer stays (the app stays put).
    client.setQueryData(keys.lettersWith(""), letters);
    client.setQueryData(keys.startup, { state: "ready" });
    const section = screen.getByRole("region", { name: "Team record" });
    expect((await within(section).findByText(/This computer's own record:/)).textContent).toBe(
      `This computer's own record: ${ownRecord.file}`,
    );
    await fillIn();
    expect(field("Server").placeholder).toBe("db.example.org");
    expect(field("Password").type).toBe("password");
    const remember = screen.getByLabelText("Remember the password in this computer's keychain") as HTMLInputElement;
    expect(remember.checked).toBe(true);
    await userEvent.click(remember);
    await userEvent.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => expect(field("Organization's CA certificate (optional)").value).toBe("/etc/ssl/org-ca.pem"));

    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(ipc.teamConnect).toHaveBeenCalledWith({
      server: "db.example.org",
      database: "amicus",
      user: "dana",
      password: "s3cret",
      ca_file: "/etc/ssl/org-ca.pem",
      remember: false,
    });
    // While the server is tried: no second try.
    const connecting = await screen.findByRole("button", { name: "Connecting…" });
    expect((connecting as HTMLButtonElement).disabled).toBe(true);

    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    answer("this_session");
    expect((await within(section).findByRole("status")).textContent).toBe(
      "Now working on the team record dana@db.example.org/amicus. The password is kept only until Amicus closes.",
    );
    expect((await within(section).findByTestId("team-session")).textContent).toBe(
      "Team record: dana@db.example.org/amicus. You are dana (drafter).",
    );
    expect(client.getQueryData(keys.lettersWith(""))).toBeUndefined();
    expect(client.getQueryData(keys.startup)).toEqual({ state: "ready" });
    expect(ipc.teamStatus).toHaveBeenCalledTimes(2);
  });

  it("after connecting by keyboard, puts the focus on the notice and keeps it in view", async () => {
    const scrolled = vi.spyOn(Element.prototype, "scrollIntoView");
    try {
      vi.mocked(ipc.teamConnect).mockResolvedValue("keychain");
      const client = renderSection();
      await fillIn();
      vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
      screen.getByRole("button", { name: "Connect" }).focus();
      await userEvent.keyboard("{Enter}");
      expect(ipc.teamConnect).toHaveBeenCalledTimes(1);
      const notice = await screen.findByText(/^Now working on the team record dana@db\.example\.org\/amicus\./);
      // Once the team record's session is shown above it, the notice still has the focus and is in view.
      await screen.findByTestId("team-session");
      await waitFor(() => expect(document.activeElement).toBe(notice));
      expect(notice.getAttribute("tabindex")).toBe("-1");
      expect(scrolled.mock.contexts.at(-1)).toBe(notice);
      // A later refresh of the status does not pull the page back to it.
      const times = scrolled.mock.calls.length;
      const asked = vi.mocked(ipc.teamStatus).mock.calls.length;
      await client.invalidateQueries({ queryKey: keys.teamStatus });
      await waitFor(() => expect(vi.mocked(ipc.teamStatus).mock.calls.length).toBe(asked + 1));
      expect(scrolled.mock.calls.length).toBe(times);
    } finally {
      scrolled.mockRestore();
    }
  });

  it("sends an empty CA certificate as none, and the password for the keychain by default", async () => {
    vi.mocked(ipc.teamConnect).mockResolvedValue("keychain");
    renderSection();
    await fillIn();
    // Checked unless unchecked (or the password is asked for at every start), and it says where the password goes.
    const remember = screen.getByTestId("team-remember") as HTMLInputElement;
    expect(remember.checked).toBe(true);
    expect(screen.getByRole("checkbox", { name: "Remember the password in this computer's keychain" })).toBe(remember);
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(ipc.teamConnect).toHaveBeenCalledWith({
      server: "db.example.org",
      database: "amicus",
      user: "dana",
      password: "s3cret",
      ca_file: null,
      remember: true,
    });
    expect((await screen.findByText(/^Now working on the team record/)).textContent).toBe(
      "Now working on the team record dana@db.example.org/amicus. The password is in the system keychain.",
    );
  });

  it("says a refusal at its field and keeps everything typed; the file stays open", async () => {
    vi.mocked(ipc.teamConnect)
      .mockRejectedValueOnce({
        code: "invalid_data",
        field: "server",
        message: "server: give the server's name or address, e.g. db.example.org or db.example.org:5432",
      })
      .mockRejectedValueOnce({
        code: "unavailable",
        message: "the team record at postgres://dana@db.example.org/amicus cannot be reached: connection refused",
      });
    renderSection();
    await fillIn();
    await userEvent.type(field("Server"), " x");
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(
      await screen.findByText("Give the server's name or address, e.g. db.example.org or db.example.org:5432"),
    ).toBeTruthy();
    expect(field("Server").getAttribute("aria-invalid")).toBe("true");
    expect(field("Your login").getAttribute("aria-invalid")).toBe("false");
    expect(field("Server").value).toBe("db.example.org x");
    expect(field("Your login").value).toBe("dana");
    expect(field("Password").value).toBe("s3cret");
    expect(screen.queryByRole("status")?.textContent).toBe("");

    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not connected: the team record at postgres://dana@db.example.org/amicus cannot be reached: connection refused",
    );
    expect(field("Password").value).toBe("s3cret");
    expect(screen.getByRole("button", { name: "Connect" })).toBeTruthy();
    expect(ipc.teamStatus).toHaveBeenCalledTimes(1);
  });

  it("shows the team record and the session's roles, and goes back to this computer's own record", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue({ ...danaOnTeam, session: { user: "dana", roles: ["drafter", "approver"] } });
    vi.mocked(ipc.teamLeave).mockResolvedValue(null);
    renderWithQuery(<TeamRecord />);
    expect((await screen.findByTestId("team-session")).textContent).toBe(
      "Team record: dana@db.example.org/amicus. You are dana (drafter, approver).",
    );
    expect(screen.queryByRole("button", { name: "Connect" })).toBeNull();
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    await userEvent.click(screen.getByRole("button", { name: "Use this computer's own record instead" }));
    expect(ipc.teamLeave).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(`${ownRecord.file}`)).toBeTruthy();
    expect(screen.getByText("Now working on this computer's own record.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Connect" })).toBeTruthy();
  });
});

describe("Settings → Team record, over the whole window", () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("says in a toast, beyond Settings, that the window now works on this computer's own record", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.teamLeave).mockResolvedValue(null);
    renderWithQuery(
      <WindowToast>
        <TeamRecord />
      </WindowToast>,
    );
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    await userEvent.click(await screen.findByRole("button", { name: "Use this computer's own record instead" }));
    const toast = (await screen.findByText("Now working on this computer's own record, not the team record.")).closest(
      ".toast",
    );
    expect(toast?.className).toBe("toast warn");
    expect(screen.getByTestId("team-record").contains(toast as Node)).toBe(false);
  });
});

describe("Settings → Team record, one outcome at a time", () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("takes down the notice of the last change when connecting again fails", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    vi.mocked(ipc.teamLeave).mockResolvedValue(null);
    vi.mocked(ipc.teamConnect).mockRejectedValue({
      code: "unavailable",
      message: "the team record at postgres://dana@db.example.org/amicus cannot be reached: connection refused",
    });
    renderSection();
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    await userEvent.click(await screen.findByRole("button", { name: "Use this computer's own record instead" }));
    expect((await screen.findByText("Now working on this computer's own record.")).closest("[role=status]")).toBeTruthy();
    await fillIn();
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Not connected: /);
    expect(screen.queryByText("Now working on this computer's own record.")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("takes down the notice of a connection when leaving the team record then fails", async () => {
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    vi.mocked(ipc.teamConnect).mockResolvedValue("keychain");
    vi.mocked(ipc.teamLeave).mockRejectedValue({ code: "unavailable", message: "this computer's record is locked" });
    renderSection();
    await fillIn();
    vi.mocked(ipc.teamStatus).mockResolvedValue(danaOnTeam);
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(await screen.findByText(/^Now working on the team record/)).toBeTruthy();
    await userEvent.click(await screen.findByRole("button", { name: "Use this computer's own record instead" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Still on the team record: this computer's record is locked",
    );
    expect(screen.queryByText(/^Now working on the team record/)).toBeNull();
  });
});

describe("a team record's place", () => {
  it("gives the sign-in form its server, database and login", () => {
    expect(parseTeamPlace("postgres://dana@db.example.org/amicus")).toEqual({
      user: "dana",
      server: "db.example.org",
      database: "amicus",
    });
    expect(parseTeamPlace("postgresql://sam:secret@db.example.org:5433/letters?sslmode=require")).toEqual({
      user: "sam",
      server: "db.example.org:5433",
      database: "letters",
    });
    expect(parseTeamPlace("avery@db/amicus")).toEqual({ user: "avery", server: "db", database: "amicus" });
    expect(parseTeamPlace("db.example.org")).toEqual({ user: "", server: "db.example.org", database: "amicus" });
  });

  it("is said once connected, with where the password is kept", () => {
    const request = { server: " db ", database: "amicus", user: "dana", password: "x", ca_file: null, remember: true };
    expect(connectedText(request, "keychain")).toBe(
      "Now working on the team record dana@db/amicus. The password is in the system keychain.",
    );
  });
});

describe("parseTeamPlace", () => {
  it("takes a server on this computer's socket from the address's host", () => {
    expect(parseTeamPlace("postgres://dana@/walk?host=/tmp/amicus-pg.x")).toEqual({
      user: "dana",
      server: "/tmp/amicus-pg.x",
      database: "walk",
    });
  });
});
