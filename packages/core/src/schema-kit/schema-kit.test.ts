import { expect, test } from "vitest";
import * as root from "../index.js";
import * as kit from "./index.js";

test("the schema kit has what only sibling packages need, and the root does not", () => {
  const names = ["BilingualMessageId", "MAX_INPUT_DEPTH", "collectIssues", "expectedMessage", "parseOptions", "structuralMessages", "tooDeepAt"];
  expect(Object.keys(kit).sort()).toEqual(names);
  expect(names.filter((name) => name in root)).toEqual([]);
  // What an integrator needs to write a schema of their own stays in the root.
  expect(typeof root.bilingualMessage).toBe("function");
  expect(typeof root.decode).toBe("function");
});
