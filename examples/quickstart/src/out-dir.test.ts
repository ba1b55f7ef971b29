import { expect, test } from "vitest";
import { outDirOf } from "./out-dir.js";

const quickstart = "/work/repo/examples/quickstart";

test("`npm run demo` at the repository root writes to <repository>/out, although the demo runs in examples/quickstart", () => {
  expect(outDirOf([], { INIT_CWD: "/work/repo" }, quickstart)).toEqual({ dir: "/work/repo/out", base: "/work/repo" });
});

test("run directly, without npm, it writes to ./out of the current directory", () => {
  expect(outDirOf([], {}, quickstart)).toEqual({ dir: `${quickstart}/out`, base: quickstart });
  expect(outDirOf([], { INIT_CWD: "relative/dir" }, quickstart).base).toBe(quickstart);
});

test("--out chooses the directory, relative to where the command was run or absolute", () => {
  expect(outDirOf(["--out", "reports/2025"], { INIT_CWD: "/work/repo" }, quickstart).dir).toBe("/work/repo/reports/2025");
  expect(outDirOf(["--out", "/tmp/x"], { INIT_CWD: "/work/repo" }, quickstart).dir).toBe("/tmp/x");
});

test("--out without a directory is refused in both languages", () => {
  expect(() => outDirOf(["--out"], {}, quickstart)).toThrow("--out 需要一个目录 / --out needs a directory");
  expect(() => outDirOf(["--out", "--tour"], {}, quickstart)).toThrow(RangeError);
});
