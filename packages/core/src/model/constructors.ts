// Checked constructors of the values a caller writes by hand: dates, ids, division
// codes, identity and phone numbers. Each decodes its input with the value's schema
// (so it applies the same rules and gives the same bilingual messages as
// `decode`) and returns a `Result`; each has an `…OrThrow` form for tests
// and scripts. None needs a cast (`as LocalDate`) or Effect.

import { constructorOf, orThrow } from "../validation/constructor.js";
import type { Result } from "../validation/result.js";
import type { ValidationError } from "../validation/validation-error.js";
import { CountyCode } from "./county-code.js";
import { DivisionCode } from "./division-code.js";
import { IdentityNumber } from "./identity-number.js";
import { DisputeId, EventId, ListingId, OfficerId, PersonId, TaskId, UnitId } from "./ids.js";
import { LocalDate } from "./local-date.js";
import { PhoneNumber } from "./primitives.js";

/**
 * A calendar date from its `YYYY-MM-DD` text, checked as {@link LocalDate} checks it
 * (a real day, years 1900–2199). Never throws.
 *
 * @example
 * ```ts
 * import { localDate } from "@tiaojie/core";
 *
 * const asOf = localDate("2025-02-10");
 * if (asOf.ok) console.log(asOf.value); // "2025-02-10", typed LocalDate
 * localDate("2025-02-30").ok; // false: no such day
 * ```
 * @since 0.2.0
 */
export const localDate: (input: string) => Result<LocalDate, ValidationError> = constructorOf(LocalDate);

/**
 * {@link localDate} for tests and scripts: the date, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link localDate} and its `Result`.
 *
 * @throws ValidationError when the text is not a valid date
 * @example
 * ```ts
 * import { localDateOrThrow } from "@tiaojie/core";
 *
 * const asOf = localDateOrThrow("2025-02-10");
 * ```
 * @since 0.2.0
 */
export const localDateOrThrow: (input: string) => LocalDate = orThrow(localDate);

/**
 * A dispute's id, checked as {@link DisputeId} checks it (1–64 letters, digits or
 * `. _ : -`, starting with a letter or digit). Never throws.
 *
 * @example
 * ```ts
 * import { disputeId } from "@tiaojie/core";
 *
 * disputeId("2024-zx-0001").ok; // true
 * disputeId("").ok; // false
 * ```
 * @since 0.2.0
 */
export const disputeId: (input: string) => Result<DisputeId, ValidationError> = constructorOf(DisputeId);

/**
 * {@link disputeId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link disputeId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { disputeIdOrThrow } from "@tiaojie/core";
 *
 * const id = disputeIdOrThrow("2024-zx-0001");
 * ```
 * @since 0.2.0
 */
export const disputeIdOrThrow: (input: string) => DisputeId = orThrow(disputeId);

/**
 * A person's id, checked as {@link PersonId} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { personId } from "@tiaojie/core";
 *
 * personId("p-000123").ok; // true
 * ```
 * @since 0.2.0
 */
export const personId: (input: string) => Result<PersonId, ValidationError> = constructorOf(PersonId);

/**
 * {@link personId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link personId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { personIdOrThrow } from "@tiaojie/core";
 *
 * const id = personIdOrThrow("p-000123");
 * ```
 * @since 0.2.0
 */
export const personIdOrThrow: (input: string) => PersonId = orThrow(personId);

/**
 * A unit's id, checked as {@link UnitId} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { unitId } from "@tiaojie/core";
 *
 * unitId("u-pafzb").ok; // true
 * ```
 * @since 0.2.0
 */
export const unitId: (input: string) => Result<UnitId, ValidationError> = constructorOf(UnitId);

/**
 * {@link unitId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link unitId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { unitIdOrThrow } from "@tiaojie/core";
 *
 * const unit = unitIdOrThrow("u-pafzb");
 * ```
 * @since 0.2.0
 */
export const unitIdOrThrow: (input: string) => UnitId = orThrow(unitId);

/**
 * A support listing's id, checked as {@link ListingId} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { listingId } from "@tiaojie/core";
 *
 * listingId("l-2025-007").ok; // true
 * ```
 * @since 0.2.0
 */
export const listingId: (input: string) => Result<ListingId, ValidationError> = constructorOf(ListingId);

/**
 * {@link listingId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link listingId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { listingIdOrThrow } from "@tiaojie/core";
 *
 * const id = listingIdOrThrow("l-2025-007");
 * ```
 * @since 0.2.0
 */
export const listingIdOrThrow: (input: string) => ListingId = orThrow(listingId);

/**
 * A task's id, checked as {@link TaskId} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { taskId } from "@tiaojie/core";
 *
 * taskId("t-0001").ok; // true
 * ```
 * @since 0.2.0
 */
export const taskId: (input: string) => Result<TaskId, ValidationError> = constructorOf(TaskId);

/**
 * {@link taskId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link taskId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { taskIdOrThrow } from "@tiaojie/core";
 *
 * const id = taskIdOrThrow("t-0001");
 * ```
 * @since 0.2.0
 */
export const taskIdOrThrow: (input: string) => TaskId = orThrow(taskId);

/**
 * An audit event's id, checked as {@link EventId} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { eventId } from "@tiaojie/core";
 *
 * eventId("e-20250210-01").ok; // true
 * ```
 * @since 0.2.0
 */
export const eventId: (input: string) => Result<EventId, ValidationError> = constructorOf(EventId);

/**
 * {@link eventId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link eventId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { eventIdOrThrow } from "@tiaojie/core";
 *
 * const id = eventIdOrThrow("e-20250210-01");
 * ```
 * @since 0.2.0
 */
export const eventIdOrThrow: (input: string) => EventId = orThrow(eventId);

/**
 * An officer's stable id (a staff number), checked as {@link OfficerId} checks it.
 * Never throws.
 *
 * @example
 * ```ts
 * import { officerId } from "@tiaojie/core";
 *
 * officerId("zx-0042").ok; // true
 * officerId("张明").ok; // false: an id, not a name
 * ```
 * @since 0.2.0
 */
export const officerId: (input: string) => Result<OfficerId, ValidationError> = constructorOf(OfficerId);

/**
 * {@link officerId} for tests and scripts: the id, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link officerId}.
 *
 * @throws ValidationError when the text is not a valid id
 * @example
 * ```ts
 * import { officerIdOrThrow } from "@tiaojie/core";
 *
 * const officer = officerIdOrThrow("zx-0042");
 * ```
 * @since 0.2.0
 */
export const officerIdOrThrow: (input: string) => OfficerId = orThrow(officerId);

/**
 * A 12-digit statistical division code, checked as {@link DivisionCode} checks it
 * (its parts and their ranges, never a frozen list). Never throws.
 *
 * @example
 * ```ts
 * import { divisionCode } from "@tiaojie/core";
 *
 * divisionCode("532301104000").ok; // true: a township
 * divisionCode("532301000201").ok; // false: a village needs its township
 * ```
 * @since 0.2.0
 */
export const divisionCode: (input: string) => Result<DivisionCode, ValidationError> = constructorOf(DivisionCode);

/**
 * {@link divisionCode} for tests and scripts: the code, or its
 * {@link ValidationError} thrown. Code that handles input should use
 * {@link divisionCode}.
 *
 * @throws ValidationError when the text is not a valid division code
 * @example
 * ```ts
 * import { divisionCodeOrThrow } from "@tiaojie/core";
 *
 * const township = divisionCodeOrThrow("532301104000");
 * ```
 * @since 0.2.0
 */
export const divisionCodeOrThrow: (input: string) => DivisionCode = orThrow(divisionCode);

/**
 * A 6-digit county code, checked as {@link CountyCode} checks it. Never throws.
 *
 * @example
 * ```ts
 * import { countyCode } from "@tiaojie/core";
 *
 * countyCode("532301").ok; // true (楚雄市)
 * countyCode("532300").ok; // false: a prefecture
 * ```
 * @since 0.2.0
 */
export const countyCode: (input: string) => Result<CountyCode, ValidationError> = constructorOf(CountyCode);

/**
 * {@link countyCode} for tests and scripts: the code, or its {@link ValidationError}
 * thrown. Code that handles input should use {@link countyCode}.
 *
 * @throws ValidationError when the text is not a valid county code
 * @example
 * ```ts
 * import { countyCodeOrThrow } from "@tiaojie/core";
 *
 * const county = countyCodeOrThrow("532301");
 * ```
 * @since 0.2.0
 */
export const countyCodeOrThrow: (input: string) => CountyCode = orThrow(countyCode);

/**
 * An identity number, checked as {@link IdentityNumber} checks it (every part and
 * the check character). Never throws, and its messages never repeat the number.
 *
 * @example
 * ```ts
 * import { identityNumber } from "@tiaojie/core";
 *
 * identityNumber("11010519491231002X").ok; // true: the standard's example
 * identityNumber("110105194912310021").ok; // false: wrong check character
 * ```
 * @since 0.2.0
 */
export const identityNumber: (input: string) => Result<IdentityNumber, ValidationError> = constructorOf(IdentityNumber);

/**
 * {@link identityNumber} for tests and scripts: the number, or its
 * {@link ValidationError} thrown. Code that handles input should use
 * {@link identityNumber}.
 *
 * @throws ValidationError when the text is not a valid identity number
 * @example
 * ```ts
 * import { identityNumberOrThrow } from "@tiaojie/core";
 *
 * const id = identityNumberOrThrow("11010519491231002X");
 * ```
 * @since 0.2.0
 */
export const identityNumberOrThrow: (input: string) => IdentityNumber = orThrow(identityNumber);

/**
 * A telephone number in mainland China, checked as {@link PhoneNumber} checks it
 * (an 11-digit mobile number or a landline with its area code). Never throws.
 *
 * @example
 * ```ts
 * import { phoneNumber } from "@tiaojie/core";
 *
 * phoneNumber("13800138000").ok; // true
 * phoneNumber("0878-3123456").ok; // true
 * phoneNumber("12345").ok; // false
 * ```
 * @since 0.2.0
 */
export const phoneNumber: (input: string) => Result<PhoneNumber, ValidationError> = constructorOf(PhoneNumber);

/**
 * {@link phoneNumber} for tests and scripts: the number, or its
 * {@link ValidationError} thrown. Code that handles input should use
 * {@link phoneNumber}.
 *
 * @throws ValidationError when the text is not a valid phone number
 * @example
 * ```ts
 * import { phoneNumberOrThrow } from "@tiaojie/core";
 *
 * const phone = phoneNumberOrThrow("13800138000");
 * ```
 * @since 0.2.0
 */
export const phoneNumberOrThrow: (input: string) => PhoneNumber = orThrow(phoneNumber);
