import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
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
});
