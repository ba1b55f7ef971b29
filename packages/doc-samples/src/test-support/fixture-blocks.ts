import { inject } from "vitest";
import type { PreparedBlock } from "../prepared.js";

/** The fixtures' blocks (fixtures/*.md), prepared by global-setup.ts. */
export const fixtureBlocks: ReadonlyArray<PreparedBlock> = inject("fixtureBlocks");

/** The fixture block at `where` (`first.md:5`); throws when there is none. */
export const fixtureBlock = (where: string): PreparedBlock => {
  const block = fixtureBlocks.find((b) => b.where === where);
  if (block === undefined) throw new Error(`no fixture block at ${where}`);
  return block;
};
