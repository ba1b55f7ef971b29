import { vi } from "vitest";

/** Runs `print` and returns what it wrote to the console, one string. */
export const captureOutput = (print: () => void): string => {
  const lines: Array<string> = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
    lines.push(args.join(" "));
  });
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return lines.join("\n");
};
