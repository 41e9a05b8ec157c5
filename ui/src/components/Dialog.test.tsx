import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Dialog } from "./Dialog";

describe("Dialog", () => {
  it("is put at the end of the page, out of the scrolling column that opened it, and closes with Escape", async () => {
    const close = vi.fn();
    const { container } = render(
      <div className="compose-form">
        <button type="button">Mark sent…</button>
        <Dialog title="Mark sent: Wilbur Ross" onClose={close}>
          <input aria-label="Sent on" />
        </Dialog>
      </div>,
    );
    const dialog = screen.getByRole("dialog", { name: "Mark sent: Wilbur Ross" });
    // WebKitGTK painted the form's scrollbar through a dialog inside it.
    expect(container.querySelector(".compose-form")?.contains(dialog)).toBe(false);
    expect(dialog.parentElement?.className).toBe("backdrop");
    expect(dialog.parentElement?.parentElement).toBe(document.body);
    expect(document.activeElement).toBe(screen.getByLabelText("Sent on"));
    await userEvent.keyboard("{Escape}");
    expect(close).toHaveBeenCalled();
  });

  it("holds the page behind still while open, and gives it back as it was when the last dialog goes", async () => {
    const { documentElement: html, body } = document;
    body.style.overflow = "auto";
    function Page() {
      const [outer, setOuter] = useState(true);
      const [inner, setInner] = useState(false);
      return (
        <>
          {outer && (
            <Dialog title="Add an official" onClose={() => setOuter(false)}>
              <button type="button" onClick={() => setInner(true)}>
                New office…
              </button>
              {inner && (
                <Dialog title="New office" onClose={() => setInner(false)}>
                  <input aria-label="Title" />
                </Dialog>
              )}
            </Dialog>
          )}
        </>
      );
    }
    const { unmount } = render(<Page />);
    expect(body.style.overflow).toBe("hidden");
    expect(html.style.overflow).toBe("hidden");
    expect(html.classList.contains("dialog-open")).toBe(true);
    // One dialog opens another: each is labelled by its own title.
    await userEvent.click(screen.getByRole("button", { name: "New office…" }));
    expect(screen.getByRole("dialog", { name: "New office" })).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Add an official" })).toBeTruthy();
    // The inner one closed: the outer one still holds the page.
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "New office" })).toBeNull();
    expect(body.style.overflow).toBe("hidden");
    expect(html.classList.contains("dialog-open")).toBe(true);
    // The last one closed: the page as it was.
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(body.style.overflow).toBe("auto");
    expect(html.style.overflow).toBe("");
    expect(html.classList.contains("dialog-open")).toBe(false);
    unmount();

    // Taken off with what opened it (both at once), never closed: given back too.
    const nested = render(
      <Dialog title="Outer" onClose={() => undefined}>
        <Dialog title="Inner" onClose={() => undefined}>
          <p>Nested</p>
        </Dialog>
      </Dialog>,
    );
    expect(body.style.overflow).toBe("hidden");
    nested.unmount();
    expect(body.style.overflow).toBe("auto");
    expect(html.classList.contains("dialog-open")).toBe(false);
    body.style.overflow = "";
  });

  it("keeps its title out of the body that scrolls, the buttons in it", () => {
    render(
      <Dialog title="Record reply" onClose={() => undefined}>
        <form>
          <textarea aria-label="Notes" />
          <div className="actions">
            <button type="submit">Record reply</button>
          </div>
        </form>
      </Dialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "Record reply" });
    const [title, content] = Array.from(dialog.children);
    expect(title?.tagName).toBe("H2");
    expect(content?.className).toBe("dialog-body");
    expect(within(content as HTMLElement).getByRole("textbox", { name: "Notes" })).toBeTruthy();
  });
});
