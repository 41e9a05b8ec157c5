import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { ErrorNote, dayIn, fieldError, readable } from "./common";

describe("messages from Rust", () => {
  afterEach(() => vi.restoreAllMocks());

  it("read as sentences: a capital first, long dates", () => {
    expect(readable("no holder of the office of U.S. Senator for California, class 1 is on record for 2018-09-24")).toBe(
      "No holder of the office of U.S. Senator for California, class 1 is on record for September 24, 2018",
    );
    expect(readable("a person needs a name")).toBe("A person needs a name");
    expect(readable("Already a sentence.")).toBe("Already a sentence.");
    // A path or a file name at the start is not a word to capitalise.
    expect(readable("/tmp/x.png is not a PNG image")).toBe("/tmp/x.png is not a PNG image");
    expect(readable("amicus.db: locked")).toBe("amicus.db: locked");
    expect(readable("")).toBe("");
  });

  it("are sentences at a field, and go on a prefix's sentence in an alert", () => {
    const refusal = { code: "invalid_data", field: "on", message: "on: the reply came before 2017-09-05, when the copy was sent" };
    expect(fieldError(refusal, "on")).toBe("The reply came before September 5, 2017, when the copy was sent");
    expect(fieldError(refusal, "date")).toBeNull();
    render(<ErrorNote error={{ code: "conflict", message: "letter 2 was signed on 2018-09-25" }} prefix="Not saved" />);
    expect(screen.getByRole("alert").textContent).toBe("Not saved: letter 2 was signed on September 25, 2018");
  });

  it("bring a refusal into view and give it the focus when asked to", () => {
    const scrolled = vi.spyOn(Element.prototype, "scrollIntoView");
    const { rerender } = render(<ErrorNote error={{ code: "conflict", message: "no holder on record" }} />);
    expect(scrolled).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(document.body);
    rerender(<ErrorNote error={{ code: "conflict", message: "no holder on record" }} reveal />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe("No holder on record");
    expect(scrolled.mock.contexts).toContain(alert);
    expect(document.activeElement).toBe(alert);
  });
});

describe("the day a moment fell on", () => {
  it("is the organization's day, in its time zone", () => {
    expect(dayIn("2026-12-01T03:30:00Z", "America/New_York")).toBe("2026-11-30");
    expect(dayIn("2026-12-01T03:30:00.123456Z", "Europe/Berlin")).toBe("2026-12-01");
    // Without a zone known (yet), or with one this system does not know: the timestamp's own date.
    expect(dayIn("2026-12-01T03:30:00Z", undefined)).toBe("2026-12-01");
    expect(dayIn("2026-12-01T03:30:00Z", "Nowhere/Atlantis")).toBe("2026-12-01");
    expect(dayIn("not a time", "America/New_York")).toBe("not a time");
  });
});
