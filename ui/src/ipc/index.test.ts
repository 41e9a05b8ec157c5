import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(), Channel: vi.fn() }));
vi.mock("@tauri-apps/plugin-opener", () => ({ openPath: vi.fn(), openUrl: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));
// As Tauri's path API does on Windows, where the separator is a backslash.
vi.mock("@tauri-apps/api/path", () => ({
  join: vi.fn(async (...parts: string[]) => parts.join("\\")),
  dirname: vi.fn(async (p: string) => p.slice(0, p.lastIndexOf("\\"))),
}));
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";
import { LAST_SAVE_FOLDER, chooseSavePath, errorText, markAllSent, officialAdd, positionAdopt, recordRetry, teamConnect, teamLeave, teamStatus } from ".";

describe("ipc", () => {
  beforeEach(() => vi.mocked(invoke).mockReset());

  it("adds an official and adopts a position with the commands' arguments", async () => {
    vi.mocked(invoke).mockResolvedValueOnce(77);
    const official = {
      person: { full_name: "Jane Doe", family_name: "", honorific: null, salutation: null, email: null },
      office_id: 10,
      office: null,
      start_on: "2026-11-29",
      end_on: null,
      acting: false,
    };
    expect(await officialAdd(official)).toBe(77);
    expect(invoke).toHaveBeenLastCalledWith("official_add", { official });

    const position = { stance: "support" as const, adopted_on: "2018-03-28", statement: "Ratify.", rationale: "" };
    await positionAdopt("1", position);
    expect(invoke).toHaveBeenLastCalledWith("position_adopt", { issue: "1", position });
  });

  it("marks every copy of a letter not yet sent, and says how many", async () => {
    vi.mocked(invoke).mockResolvedValueOnce(2);
    const report = {
      method: "email" as const,
      at: "2018-09-25T12:00:00Z",
      confirmation: null,
      follow_up: { kind: "on" as const, on: "2018-10-25" },
    };
    expect(await markAllSent(3, report)).toBe(2);
    expect(invoke).toHaveBeenLastCalledWith("mark_all_sent", { letterId: 3, report });
  });

  it("signs in to a team record with the sign-in as `request`, and leaves it", async () => {
    vi.mocked(invoke).mockResolvedValueOnce("keychain");
    const request = { server: "db.example.org", database: "amicus", user: "dana", password: "s3cret", ca_file: null, remember: true };
    expect(await teamConnect(request)).toBe("keychain");
    expect(invoke).toHaveBeenLastCalledWith("team_connect", { request });
    await teamStatus();
    expect(invoke).toHaveBeenLastCalledWith("team_status");
    await teamLeave();
    expect(invoke).toHaveBeenLastCalledWith("team_leave");
    await recordRetry();
    expect(invoke).toHaveBeenLastCalledWith("record_retry");
  });

  it("says an error without the field's internal name in front", () => {
    expect(errorText({ code: "invalid_data", field: "person.full_name", message: "person.full_name: a person needs a name" })).toBe(
      "a person needs a name",
    );
    expect(errorText({ code: "conflict", message: "letter 1 is not signed yet" })).toBe("letter 1 is not signed yet");
    expect(errorText(new Error("no handler"))).toBe("no handler");
  });
});

describe("opening a file in the system viewer", () => {
  it("says in words that no viewer opened it, and what to do instead", async () => {
    const { openPath } = await import("@tauri-apps/plugin-opener");
    vi.mocked(openPath).mockRejectedValueOnce('Launcher "gio" "open" "/tmp/amicus-replies-1/1-reply.pdf" failed with ExitStatus(unix_wait_status(512))');
    vi.mocked(invoke).mockResolvedValueOnce("/tmp/amicus-replies-1/1-reply.pdf");
    const { replyFileOpen } = await import("./index");
    await expect(replyFileOpen(1)).rejects.toThrow(
      'no program on this computer would show 1-reply.pdf (is a PDF viewer installed?); use "Save a copy…" and open it from there',
    );
    expect(openPath).toHaveBeenCalledWith("/tmp/amicus-replies-1/1-reply.pdf");
  });

  it("opens the save dialog in the folder the last file was saved to", async () => {
    localStorage.removeItem(LAST_SAVE_FOLDER);
    const pdf = { name: "PDF", extensions: ["pdf"] };
    vi.mocked(save).mockResolvedValueOnce("C:\\Users\\Zoë\\Letters\\korus.pdf");
    expect(await chooseSavePath("korus.pdf", pdf)).toBe("C:\\Users\\Zoë\\Letters\\korus.pdf");
    expect(save).toHaveBeenLastCalledWith({ defaultPath: "korus.pdf", filters: [pdf] });
    // The next save, of another kind, starts there.
    vi.mocked(save).mockResolvedValueOnce(null);
    const csv = { name: "CSV", extensions: ["csv"] };
    expect(await chooseSavePath("sent-log.csv", csv)).toBeNull();
    expect(save).toHaveBeenLastCalledWith({ defaultPath: "C:\\Users\\Zoë\\Letters\\sent-log.csv", filters: [csv] });
    // Cancelling forgets nothing.
    expect(localStorage.getItem(LAST_SAVE_FOLDER)).toBe("C:\\Users\\Zoë\\Letters");
  });
});
