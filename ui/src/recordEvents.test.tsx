import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import { useRecordEvents } from "./recordEvents";
import { keys, keysFor } from "./queries";
import { LettersList } from "./features/letters/LettersList";
import { Officials } from "./features/officials/Officials";
import { fakeRecordEvents, letters, renderWithQuery } from "./test/fixtures";

vi.mock("./ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./ipc")>()),
  onRecordChanged: vi.fn(),
  lettersList: vi.fn(),
  officialsPage: vi.fn(),
}));
import * as ipc from "./ipc";

/** Both lists on screen at once, so a refetch of either would show. */
function Harness() {
  useRecordEvents();
  return (
    <>
      <LettersList onOpen={vi.fn()} onNew={vi.fn()} />
      <Officials />
    </>
  );
}

describe("record-changed events", () => {
  let events: ReturnType<typeof fakeRecordEvents>;
  beforeEach(() => {
    vi.resetAllMocks();
    events = fakeRecordEvents();
    vi.mocked(ipc.onRecordChanged).mockImplementation(events.listen);
    vi.mocked(ipc.lettersList).mockResolvedValue(letters);
    vi.mocked(ipc.officialsPage).mockResolvedValue({ rows: [], total: 0 });
  });

  async function shown() {
    await screen.findByRole("table", { name: "Letters" });
    await screen.findByText("No officials yet: Import… brings the congress roster and the executive posts.");
    await waitFor(() => expect(events.listening()).toBe(1));
    expect(ipc.lettersList).toHaveBeenCalledTimes(1);
    expect(ipc.officialsPage).toHaveBeenCalledTimes(1);
  }

  it("a change to the letters refetches the letters list, not the officials", async () => {
    renderWithQuery(<Harness />);
    await shown();
    act(() => events.fire(["letters"]));
    await waitFor(() => expect(ipc.lettersList).toHaveBeenCalledTimes(2));
    expect(ipc.lettersList).toHaveBeenLastCalledWith(null);
    expect(ipc.officialsPage).toHaveBeenCalledTimes(1);
  });

  it("a change to the officials refetches the officials, not the letters", async () => {
    renderWithQuery(<Harness />);
    await shown();
    act(() => events.fire(["officials"]));
    await waitFor(() => expect(ipc.officialsPage).toHaveBeenCalledTimes(2));
    expect(ipc.lettersList).toHaveBeenCalledTimes(1);
  });

  it("stops listening when unmounted", async () => {
    const { unmount } = renderWithQuery(<Harness />);
    await shown();
    unmount();
    await waitFor(() => expect(events.listening()).toBe(0));
  });
});

describe("keysFor", () => {
  it("names what each area feeds, each key once", () => {
    const settings = keysFor(["settings"]);
    expect(settings).toContainEqual(keys.letterhead);
    expect(settings).toContainEqual(keys.settings);
    expect(settings).toContainEqual(keys.catalog);
    expect(settings).toContainEqual(keys.clock);
    expect(settings).not.toContainEqual(keys.letters);
    const both = keysFor(["letters", "positions"]);
    expect(both.filter((k) => JSON.stringify(k) === JSON.stringify(keys.issues))).toHaveLength(1);
    expect(both).toContainEqual(keys.letter);
    expect(both).toContainEqual(keys.sentLog);
    expect(both).toContainEqual(keys.catalog);
    expect(keysFor(["templates"])).toEqual(expect.arrayContaining([keys.catalog, keys.templates]));
    expect(keysFor(["officials"])).toEqual(
      expect.arrayContaining([keys.officials, keys.offices, keys.office, keys.person, keys.catalog]),
    );
    // An issue's page counts letters, copies, replies and positions, and is
    // worded by settings: every one of those changes makes it stale.
    for (const area of ["letters", "officials", "positions", "settings"] as const) {
      expect(keysFor([area])).toContainEqual(keys.issuePage);
    }
    expect(keysFor(["settings"])).toContainEqual(keys.paragraphWording);
  });
});
