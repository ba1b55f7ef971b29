import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";
import { captureOutput } from "./test-support/capture-output.js";
import { printModelDemo } from "./model-demo.js";

test("the model demo prints records with Chinese labels and every problem of the bad record", () => {
  const town = sampleTown(2024);
  const out = captureOutput(() => printModelDemo(town));
  expect(out).toContain(town.township.name);
  expect(out).toContain(town.persons[0]!.name);
  expect(out).not.toMatch(/\d{17}[\dX]/); // identity numbers appear only masked
  for (const path of ["jurisdiction", "domain", "reportedOn", "parties", "facts.peopleInvolved", "facts.amountAtStake", "facts.threatOfViolence", "facts.selfHarmRisk"]) {
    expect(out).toMatch(new RegExp(`\\d+\\. ${path.replace(".", "\\.")}[:：]`));
  }
});
