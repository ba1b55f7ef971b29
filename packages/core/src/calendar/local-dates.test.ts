import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { arbitraries } from "../testing/arbitraries.js";
import { epochDay, plusInterval, plusMonths } from "./local-dates.js";

const date = arbitraries.LocalDate as fc.Arbitrary<LocalDate>;
const months = fc.integer({ min: -600, max: 600 });
const inRange = (d: LocalDate) => d >= "1900-01-01" && d <= "2199-12-31";

test.prop([date])("epochDay counts the same days as Date.UTC", (d) => {
  const utc = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  expect(epochDay(d)).toBe(utc);
});

test.prop([date, months])("plusMonths moves the month by n and keeps the day, or takes the month's last day", (d, n) => {
  const out = plusMonths(d, n);
  const monthIndex = (x: LocalDate) => Number(x.slice(0, 4)) * 12 + Number(x.slice(5, 7)) - 1;
  expect(monthIndex(out) - monthIndex(d)).toBe(n);
  const day = Number(d.slice(8, 10));
  const lastDay = new Date(Date.UTC(Number(out.slice(0, 4)), Number(out.slice(5, 7)), 0)).getUTCDate();
  expect(Number(out.slice(8, 10))).toBe(Math.min(day, lastDay));
});

test.prop([date.filter((d) => Number(d.slice(8, 10)) <= 28), months, months])(
  "for days up to the 28th, months add up",
  (d, a, b) => {
    fc.pre(inRange(plusMonths(d, a)));
    expect(plusMonths(plusMonths(d, a), b)).toBe(plusMonths(d, a + b));
  },
);

test("worked examples of the Civil Code month rule", () => {
  expect(plusMonths("2025-01-31" as LocalDate, 1)).toBe("2025-02-28");
  expect(plusMonths("2024-01-31" as LocalDate, 1)).toBe("2024-02-29");
  expect(plusMonths("2020-02-29" as LocalDate, 60)).toBe("2025-02-28");
  expect(plusInterval("2025-01-15" as LocalDate, { days: 14 })).toBe("2025-01-29");
  expect(plusInterval("2024-12-15" as LocalDate, { months: 3 })).toBe("2025-03-15");
});
