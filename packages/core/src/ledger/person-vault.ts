import { newDataKey, openJson, sealJson, unwrapDataKey, wrapDataKey } from "../crypto/envelope.js";
import { blindIndex } from "../crypto/blind-index.js";
import type { Person } from "../model/person.js";
import type { PersonKeyRow, PersonRow, SealedText } from "../ports/store-rows.js";
import type { DivisionCode } from "../model/division-code.js";
import { SealedDataUnreadable } from "./ledger-errors.js";
import type { Work } from "./unit-of-work.js";

// Envelope encryption of a person's sensitive fields: one data key per person,
// wrapped by the key provider's current key-encryption key, kept in its own row
// so that deleting that row (crypto-shredding) makes every copy unreadable.

/** The sealed part of a person. */
interface PersonSecrets {
  readonly identityNumber?: string;
  readonly contact?: Person["contact"];
}

const keysOf = (work: Work): Map<string, Uint8Array> => work.memo as Map<string, Uint8Array>;

/** @internal A new data key for a new person, and its wrapped row. */
export const newPersonKey = (work: Work, person: string, jurisdiction: DivisionCode): { readonly key: Uint8Array; readonly row: PersonKeyRow } => {
  const keyId = work.env.keys.currentKeyId;
  const kek = work.env.keys.keyEncryptionKey(keyId);
  if (kek === undefined) throw new RangeError(`key provider: no key-encryption key ${keyId}`);
  const key = newDataKey();
  keysOf(work).set(person, key);
  return { key, row: { id: person as PersonKeyRow["id"], version: 1, jurisdiction, kekId: keyId, wrapped: wrapDataKey(key, kek, person) } };
};

/** @internal The person's data key, unwrapped (once per transaction); `undefined` once erased. */
export const personKeyIfKept = async (work: Work<SealedDataUnreadable>, person: string): Promise<Uint8Array | undefined> => {
  const cached = keysOf(work).get(person);
  if (cached) return cached;
  const row = await work.tx.personKeys.get(person);
  if (row === undefined) return undefined;
  const kek = work.env.keys.keyEncryptionKey(row.kekId);
  if (kek === undefined) return work.fail(new SealedDataUnreadable({ person, why: "key-missing" }));
  const key = unwrapDataKey(row.wrapped, kek, person);
  if (key === undefined) return work.fail(new SealedDataUnreadable({ person, why: "corrupt" }));
  keysOf(work).set(person, key);
  return key;
};

/** @internal The person's data key, unwrapped (once per transaction). */
export const personKey = async (work: Work<SealedDataUnreadable>, person: string): Promise<Uint8Array> =>
  (await personKeyIfKept(work, person)) ?? work.fail(new SealedDataUnreadable({ person, why: "erased" }));

/** @internal Seal any JSON value of a person under their key. */
export const sealFor = async (work: Work<SealedDataUnreadable>, person: string, value: unknown): Promise<SealedText> =>
  sealJson(value, await personKey(work, person), person);

/** @internal Open a value sealed for a person. */
export const openFor = async <A>(work: Work<SealedDataUnreadable>, person: string, sealed: SealedText): Promise<A> => {
  const value = openJson(sealed, await personKey(work, person));
  return value === undefined ? work.fail(new SealedDataUnreadable({ person, why: "corrupt" })) : (value as A);
};

/** @internal The row of a new person: its sealed fields and its blind index. */
export const personRowOf = (work: Work, person: Person, key: Uint8Array): PersonRow => {
  const secrets: PersonSecrets = {
    ...(person.identityNumber === undefined ? {} : { identityNumber: person.identityNumber }),
    ...(person.contact === undefined ? {} : { contact: person.contact }),
  };
  const hasSecrets = secrets.identityNumber !== undefined || secrets.contact !== undefined;
  return {
    id: person.id,
    version: 1,
    jurisdiction: person.jurisdiction,
    name: person.name,
    registeredOn: work.today,
    ...(hasSecrets ? { sealed: sealJson(secrets, key, person.id) } : {}),
    ...(person.identityNumber === undefined ? {} : { identityIndex: blindIndex(work.env.keys.blindIndexKey, person.identityNumber) }),
  };
};

/** @internal The person a row holds, opened; `undefined` once erased. */
export const openPerson = async (work: Work<SealedDataUnreadable>, row: PersonRow): Promise<Person | undefined> => {
  if (row.erasedOn !== undefined || row.name === undefined) return undefined;
  const base = { id: row.id, name: row.name, jurisdiction: row.jurisdiction };
  if (row.sealed === undefined) return base as Person;
  return { ...base, ...(await openFor<PersonSecrets>(work, row.id, row.sealed)) } as Person;
};

/** @internal The blind index of an identity number, for exact-match lookup. */
export const identityIndexOf = (work: Work, identityNumber: string): string => blindIndex(work.env.keys.blindIndexKey, identityNumber);
