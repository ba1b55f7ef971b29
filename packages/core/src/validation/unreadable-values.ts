const textable = (value: object): boolean => {
  try {
    String(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Objects made from this prototype turn into text even when their own `toString`
 * is not a function: `String()` asks `Symbol.toPrimitive` first.
 */
const TEXTABLE: object = Object.freeze(
  Object.create(Object.prototype, {
    [Symbol.toPrimitive]: { value: () => "[object Object]" },
  }),
);

/**
 * A copy of an input in which every object that cannot be turned into text (one
 * whose own `toString` is not a function, as in the valid JSON `{"toString": {}}`,
 * or one without a prototype) can be, with the same own keys and values. Values
 * that need no change are returned as they are.
 *
 * Effect's union decoding turns discriminating values into text and throws on
 * such objects; decoding this copy instead gives the same verdict and the same
 * issues the schema would give, without throwing.
 *
 * @since 0.1.0
 */
export const textableCopy = (input: unknown, seen: Map<object, unknown> = new Map()): unknown => {
  if (input === null || typeof input !== "object") return input;
  const done = seen.get(input);
  if (done !== undefined) return done;
  if (Array.isArray(input)) {
    const copy: Array<unknown> = [];
    seen.set(input, copy);
    let changed = false;
    for (const item of input) {
      const next = textableCopy(item, seen);
      changed ||= next !== item;
      copy.push(next);
    }
    return changed ? copy : input;
  }
  const readable = textable(input);
  const copy: Record<string, unknown> = Object.create(readable ? Object.getPrototypeOf(input) : TEXTABLE);
  seen.set(input, copy);
  let changed = !readable;
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    const next = textableCopy(value, seen);
    changed ||= next !== value;
    copy[key] = next;
  }
  return changed ? copy : input;
};
