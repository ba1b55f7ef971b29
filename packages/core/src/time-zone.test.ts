import { expect, test } from "vitest";

// The test script runs the suite under TZ=UTC, Asia/Shanghai and America/Los_Angeles
// so that every date result is shown to be independent of the host's zone. This
// checks that the zone asked for is the one the suite really runs in.
test("the suite runs in the time zone the test script set", () => {
  const zone = process.env.TZ;
  if (zone === undefined) return;
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  const offset = new Date(Date.UTC(2025, 0, 15)).getTimezoneOffset();
  expect(offset).toBe({ UTC: 0, "Asia/Shanghai": -480, "America/Los_Angeles": 480 }[zone] ?? offset);
});
