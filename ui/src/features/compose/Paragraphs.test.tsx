import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ParagraphDialog, insertParagraph } from "./Paragraphs";
import { TextFields } from "./LetterFields";
import { blankLetter, catalog, renderWithQuery } from "../../test/fixtures";
import type { Paragraph } from "../../ipc";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  paragraphsList: vi.fn(),
  paragraphSave: vi.fn(),
}));
import * as ipc from "../../ipc";

const numbers: Paragraph = {
  id: 4,
  title: "KORUS by the numbers",
  body: "Exports to Korea grew by a third since 2012.",
  issue_id: 1,
  issue: "KORUS",
  tags: ["exports", "autos"],
};

describe("Stock paragraphs", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.paragraphsList).mockResolvedValue([numbers]);
  });

  it("puts a paragraph in as its own paragraph at the cursor", () => {
    expect(insertParagraph("First.\n\nLast.", 7, "Middle.")).toEqual({ body: "First.\n\nMiddle.\n\nLast.", cursor: 15 });
    expect(insertParagraph("", 0, " Only. ")).toEqual({ body: "Only.", cursor: 5 });
    expect(insertParagraph("Opening.", 8, "Then.")).toEqual({ body: "Opening.\n\nThen.", cursor: 15 });
  });

  it("searches the library, shows the text, and inserts the chosen one", async () => {
    const onInsert = vi.fn();
    renderWithQuery(<ParagraphDialog issueId={1} onClose={vi.fn()} onInsert={onInsert} />);
    const dialog = screen.getByRole("dialog", { name: "Insert a stock paragraph" });
    await userEvent.type(within(dialog).getByLabelText("Search"), "autos");
    expect(ipc.paragraphsList).toHaveBeenLastCalledWith("autos", 1);
    await userEvent.click(await within(dialog).findByRole("radio", { name: /KORUS by the numbers/ }));
    expect(within(dialog).getByText("Exports to Korea grew by a third since 2012.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Insert" }));
    expect(onInsert).toHaveBeenCalledWith(numbers);
  });

  it("saves a new paragraph, and says at the field why one is refused", async () => {
    vi.mocked(ipc.paragraphSave)
      .mockRejectedValueOnce({ code: "invalid_data", field: "title", message: "title: a paragraph with this title already exists" })
      .mockResolvedValueOnce(9);
    renderWithQuery(<ParagraphDialog issueId={1} onClose={vi.fn()} onInsert={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "New paragraph…" }));
    await userEvent.type(screen.getByLabelText("Title"), "KORUS by the numbers");
    await userEvent.type(screen.getByLabelText("Text"), "Autos lead.");
    await userEvent.type(screen.getByLabelText(/Tags/), "autos, korea");
    await userEvent.click(screen.getByRole("button", { name: "Save paragraph" }));
    expect(await screen.findByText(/paragraph with this title already exists/)).toBeTruthy();
    expect(ipc.paragraphSave).toHaveBeenCalledWith(null, { title: "KORUS by the numbers", body: "Autos lead.", issue_id: 1, tags: ["autos", "korea"] });
    await userEvent.clear(screen.getByLabelText("Title"));
    await userEvent.type(screen.getByLabelText("Title"), "Autos");
    await userEvent.click(screen.getByRole("button", { name: "Save paragraph" }));
    expect(await screen.findByLabelText("Search")).toBeTruthy();
  });
});

describe("Insert paragraph… in the letter", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.paragraphsList).mockResolvedValue([numbers]);
  });

  it("puts the paragraph into the body and records where it came from", async () => {
    const set = vi.fn();
    const form = { ...blankLetter, body: "We write about KORUS." };
    renderWithQuery(<TextFields catalog={catalog} form={form} set={set} errorFor={() => null} missing={[]} />);
    const body = screen.getByRole("textbox", { name: "Body" }) as HTMLTextAreaElement;
    body.setSelectionRange(form.body.length, form.body.length);
    await userEvent.click(screen.getByRole("button", { name: "Insert paragraph…" }));
    await userEvent.click(await screen.findByRole("radio", { name: /KORUS by the numbers/ }));
    await userEvent.click(screen.getByRole("button", { name: "Insert" }));
    expect(set).toHaveBeenCalledWith({
      body: "We write about KORUS.\n\nExports to Korea grew by a third since 2012.",
      extra: { ...form.extra, paragraphs: [4] },
    });
  });
});
