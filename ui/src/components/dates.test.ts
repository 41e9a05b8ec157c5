import { describe, expect, it } from "vitest";
import { dateInWords, longDate, longDatesIn, parseDate } from "./dates";

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

  it("writes the ISO dates in a message the app's way, and nothing else that looks like one", () => {
    expect(
      longDatesIn("no holder of the office of U.S. Senator for California, class 1 is on record for 2018-09-24; the letter is addressed to the office"),
    ).toBe("no holder of the office of U.S. Senator for California, class 1 is on record for September 24, 2018; the letter is addressed to the office");
    expect(longDatesIn("To Wilbur Ross, 2017-09-05")).toBe("To Wilbur Ross, September 5, 2017");
    expect(longDatesIn("between 2017-02-28 and 2021-01-20.")).toBe("between February 28, 2017 and January 20, 2021.");
    expect(longDatesIn("(adopted 2011-09-20)")).toBe("(adopted September 20, 2011)");
    // A file name, a path, a timestamp, a longer number, or no day on the calendar: left as it is.
    for (const kept of [
      "/backups/amicus-backup-2026-03-10.db: permission denied",
      "amicus-2026-03-10.db is not a record",
      "2017-09-05T16:00:00Z",
      "12018-09-24",
      "2018-09-245",
      "on 2018-13-45",
      "on 2019-02-29",
    ]) {
      expect(longDatesIn(kept), kept).toBe(kept);
    }
  });

  it("says an ISO date long, and leaves what is not one", () => {
    expect(longDate("2018-09-24")).toBe("September 24, 2018");
    expect(longDate("2017-09-05T16:00:00Z")).toBe("September 5, 2017");
    expect(longDate(null)).toBe("");
    expect(longDate("soon")).toBe("soon");
  });
});
