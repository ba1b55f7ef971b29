import { Schema } from "effect";
import { DivisionCode } from "./division-code.js";
import { IdentityNumber } from "./identity-number.js";
import { PersonId } from "./ids.js";
import { PhoneNumber, Text, optionalField } from "./primitives.js";

/**
 * How to reach a person. Only what the work needs: a phone number.
 *
 * @since 0.1.0
 */
export const Contact = Schema.Struct({
  phone: optionalField(PhoneNumber),
}).annotations({ identifier: "Contact", description: "联系方式 / contact" });
/** @since 0.1.0 */
export interface Contact extends Schema.Schema.Type<typeof Contact> {}

/**
 * A person named in the ledger: a party to a dispute or someone followed up. The
 * identity number is optional and sensitive; the jurisdiction is where the person
 * lives (usually a village-level code).
 *
 * @example
 * ```ts
 * import { decode, Person } from "@tiaojie/core";
 *
 * const r = decode(Person, {
 *   id: "p-0001",
 *   name: "李秀英",
 *   jurisdiction: "532301104201",
 * });
 * ```
 * @since 0.1.0
 */
export const Person = Schema.Struct({
  id: PersonId,
  name: Text(50),
  identityNumber: optionalField(IdentityNumber),
  jurisdiction: DivisionCode,
  contact: optionalField(Contact),
}).annotations({ identifier: "Person", description: "人员 / person" });
/** @since 0.1.0 */
export interface Person extends Schema.Schema.Type<typeof Person> {}
/** The JSON form of a {@link Person}. @since 0.1.0 */
export interface PersonJson extends Schema.Schema.Encoded<typeof Person> {}
