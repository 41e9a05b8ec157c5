import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
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
    expect(screen.getAllByText("Built in (read-only)").map((cell) => cell.className)).toEqual(["nowrap", "nowrap"]);
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
    expect(document.querySelector(".code-line.bad .ln")?.textContent).toBe("2");
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
    expect(await screen.findByText("A template needs a name")).toBeTruthy();
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

  it("wraps long lines, each line's number beside its first row", async () => {
    const long = `dear: {{recipient.salutation}}${" and more".repeat(40)}`;
    vi.mocked(ipc.catalog).mockResolvedValue({
      ...catalog,
      templates: catalog.templates.map((t) => ({ ...t, source: `${long}\n---\n{{body}}` })),
    });
    vi.mocked(ipc.templateCheck).mockResolvedValue({ problems: [], pages: [] });
    renderWithQuery(<Templates />);
    await userEvent.click((await screen.findAllByRole("button", { name: "Copy to edit…" }))[0] as HTMLElement);
    const source = screen.getByRole("textbox", { name: /Template/ });
    expect(source.getAttribute("wrap")).toBe("soft");
    // Each line is laid out again behind the text, with its number: both wrap alike.
    const lines = [...document.querySelectorAll(".code .code-line")];
    expect(lines.map((l) => l.querySelector(".ln")?.textContent)).toEqual(["1", "2", "3"]);
    expect(lines[0]?.querySelector(".lt")?.textContent).toBe(long);
    await userEvent.type(source, "{Enter}more");
    expect(document.querySelectorAll(".code .code-line")).toHaveLength(4);
  });

  it("does not show a refusal of text that changed while it was being saved", async () => {
    vi.mocked(ipc.templateCheck).mockResolvedValue({ problems: [], pages: [] });
    let refuse: (e: unknown) => void = () => undefined;
    vi.mocked(ipc.templateSave).mockImplementationOnce(
      () =>
        new Promise((_, reject) => {
          refuse = reject;
        }),
    );
    renderWithQuery(<Templates />);
    await userEvent.click((await screen.findAllByRole("button", { name: "Copy to edit…" }))[0] as HTMLElement);
    const source = screen.getByRole("textbox", { name: /Template/ });
    await userEvent.type(source, "{{#if x}}");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    // Typing on while the save is under way: its refusal is about text that is gone.
    await userEvent.type(source, "{{/if}}");
    refuse({ code: "template", message: "line 2: unclosed block #if" });
    expect(await screen.findByText("No problems: the sample letter lays out.")).toBeTruthy();
    await waitFor(() => expect(vi.mocked(ipc.templateSave).mock.results[0]?.type).toBe("return"));
    expect(screen.queryByText(/Not saved/)).toBeNull();

    // Refused for the text on screen, the refusal shows.
    vi.mocked(ipc.templateCheck).mockResolvedValue({
      problems: [{ line: 2, column: 1, location: "line 2", message: "unclosed block #if" }],
      pages: [],
    });
    vi.mocked(ipc.templateSave).mockRejectedValueOnce({ code: "template", message: "line 2: unclosed block #if" });
    await userEvent.type(source, "{{#if y}}");
    await screen.findByText("Line 2, column 1: unclosed block #if");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByText(/Not saved: line 2: unclosed block #if/)).toBeTruthy();
  });
});
