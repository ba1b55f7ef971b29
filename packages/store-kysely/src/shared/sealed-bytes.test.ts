import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { packSealed, packWrapped, unpackSealed, unpackWrapped } from "./sealed-bytes.js";

// Sealed values and wrapped keys go to binary columns and come back as the very
// text the service gave: for the canonical forms (packed to their bytes, which
// are smaller) and for any other string the port allows (kept as UTF-8).

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("base64url"));
const keyRef = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const sealedText = fc.tuple(keyRef, bytes(12, 12), bytes(0, 300), bytes(16, 16)).map(([k, iv, ct, tag]) => `tj1.${k}.${iv}.${ct}.${tag}`);
/** Strings the port allows: well-formed Unicode (JSON-safe text). */
const anyText = fc.string({ unit: "grapheme", maxLength: 80 });

test.prop([sealedText], { numRuns: 200 })("a sealed value's text comes back exactly, in fewer bytes than its text", (text) => {
  const packed = packSealed(text);
  expect(unpackSealed(packed)).toBe(text);
  expect(packed.length).toBeLessThan(Buffer.byteLength(text));
});

test.prop([fc.oneof(anyText, sealedText.map((t) => `${t}=`), sealedText.map((t) => t.replace("tj1.", "tj2.")), sealedText.map((t) => `${t}.x`))], { numRuns: 200 })(
  "any other text is kept as it is",
  (text) => {
    expect(unpackSealed(packSealed(text))).toBe(text);
  },
);

test.prop([fc.oneof(bytes(0, 80), fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString("base64")), anyText)], { numRuns: 200 })(
  "a wrapped key's text (base64url, base64, or anything) comes back exactly",
  (text) => {
    expect(unpackWrapped(packWrapped(text))).toBe(text);
  },
);
