/**
 * Reads the threat model (`/docs/security/threat-model.md`): its threats and, for
 * each, the tests it cites as `` `path` — "a part of the test's title" `` list items.
 * The site's tests use it to keep every citation pointing at a test that exists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoDocs } from "./paths.js";

/** One cited test: a file of the repository and a part of a test title in it. */
export interface Citation {
  readonly file: string;
  readonly title: string;
  /** The 1-based line of the threat model that cites it. */
  readonly line: number;
}

/** One `### T<n> …` section and the tests it cites. */
export interface Threat {
  readonly id: string;
  readonly heading: string;
  readonly citations: ReadonlyArray<Citation>;
}

/** The threat model's path. */
export const threatModelFile: string = join(repoDocs, "security", "threat-model.md");

const THREAT_HEADING = /^### (T\d+) (.+)$/;
const CITATION = /^- `([^`]+)` — "([^"]+)"\s*$/;

/** The threats of a threat model's text, in order, each with its citations. */
export const threatsOf = (text: string): ReadonlyArray<Threat> => {
  const threats: Array<{ id: string; heading: string; citations: Array<Citation> }> = [];
  let inThreats = false;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.startsWith("## ")) inThreats = line.startsWith("## Threats");
    const heading = THREAT_HEADING.exec(line);
    if (heading) {
      threats.push({ id: heading[1]!, heading: heading[2]!, citations: [] });
      return;
    }
    const cited = CITATION.exec(line);
    if (cited && inThreats && threats.length > 0) threats.at(-1)!.citations.push({ file: cited[1]!, title: cited[2]!, line: index + 1 });
  });
  return threats;
};

/** The threats of the repository's threat model. */
export const readThreatModel = (): ReadonlyArray<Threat> => threatsOf(readFileSync(threatModelFile, "utf8"));
