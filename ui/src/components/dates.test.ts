import { describe, expect, it } from "vitest";
import { dateInWords, parseDate } from "./dates";

describe("reading a typed date", () => {
  it("reads the ways people type September 24, 2018", () => {
    for (const typed of ["09242018", "09/24/2018", "9/24/2018", "2018-09-24", "9-24-2018", "20180924", " September 24, 2018 ", "Sept. 24 2018", "24 Sep 2018"]) {
      expect(parseDate(typed), typed).toEqual({ kind: "date", iso: "2018-09-24" });
    }
  });

  it("says why a date is not on the calendar, by the month's name", () => {
    expect(parseDate("02/30/2018")).toEqual({ kind: "wrong", message: "February 30 isn't a date." });
    expect(parseDate("02302018")).toEqual({ kind: "wrong", message: "February 30 isn't a date." });
    expect(parseDate("2019-02-29")).toEqual({ kind: "wrong", message: "February 29, 2019 isn't a date: 2019 is not a leap year." });
    expect(parseDate("2020-02-29")).toEqual({ kind: "date", iso: "2020-02-29" });
    expect(parseDate("13/01/2018")).toMatchObject({ kind: "wrong", message: expect.stringMatching(/^There is no month 13\./) });
    expect(parseDate("next tuesday")).toMatchObject({ kind: "wrong" });
  });

  it("waits while a date is being typed, and asks for a four-digit year", () => {
    for (const typed of ["0", "0924", "0924201", "09/", "09/24", "09/24/201", "2018-", "2018-09", "Sept", "September 24"]) {
      expect(parseDate(typed).kind, typed).toBe("partial");
    }
    expect(parseDate("9/24/18")).toMatchObject({ kind: "partial", message: expect.stringMatching(/^Type the year in full/) });
    expect(parseDate("  ")).toEqual({ kind: "empty" });
  });

  it("says a day in words, with its weekday", () => {
    expect(dateInWords("2018-09-24")).toBe("Monday, September 24, 2018");
    expect(dateInWords("2024-02-29")).toBe("Thursday, February 29, 2024");
  });
});
