import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Root } from "../../Root";
import { lettersQuery } from "../letters/LettersList";
import { clockQuery, startupQuery } from "../../queries";
import { clockView, fakeRecordEvents, fakeTeamConnection, letters, ownRecord, renderWithQuery } from "../../test/fixtures";
import type { Startup } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  startup: vi.fn(),
  recordOpen: vi.fn(),
  recordRestore: vi.fn(),
  chooseDatabase: vi.fn(),
  chooseNewDatabase: vi.fn(),
  onRecordChanged: vi.fn(),
  lettersList: vi.fn(),
  clock: vi.fn(),
  appReady: vi.fn(),
  recordRetry: vi.fn(),
  teamLeave: vi.fn(),
  teamConnect: vi.fn(),
  teamStatus: vi.fn(),
  onTeamConnection: vi.fn(),
}));
import * as ipc from "../../ipc";

const failed: Startup = {
  state: "failed",
  message: "the record is damaged: database disk image is malformed",
  db_path: "/home/staff/.local/share/amicus/amicus.db",
  backups: [
    "/home/staff/.local/share/amicus/backups/amicus-2026-03-09.db",
    "/home/staff/.local/share/amicus/backups/amicus-2026-03-02.db",
  ],
  team: null,
};

describe("Start-up", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.onRecordChanged).mockImplementation(fakeRecordEvents().listen);
    vi.mocked(ipc.clock).mockResolvedValue(clockView);
    vi.mocked(ipc.appReady).mockResolvedValue(null);
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    vi.mocked(ipc.teamStatus).mockResolvedValue(ownRecord);
    vi.mocked(ipc.onTeamConnection).mockImplementation(fakeTeamConnection().listen);
  });

  it("shows the letters when the record opened", async () => {
    vi.mocked(ipc.startup).mockResolvedValue({ state: "ready" });
    renderWithQuery(<Root />);
    expect(await screen.findByRole("heading", { name: "Letters" })).toBeTruthy();
    expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Amicus could not open its record" })).toBeNull();
  });

  it("says why the record could not be opened, restores the backup chosen, then shows the letters", async () => {
    vi.mocked(ipc.startup).mockResolvedValueOnce(failed).mockResolvedValue({ state: "ready" });
    vi.mocked(ipc.recordRestore).mockResolvedValue(null);
    renderWithQuery(<Root />);
    expect(await screen.findByRole("heading", { name: "Amicus could not open its record" })).toBeTruthy();
    // Said as a sentence.
    expect(screen.getByText("The record is damaged: database disk image is malformed")).toBeTruthy();
    expect(screen.getByText("/home/staff/.local/share/amicus/amicus.db")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Letters" })).toBeNull();
    expect(ipc.lettersList).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Restore amicus-2026-03-09.db" }));
    expect(ipc.recordRestore).toHaveBeenCalledWith("/home/staff/.local/share/amicus/backups/amicus-2026-03-09.db");
    expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
    expect(ipc.startup).toHaveBeenCalledTimes(2);
  });

  it("shows on the screen why a restore failed, and stays", async () => {
    vi.mocked(ipc.startup).mockResolvedValue(failed);
    vi.mocked(ipc.recordRestore).mockRejectedValue({ code: "damaged", message: "the backup is damaged too" });
    renderWithQuery(<Root />);
    await userEvent.click(await screen.findByRole("button", { name: "Restore amicus-2026-03-02.db" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The backup could not be restored: the backup is damaged too",
    );
    expect(screen.getByRole("heading", { name: "Amicus could not open its record" })).toBeTruthy();
  });

  it("opens another file, or creates a new record where the user says", async () => {
    vi.mocked(ipc.startup).mockResolvedValue(failed);
    vi.mocked(ipc.chooseDatabase).mockResolvedValueOnce(null).mockResolvedValueOnce("/shared/amicus.db");
    vi.mocked(ipc.chooseNewDatabase).mockResolvedValue("/home/staff/new.db");
    vi.mocked(ipc.recordOpen)
      .mockRejectedValueOnce({ code: "unavailable", message: "/shared/amicus.db is not an Amicus record" })
      .mockResolvedValueOnce(null);
    renderWithQuery(<Root />);
    const choose = await screen.findByRole("button", { name: "Choose another file…" });
    await userEvent.click(choose);
    await waitFor(() => expect(ipc.chooseDatabase).toHaveBeenCalledTimes(1));
    expect(ipc.recordOpen).not.toHaveBeenCalled();
    await userEvent.click(choose);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "That file could not be opened: /shared/amicus.db is not an Amicus record",
    );
    expect(ipc.recordOpen).toHaveBeenLastCalledWith("/shared/amicus.db");
    vi.mocked(ipc.startup).mockResolvedValue({ state: "ready" });
    await userEvent.click(screen.getByRole("button", { name: "Create a new record…" }));
    expect(ipc.recordOpen).toHaveBeenLastCalledWith("/home/staff/new.db");
    expect(await screen.findByRole("heading", { name: "Letters" })).toBeTruthy();
  });

  it("the letters start-up asked for before the record opened are asked again once it has", async () => {
    vi.mocked(ipc.startup).mockResolvedValueOnce(failed).mockResolvedValue({ state: "ready" });
    vi.mocked(ipc.lettersList)
      .mockRejectedValueOnce({ code: "unavailable", message: "the record is not open" })
      .mockResolvedValue(letters);
    vi.mocked(ipc.clock).mockRejectedValueOnce({ code: "unavailable", message: "the record is not open" });
    vi.mocked(ipc.recordRestore).mockResolvedValue(null);
    // As main.tsx does.
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await Promise.all([
      client.prefetchQuery(startupQuery),
      client.prefetchQuery(clockQuery),
      client.prefetchQuery(lettersQuery("")),
    ]);
    render(
      <QueryClientProvider client={client}>
        <Root />
      </QueryClientProvider>,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Restore amicus-2026-03-09.db" }));
    expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(ipc.lettersList).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(ipc.clock).toHaveBeenCalledTimes(2));
  });

  describe("when the team record could not be reached", () => {
    const unreached: Startup = {
      state: "failed",
      message: "the team record at postgres://dana@db.example.org/amicus cannot be reached: connection refused",
      db_path: "postgres://dana@db.example.org/amicus",
      backups: [],
      team: "postgres://dana@db.example.org/amicus",
    };

    it("says so, offers no file's ways out, and tries again", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(unreached).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.recordRetry).mockResolvedValue(null);
      renderWithQuery(<Root />);
      expect(await screen.findByRole("heading", { name: "Amicus could not reach the team record" })).toBeTruthy();
      expect(
        screen.getByText(
          "The team record at postgres://dana@db.example.org/amicus cannot be reached: connection refused",
        ),
      ).toBeTruthy();
      expect(screen.getByText("postgres://dana@db.example.org/amicus", { selector: "code" })).toBeTruthy();
      expect(screen.queryByRole("button", { name: "Choose another file…" })).toBeNull();
      expect(screen.queryByRole("button", { name: "Create a new record…" })).toBeNull();
      expect(screen.queryByRole("heading", { name: "Amicus could not open its record" })).toBeNull();
      await userEvent.click(screen.getByRole("button", { name: "Try again" }));
      expect(ipc.recordRetry).toHaveBeenCalledTimes(1);
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
      expect(ipc.teamLeave).not.toHaveBeenCalled();
      expect(ipc.startup).toHaveBeenCalledTimes(2);
    });

    it("says why trying again failed, and stays", async () => {
      vi.mocked(ipc.startup).mockResolvedValue(unreached);
      vi.mocked(ipc.recordRetry).mockRejectedValue({ code: "unavailable", message: "connection refused" });
      renderWithQuery(<Root />);
      await userEvent.click(await screen.findByRole("button", { name: "Try again" }));
      expect((await screen.findByRole("alert")).textContent).toMatch(
        /^Still no answer at \d\d:\d\d:\d\d: connection refused$/,
      );
      expect(screen.getByRole("heading", { name: "Amicus could not reach the team record" })).toBeTruthy();
    });

    it("says the reason once after trying again failed, not again above when", async () => {
      vi.mocked(ipc.startup).mockResolvedValue(unreached);
      vi.mocked(ipc.recordRetry).mockRejectedValue({ code: "unavailable", message: unreached.message });
      renderWithQuery(<Root />);
      const reason = /cannot be reached: connection refused/;
      expect(await screen.findAllByText(reason)).toHaveLength(1);
      await userEvent.click(screen.getByRole("button", { name: "Try again" }));
      const alert = await screen.findByRole("alert");
      expect(alert.textContent).toMatch(
        /^Still no answer at \d\d:\d\d:\d\d: the team record at postgres:\/\/dana@db\.example\.org\/amicus cannot be reached: connection refused$/,
      );
      expect(screen.getAllByText(reason)).toEqual([alert]);
      expect(screen.getByRole("main").textContent?.match(/connection refused/g)).toHaveLength(1);
    });

    it("shows that it is trying, then when it last tried; the focus stays on the button", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(new Date(2026, 2, 10, 10, 42, 5));
        vi.mocked(ipc.startup).mockResolvedValue(unreached);
        let refuse: (e: unknown) => void = () => undefined;
        vi.mocked(ipc.recordRetry).mockImplementation(
          () =>
            new Promise((_resolve, reject) => {
              refuse = reject;
            }),
        );
        renderWithQuery(<Root />);
        const button = (await screen.findByRole("button", { name: "Try again" })) as HTMLButtonElement;
        button.focus();
        await userEvent.keyboard("{Enter}");
        expect(ipc.recordRetry).toHaveBeenCalledTimes(1);
        // While it tries: the button says so and cannot be pressed again.
        expect(button.textContent).toBe("Trying…");
        expect(button.disabled).toBe(true);
        expect(screen.getByText("Trying the team record again…").getAttribute("role")).toBe("status");
        expect(screen.queryByRole("alert")).toBeNull();
        act(() => refuse({ code: "unavailable", message: "connection refused" }));
        expect((await screen.findByRole("alert")).textContent).toBe("Still no answer at 10:42:05: connection refused");
        expect(button.textContent).toBe("Try again");
        expect(button.disabled).toBe(false);
        expect(document.activeElement).toBe(button);

        // Again, a minute later: the time said is the new try's.
        vi.setSystemTime(new Date(2026, 2, 10, 10, 43, 12));
        await userEvent.keyboard("{Enter}");
        expect(button.textContent).toBe("Trying…");
        // The last answer is not shown as if it were this one's.
        expect(screen.queryByRole("alert")).toBeNull();
        act(() => refuse({ code: "unavailable", message: "connection refused" }));
        expect((await screen.findByRole("alert")).textContent).toBe("Still no answer at 10:43:12: connection refused");
        expect(document.activeElement).toBe(button);
        expect(ipc.recordRetry).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
      }
    });

    it("uses this computer's own record instead", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(unreached).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.teamLeave).mockResolvedValue(null);
      renderWithQuery(<Root />);
      await userEvent.click(await screen.findByRole("button", { name: "Use this computer's own record" }));
      expect(ipc.teamLeave).toHaveBeenCalledTimes(1);
      expect(ipc.recordRetry).not.toHaveBeenCalled();
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
    });

    it("says over the letters that the window now works on this computer's own record, not the team record", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(unreached).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.teamLeave).mockResolvedValue(null);
      renderWithQuery(<Root />);
      await userEvent.click(await screen.findByRole("button", { name: "Use this computer's own record" }));
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
      const toast = screen.getByText("Now working on this computer's own record, not the team record.").closest(".toast");
      expect(toast?.className).toBe("toast warn");
      expect(toast?.getAttribute("role")).toBe("status");
      // It stays until dismissed (or a good while).
      await userEvent.click(within(toast as HTMLElement).getByRole("button", { name: "Dismiss" }));
      expect(screen.queryByText(/Now working on this computer's own record/)).toBeNull();
    });

    it("says nothing of the kind when trying again reached the team record", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(unreached).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.recordRetry).mockResolvedValue(null);
      renderWithQuery(<Root />);
      await userEvent.click(await screen.findByRole("button", { name: "Try again" }));
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
      expect(screen.queryByText(/Now working on this computer's own record/)).toBeNull();
    });

    it("signs in again with the form Settings has, filled in from the team record's place", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(unreached).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.teamConnect).mockResolvedValue("keychain");
      renderWithQuery(<Root />);
      const again = await screen.findByRole("button", { name: "Sign in again…" });
      expect(screen.queryByLabelText("Server")).toBeNull();
      await userEvent.click(again);
      expect((screen.getByLabelText("Server") as HTMLInputElement).value).toBe("db.example.org");
      expect((screen.getByLabelText("Database") as HTMLInputElement).value).toBe("amicus");
      expect((screen.getByLabelText("Your login") as HTMLInputElement).value).toBe("dana");
      expect(
        (screen.getByRole("checkbox", { name: "Remember the password in this computer's keychain" }) as HTMLInputElement)
          .checked,
      ).toBe(true);
      await userEvent.type(screen.getByLabelText("Password"), "n3w{Enter}");
      expect(ipc.teamConnect).toHaveBeenCalledWith({
        server: "db.example.org",
        database: "amicus",
        user: "dana",
        password: "n3w",
        ca_file: null,
        remember: true,
      });
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
      expect(ipc.startup).toHaveBeenCalledTimes(2);
    });
  });

  describe("when the saved team record settings cannot be read", () => {
    const damaged: Startup = {
      state: "failed",
      message:
        "/home/staff/.config/amicus/team.json: the saved team record settings are damaged (EOF while parsing a string at line 1 column 36); use this computer's own record, or sign in to the team record again",
      db_path: "/home/staff/.config/amicus/team.json",
      backups: [],
      team: "/home/staff/.config/amicus/team.json",
    };

    it("says so, naming the file, and offers this computer's record or signing in afresh", async () => {
      vi.mocked(ipc.startup).mockResolvedValueOnce(damaged).mockResolvedValue({ state: "ready" });
      vi.mocked(ipc.teamLeave).mockResolvedValue(null);
      renderWithQuery(<Root />);
      expect(
        await screen.findByRole("heading", { name: "Amicus could not read its team record settings" }),
      ).toBeTruthy();
      expect(screen.getByText(/the saved team record settings are damaged \(EOF while parsing/)).toBeTruthy();
      expect(screen.getByText("/home/staff/.config/amicus/team.json", { selector: "code" })).toBeTruthy();
      expect(screen.queryByRole("heading", { name: "Amicus could not reach the team record" })).toBeNull();
      // Signing in afresh starts from a blank form, not from the file's path.
      await userEvent.click(screen.getByRole("button", { name: "Sign in again…" }));
      expect((screen.getByLabelText("Server") as HTMLInputElement).value).toBe("");
      await userEvent.click(screen.getByRole("button", { name: "Use this computer's own record" }));
      expect(ipc.teamLeave).toHaveBeenCalledTimes(1);
      expect(await screen.findByRole("table", { name: "Letters" })).toBeTruthy();
    });
  });
});
