import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Templates } from "./Templates";
import { catalog, page, renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  catalog: vi.fn(),
  templateCheck: vi.fn(),
  templateSave: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Templates", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.catalog).mockResolvedValue(catalog);
  });

  it("lists templates; a built-in one is copied to edit", async () => {
    vi.mocked(ipc.templateCheck).mockResolvedValue({ problems: [], pages: [page("Dear Secretary Ross:")] });
    renderWithQuery(<Templates />);
    expect(await screen.findByText("Thank-you letter")).toBeTruthy();
    expect(screen.getAllByText("Built in (read-only)")).toHaveLength(2);
    await userEvent.click(screen.getAllByRole("button", { name: "Copy to edit…" })[0] as HTMLElement);
    expect((screen.getByRole("textbox", { name: "Id" }) as HTMLInputElement).value).toBe("my-joint-support");
    expect(await screen.findByText("Dear Secretary Ross:")).toBeTruthy();
    expect(screen.getByText("No problems: the sample letter lays out.")).toBeTruthy();
  });

  it("shows each problem at its line and marks the line", async () => {
    vi.mocked(ipc.catalog).mockResolvedValue({
      ...catalog,
      templates: catalog.templates.map((t) => ({ ...t, source: "subject: {{subject}}\n{{#if x}}\n---" })),
    });
    vi.mocked(ipc.templateCheck).mockResolvedValue({
      problems: [{ line: 2, column: 5, location: "template __editing__, line 2, column 5", message: "unclosed block #if" }],
      pages: [],
    });
    renderWithQuery(<Templates />);
    await userEvent.click((await screen.findAllByRole("button", { name: "Copy to edit…" }))[0] as HTMLElement);
    const problems = await screen.findByRole("list", { name: "Problems" });
    expect(within(problems).getByText("Line 2, column 5: unclosed block #if")).toBeTruthy();
    expect(document.querySelector(".gutter .bad")?.textContent?.trim()).toBe("2");
    expect(screen.getByRole("textbox", { name: /Template/ }).getAttribute("aria-invalid")).toBe("true");
  });

  it("saves a new version, and shows a refused save next to its field", async () => {
    vi.mocked(ipc.templateCheck).mockResolvedValue({ problems: [], pages: [] });
    vi.mocked(ipc.templateSave)
      .mockRejectedValueOnce({ code: "invalid_data", message: "a template needs a name", field: "name" })
      .mockResolvedValueOnce(3);
    renderWithQuery(<Templates />);
    await userEvent.click((await screen.findAllByRole("button", { name: "Copy to edit…" }))[0] as HTMLElement);
    const name = screen.getByRole("textbox", { name: "Name" });
    await userEvent.clear(name);
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText("a template needs a name")).toBeTruthy();
    expect(name.getAttribute("aria-invalid")).toBe("true");
    await userEvent.type(name, "Ours");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText("Saved as version 3.")).toBeTruthy();
    expect(vi.mocked(ipc.templateSave).mock.lastCall?.[0]).toMatchObject({ key: "my-joint-support", name: "Ours" });
  });

  it("asks before Close drops unsaved edits, and an edit clears an old save error", async () => {
    vi.mocked(ipc.templateCheck).mockResolvedValue({ problems: [], pages: [] });
    vi.mocked(ipc.templateSave)
      .mockRejectedValueOnce({ code: "io", message: "disk full" })
      .mockResolvedValueOnce(2);
    renderWithQuery(<Templates />);
    await userEvent.click((await screen.findAllByRole("button", { name: "Copy to edit…" }))[0] as HTMLElement);
    const source = screen.getByRole("textbox", { name: /Template/ });
    await userEvent.type(source, " more");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText(/Not saved: disk full/)).toBeTruthy();
    await userEvent.type(source, "!");
    expect(screen.queryByText(/Not saved/)).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    const dialog = screen.getByRole("dialog", { name: "Discard unsaved changes?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep editing" }));
    expect((screen.getByRole("textbox", { name: /Template/ }) as HTMLTextAreaElement).value).toMatch(/ more!$/);

    // Saved: Close closes at once.
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText("Saved as version 2.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByText("Thank-you letter")).toBeTruthy();
  });
});
