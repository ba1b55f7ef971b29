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
 * Arrays nested in arrays deeper than this are given their own `toString`:
 * `String()` of an array joins its items' text, recursing once per level, and
 * overflows the call stack some thousands of levels down.
 */
const TEXTABLE_ARRAY_DEPTH = 256;

const arrayText = (): string => "[array]";

/**
 * A copy of an input in which every object that cannot be turned into text (one
 * whose own `toString` is not a function, as in the valid JSON `{"toString": {}}`,
 * or one without a prototype) can be, with the same own keys and values. Values
 * that need no change are returned as they are. Arrays nested more than
 * {@link TEXTABLE_ARRAY_DEPTH} deep in arrays (as `[[[…]]]` thousands deep) are
 * copied with a `toString` of their own that does not recurse (not enumerable,
 * so not a key the schema sees).
 *
 * Effect's union decoding turns discriminating values into text and throws on
 * such objects; decoding this copy instead gives the same verdict and the same
 * issues the schema would give, without throwing.
 *
 * @since 0.1.0
 */
export const textableCopy = (input: unknown): unknown => {
  if (input === null || typeof input !== "object") return input;
  // An explicit stack, not recursion: an input nested 100,000 deep (which
  // JSON.parse makes without complaint) must not overflow the call stack.
  const seen = new Map<object, unknown>();
  const open = (value: object): Frame => {
    if (Array.isArray(value)) {
      const copy: Array<unknown> = [];
      seen.set(value, copy);
      return { input: value, copy, keys: undefined, at: 0, changed: false, depth: 1 };
    }
    const readable = textable(value);
    const copy = Object.create(readable ? Object.getPrototypeOf(value) : TEXTABLE) as Record<string, unknown>;
    seen.set(value, copy);
    return { input: value, copy, keys: Object.keys(value), at: 0, changed: !readable, depth: 0 };
  };
  /** Puts the copy of the frame's current item into its copy, and moves on. */
  const place = (frame: Frame, value: unknown, next: unknown): void => {
    frame.changed ||= next !== value;
    if (frame.keys === undefined) (frame.copy as Array<unknown>).push(next);
    // Defined, not assigned: an own `__proto__` key stays a key and does not become the prototype.
    else Object.defineProperty(frame.copy, frame.keys[frame.at]!, { value: next, enumerable: true, writable: true, configurable: true });
    frame.at += 1;
  };
  const stack: Array<Frame> = [open(input)];
  for (;;) {
    const frame = stack[stack.length - 1]!;
    const length = frame.keys === undefined ? (frame.input as ReadonlyArray<unknown>).length : frame.keys.length;
    if (frame.at < length) {
      const key = frame.keys === undefined ? frame.at : frame.keys[frame.at]!;
      const value = (frame.input as Record<string | number, unknown>)[key];
      if (value === null || typeof value !== "object") place(frame, value, value);
      else if (seen.has(value)) place(frame, value, seen.get(value));
      else stack.push(open(value));
      continue;
    }
    stack.pop();
    if (frame.depth > TEXTABLE_ARRAY_DEPTH) {
      frame.changed = true;
      Object.defineProperty(frame.copy, "toString", { value: arrayText, enumerable: false });
    }
    const done = frame.changed ? frame.copy : frame.input;
    const parent = stack[stack.length - 1];
    if (parent === undefined) return done;
    if (parent.keys === undefined && frame.keys === undefined) parent.depth = Math.max(parent.depth, frame.depth + 1);
    const key = parent.keys === undefined ? parent.at : parent.keys[parent.at]!;
    place(parent, (parent.input as Record<string | number, unknown>)[key], done);
  }
};

/**
 * An object or array being copied: its copy so far, its keys (none for an
 * array), the next item, whether any item changed, and for an array how deep
 * arrays are nested in it (itself included).
 */
interface Frame {
  readonly input: object;
  readonly copy: Array<unknown> | Record<string, unknown>;
  readonly keys: ReadonlyArray<string> | undefined;
  at: number;
  changed: boolean;
  depth: number;
}
