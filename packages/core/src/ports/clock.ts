import { shanghaiDateOf } from "../calendar/local-dates.js";
import type { LocalDate } from "../model/local-date.js";

/**
 * Where the ledger service reads the time: the instant now, and the day it is in
 * Asia/Shanghai (the day every deadline, listing and report of the ledger counts in).
 * The core itself never reads a clock; only the service does, through this port.
 *
 * An implementation MUST return instants that never go backwards within one
 * process, and `today()` MUST be the Asia/Shanghai day of `now()`.
 *
 * @example
 * ```ts
 * const clock: Clock = fixedClock(Date.parse("2025-03-01T09:00:00+08:00"));
 * clock.today(); // "2025-03-01"
 * ```
 * @since 0.3.0
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  readonly now: () => number;
  /** The Asia/Shanghai day of `now()`. */
  readonly today: () => LocalDate;
}

/**
 * The machine's clock.
 *
 * @example
 * ```ts
 * createLedger({ store, units, clock: systemClock });
 * ```
 * @since 0.3.0
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  today: () => shanghaiDateOf(Date.now()),
};

/**
 * A clock stopped at one instant, or moved by hand: for tests, examples and
 * replays. `advance(ms)` moves it forward; `set(instant)` puts it anywhere later.
 *
 * @example
 * ```ts
 * const clock = fixedClock(Date.parse("2025-03-01T09:00:00+08:00"));
 * clock.advance(24 * 3600_000);
 * clock.today(); // "2025-03-02"
 * ```
 * @since 0.3.0
 */
export const fixedClock = (start: number): Clock & { readonly advance: (ms: number) => void; readonly set: (at: number) => void } => {
  let at = start;
  return {
    now: () => at,
    today: () => shanghaiDateOf(at),
    advance: (ms) => {
      if (!(ms >= 0)) throw new RangeError("fixedClock.advance: a clock moves forward only");
      at += ms;
    },
    set: (next) => {
      if (!(next >= at)) throw new RangeError("fixedClock.set: a clock moves forward only");
      at = next;
    },
  };
};
