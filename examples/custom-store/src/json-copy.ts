// Rows cross the port as copies, in both directions: the caller may change what
// it gave or got, and the store must not notice. The copy goes through JSON text,
// so a row read before the file is reopened is exactly the row read after.

/** A deep copy of JSON-safe data, made through its JSON text. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
