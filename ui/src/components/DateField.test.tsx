import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { DateField } from "./DateField";

function Field({ start = "", onChange }: { start?: string; onChange?: (iso: string, typed: string) => void }) {
  const [value, setValue] = useState(start);
  return (
    <>
      <DateField
        label="Sent on"
        value={value}
        onChange={(iso, typed) => {
          setValue(iso);
          onChange?.(iso, typed);
        }}
      />
      <button type="button" onClick={() => setValue("2017-09-05")}>
        Same day as the letter
      </button>
    </>
  );
}

describe("DateField", () => {
  it("questions a half-typed date only once it is left", async () => {
    const changed = vi.fn();
    render(<Field onChange={changed} />);
    const input = screen.getByLabelText("Sent on");
    await userEvent.type(input, "09/2");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByText(/Type the month, day and year/)).toBeNull();
    expect(changed).toHaveBeenLastCalledWith("", "partial");
    await userEvent.tab();
    expect(screen.getByText("Type the month, day and year, e.g. 09/24/2018.")).toBeTruthy();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    await userEvent.type(input, "4/2018");
    expect(changed).toHaveBeenLastCalledWith("2018-09-24", "date");
    expect(screen.getByText("Monday, September 24, 2018")).toBeTruthy();
    expect(input.getAttribute("aria-describedby")).toBe(screen.getByText("Monday, September 24, 2018").id);
  });

  it("shows a date chosen elsewhere, and keeps what is being typed", async () => {
    render(<Field start="2026-03-10" />);
    const input = screen.getByLabelText("Sent on") as HTMLInputElement;
    expect(input.value).toBe("2026-03-10");
    expect(screen.getByText("Tuesday, March 10, 2026")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Same day as the letter" }));
    expect(input.value).toBe("2017-09-05");
    await userEvent.clear(input);
    await userEvent.type(input, "9/5/2017");
    // The value is the same day: the text typed stays as typed.
    expect(input.value).toBe("9/5/2017");
    expect(screen.getByText("Tuesday, September 5, 2017")).toBeTruthy();
  });

  it("in a filter row, reads the day back only when there is something to say", async () => {
    function Filter() {
      const [value, setValue] = useState("");
      return <DateField label="From" value={value} placeholder="Any date" quiet onChange={(iso) => setValue(iso)} />;
    }
    render(<Filter />);
    const input = screen.getByLabelText("From") as HTMLInputElement;
    const note = () => document.getElementById(input.getAttribute("aria-describedby") ?? "") as HTMLElement;
    expect(note().textContent).toBe("");
    // Typed the one way: nothing to add.
    await userEvent.type(input, "2018-09-24");
    expect(note().textContent).toBe("");
    expect(input.closest(".date-field")?.className).toBe("date-field quiet");
    // Typed another way: the day it was read as.
    await userEvent.clear(input);
    await userEvent.type(input, "09242018");
    expect(note().textContent).toBe("Monday, September 24, 2018");
    // Left, it reads 2018-09-24 and the note goes.
    await userEvent.tab();
    expect(input.value).toBe("2018-09-24");
    expect(note().textContent).toBe("");
    // A refusal is always said.
    await userEvent.clear(input);
    await userEvent.type(input, "02/30/2018");
    expect(note().textContent).toBe("February 30 isn't a date.");
  });
});
