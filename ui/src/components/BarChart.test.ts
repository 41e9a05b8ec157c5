import { describe, expect, it } from "vitest";
import { drawnSeries, niceMax } from "./BarChart";

describe("bar chart", () => {
  it("stacks series as running totals, the tallest drawn first", () => {
    const drawn = drawnSeries(
      [
        { label: "Mail", color: "#111", values: [1, 0, 2] },
        { label: "Email", color: "#222", values: [1, 3, 0] },
        { label: "Fax", color: "#333", values: [0, 1, 1] },
      ],
      true,
    );
    expect(drawn.map((s) => s.label)).toEqual(["Fax", "Email", "Mail"]);
    expect(drawn.map((s) => s.values)).toEqual([
      [2, 4, 3],
      [2, 3, 2],
      [1, 0, 2],
    ]);
  });

  it("draws overlaid series as given", () => {
    const series = [
      { label: "Copies sent", color: "#ccc", values: [2, 0] },
      { label: "Replied", color: "#236", values: [1, 0] },
    ];
    expect(drawnSeries(series, false)).toBe(series);
  });

  it("rounds a scale's top up to 1, 2 or 5 of a power of ten", () => {
    expect([0, 1, 2, 3, 7, 10, 11, 49, 51, 20001].map(niceMax)).toEqual([1, 1, 2, 5, 10, 10, 20, 50, 100, 50000]);
  });
});
