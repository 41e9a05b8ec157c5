// Reading a date as people type it: "09242018", "09/24/2018", "9/24/2018",
// "2018-09-24", "September 24, 2018" all mean 2018-09-24. A date field of
// the browser's own (WebKitGTK's) reads "09242018" as month 12, so the app's
// date fields are text fields read here. Calendar arithmetic only: no clock,
// no time zone.

export const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** What a date field's text says. */
export type ParsedDate =
  /** Nothing typed. */
  | { kind: "empty" }
  /** A day on the calendar (YYYY-MM-DD). */
  | { kind: "date"; iso: string }
  /** Not a date yet, but typing on could make one ("09/2"); `message` says what a whole one looks like. */
  | { kind: "partial"; message: string }
  /** Not a date, and typing on will not make one: `message` says why. */
  | { kind: "wrong"; message: string };

/** How a whole date is typed, for the messages. */
export const DATE_EXAMPLE = "09/24/2018";
const TYPE_IT = `Type the month, day and year, e.g. ${DATE_EXAMPLE}.`;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The number of days in month `m` (1–12) of year `y`. */
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The day `y`-`m`-`d` if it is on the calendar, or why it is not ("February 30 isn't a date"). */
function day(y: number, m: number, d: number): ParsedDate {
  if (m < 1 || m > 12) {
    return { kind: "wrong", message: `There is no month ${m}. ${TYPE_IT}` };
  }
  const month = MONTHS[m - 1] as string;
  if (d < 1 || d > daysIn(y, m)) {
    if (m === 2 && d === 29) {
      return { kind: "wrong", message: `February 29, ${y} isn't a date: ${y} is not a leap year.` };
    }
    return { kind: "wrong", message: `${month} ${d} isn't a date.` };
  }
  if (y < 1000) return { kind: "wrong", message: `Type the year in full. ${TYPE_IT}` };
  return { kind: "date", iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** The month a word names ("sep", "Sept.", "September"), 1–12, or null. */
function monthNamed(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(w) || (w === "sept" && m === "September"));
  return i < 0 ? null : i + 1;
}

/** Whether some month's name starts with `word` (still being typed). */
const monthPrefix = (word: string) =>
  MONTHS.some((m) => m.toLowerCase().startsWith(word.toLowerCase().replace(/\.$/, "")));

const SEP = "[-/.]";

/** Read what was typed in a date field. */
export function parseDate(typed: string): ParsedDate {
  const t = typed.trim().replace(/\s+/g, " ");
  if (!t) return { kind: "empty" };
  let m: RegExpMatchArray | null;
  // 2018-09-24, 2018/9/24
  if ((m = t.match(new RegExp(`^(\\d{4})${SEP}(\\d{1,2})${SEP}(\\d{1,2})$`)))) {
    return day(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  // 09/24/2018, 9/24/2018, 9-24-2018, 9.24.2018 (month first, as in the United States)
  if ((m = t.match(new RegExp(`^(\\d{1,2})${SEP}(\\d{1,2})${SEP}(\\d{4})$`)))) {
    return day(Number(m[3]), Number(m[1]), Number(m[2]));
  }
  // 09242018 (month, day, year); 20180924 when that cannot be a month first
  if ((m = t.match(/^(\d{2})(\d{2})(\d{4})$/))) {
    const monthFirst = day(Number(m[3]), Number(m[1]), Number(m[2]));
    if (monthFirst.kind === "date") return monthFirst;
    const y = Number(t.slice(0, 4));
    const yearFirst = day(y, Number(t.slice(4, 6)), Number(t.slice(6, 8)));
    if (yearFirst.kind === "date" && y >= 1800) return yearFirst;
    return monthFirst;
  }
  // September 24, 2018; Sept. 24 2018
  if ((m = t.match(/^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i))) {
    const month = monthNamed(m[1] as string);
    if (month !== null) return day(Number(m[3]), month, Number(m[2]));
  }
  // 24 September 2018
  if ((m = t.match(/^(\d{1,2}) ([a-z]+\.?),? (\d{4})$/i))) {
    const month = monthNamed(m[2] as string);
    if (month !== null) return day(Number(m[3]), month, Number(m[1]));
  }
  // Part of one of the above, as it is being typed.
  const partial = [
    /^\d{1,7}$/,
    new RegExp(`^\\d{1,2}${SEP}(\\d{1,2}(${SEP}\\d{0,3})?)?$`),
    new RegExp(`^\\d{4}${SEP}(\\d{1,2}${SEP}?)?$`),
    /^\d{1,2} [a-z]*\.?,? ?\d{0,3}$/i,
  ];
  if (partial.some((p) => p.test(t))) {
    const twoDigitYear = new RegExp(`^\\d{1,2}${SEP}\\d{1,2}${SEP}\\d{2}$`).test(t);
    return { kind: "partial", message: twoDigitYear ? `Type the year in full. ${TYPE_IT}` : TYPE_IT };
  }
  const word = t.match(/^([a-z]+\.?)( \d{0,2}(?:st|nd|rd|th)?(,? ?\d{0,3})?)?$/i);
  if (word && monthPrefix(word[1] as string)) return { kind: "partial", message: TYPE_IT };
  return { kind: "wrong", message: `That isn't a date. ${TYPE_IT}` };
}

/** "September 5, 2017" for an ISO date (YYYY-MM-DD, or a timestamp starting with one). */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d || m > 12 || d > 31) return iso;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/**
 * A date written YYYY-MM-DD on its own in a sentence: not part of a file
 * name, a word or a timestamp ("backup-2018-09-24.db", "2018-09-24T12:00").
 */
const ISO_IN_TEXT = /(?<![\w./\\-])(\d{4})-(\d{2})-(\d{2})(?![\w/\\-]|\.\w)/g;

/**
 * A message with each ISO date in it written the app's way: "no holder … on
 * record for 2018-09-24" reads "… on record for September 24, 2018". What is
 * not a day on the calendar ("2018-13-45") stays as it was.
 */
export function longDatesIn(text: string): string {
  return text.replace(ISO_IN_TEXT, (whole, y: string, m: string, d: string) =>
    parseDate(`${y}-${m}-${d}`).kind === "date" ? longDate(whole) : whole,
  );
}

/** "Monday, September 24, 2018" for 2018-09-24. */
export function dateInWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return iso;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday}, ${MONTHS[m - 1]} ${d}, ${y}`;
}
