import type { AccessPolicy } from "../access/access-policy.js";
import { defaultAccessPolicy } from "../access/access-policy.js";
import type { Calendar } from "../calendar/calendar.js";
import type { Campaign } from "../campaign/campaign.js";
import { type CompiledGradingTable, compileGradingTable } from "../grading/compile-grading-table.js";
import type { GradingTable } from "../grading/grading-table.js";
import type { Unit } from "../model/unit.js";
import { zixiLowerGradeApprovers } from "../presets/zixi/grade-approvers.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";
import { zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import { zixiSupportMeasures } from "../presets/zixi/support-measures.js";
import { defaultTimeLimits } from "../presets/zixi/time-limits.js";
import { zixiRetention } from "../presets/zixi/retention.js";
import type { RoutingConfig } from "../routing/routing-config.js";
import type { SupportCriteria } from "../support/support-criteria.js";
import type { SupportMeasures } from "../support/support-measures.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { TimeLimitRule } from "../time-limits/time-limit-rules.js";
import type { Clock } from "../ports/clock.js";
import { systemClock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/id-generator.js";
import type { KeyProvider } from "../ports/key-provider.js";
import type { LedgerStore, StoreCapabilities } from "../ports/ledger-store.js";
import { storeCapabilities } from "../ports/ledger-store.js";
import { uuidV7Generator } from "../crypto/uuid-v7.js";
import { generateDevelopmentKeys } from "../crypto/key-provider.js";
import type { RetentionPolicy } from "./retention-policy.js";

/**
 * The rules a ledger applies, each a versioned value with a default from the
 * Zixi preset.
 * @since 0.3.0
 */
export interface LedgerConfig {
  /** @default zixiGradingTable */
  readonly gradingTable?: GradingTable;
  /** @default zixiRoutingConfig */
  readonly routing?: RoutingConfig;
  /** @default zixiSupportCriteria */
  readonly supportCriteria?: SupportCriteria;
  /** @default zixiSupportMeasures */
  readonly supportMeasures?: SupportMeasures;
  /** @default defaultTimeLimits */
  readonly timeLimits?: ReadonlyArray<TimeLimitRule>;
  /**
   * The campaign whose deadlines the submissions answer and the reports follow.
   * @default absent: reports list no overdue submissions
   */
  readonly campaign?: Campaign;
  /** @default zixiLowerGradeApprovers */
  readonly lowerGradeApprovers?: ReadonlyArray<ActorRole>;
  /** @default zixiRetention */
  readonly retention?: RetentionPolicy;
  /**
   * Counts below this are suppressed in a summary for another level (county,
   * city), so no listed person can be singled out. The township's own report keeps
   * exact counts.
   * @default 5
   */
  readonly smallCellThreshold?: number;
  /**
   * The origin line of audit checkpoints: who keeps this ledger.
   * @default "tiaojie.ledger"
   */
  readonly checkpointOrigin?: string;
}

/**
 * What `createLedger` and `ledgerLayer` take: the store, the unit register and,
 * optionally, the other ports and the rules.
 * @since 0.3.0
 */
export interface LedgerOptions {
  readonly store: LedgerStore;
  /** The unit register: every actor's unit and every lead unit must be in it. */
  readonly units: ReadonlyArray<Unit>;
  /** @default systemClock */
  readonly clock?: Clock;
  /**
   * The calendar time limits and reports count working days on (China's:
   * `chinaCalendar` of `@tiaojie/calendar-cn`).
   * @default absent: reports and time limits return `CalendarMissing`
   */
  readonly calendar?: Calendar;
  /**
   * The keys. Required with a durable store; a store that keeps nothing past the
   * process may go without, and then gets random keys for the process's life.
   * @default generated development keys (non-durable stores only)
   */
  readonly keys?: KeyProvider;
  /** @default uuidV7Generator() */
  readonly ids?: IdGenerator;
  /** @default defaultAccessPolicy */
  readonly policy?: AccessPolicy;
  readonly config?: LedgerConfig;
}

/** @internal Everything resolved once, when the ledger is made. */
export interface LedgerEnv {
  readonly store: LedgerStore;
  readonly capabilities: StoreCapabilities;
  readonly units: ReadonlyArray<Unit>;
  readonly unitById: ReadonlyMap<string, Unit>;
  readonly clock: Clock;
  readonly calendar: Calendar | undefined;
  readonly keys: KeyProvider;
  readonly ids: IdGenerator;
  readonly policy: AccessPolicy;
  readonly grading: CompiledGradingTable;
  readonly gradingTable: GradingTable;
  readonly routing: RoutingConfig;
  readonly supportCriteria: SupportCriteria;
  readonly supportMeasures: SupportMeasures;
  readonly timeLimits: ReadonlyArray<TimeLimitRule>;
  readonly campaign: Campaign | undefined;
  readonly lowerGradeApprovers: ReadonlyArray<ActorRole>;
  readonly retention: RetentionPolicy;
  readonly smallCellThreshold: number;
  readonly checkpointOrigin: string;
}

/** @internal Resolves the options; a misconfiguration throws at start-up, with both languages. */
export const resolveLedgerEnv = (options: LedgerOptions): LedgerEnv => {
  const capabilities = storeCapabilities(options.store);
  const config = options.config ?? {};
  const gradingTable = config.gradingTable ?? zixiGradingTable;
  const compiled = compileGradingTable(gradingTable);
  if (!compiled.ok) throw new RangeError(`createLedger: 分级表有误 / the grading table is invalid: ${compiled.error.message}`);
  if (options.keys === undefined && capabilities.durable) {
    throw new RangeError(
      `createLedger: 持久化存储 ${options.store.name} 必须提供密钥 / a durable store (${options.store.name}) needs a key provider: without one its data would be unreadable after a restart`,
    );
  }
  const threshold = config.smallCellThreshold ?? 5;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError("createLedger: smallCellThreshold 应为正整数 / must be a positive integer");
  return {
    store: options.store,
    capabilities,
    units: options.units,
    unitById: new Map(options.units.map((u) => [u.id, u])),
    clock: options.clock ?? systemClock,
    calendar: options.calendar,
    keys: options.keys ?? generateDevelopmentKeys().keys,
    ids: options.ids ?? uuidV7Generator(),
    policy: options.policy ?? defaultAccessPolicy,
    grading: compiled.value,
    gradingTable,
    routing: config.routing ?? zixiRoutingConfig,
    supportCriteria: config.supportCriteria ?? zixiSupportCriteria,
    supportMeasures: config.supportMeasures ?? zixiSupportMeasures,
    timeLimits: config.timeLimits ?? defaultTimeLimits,
    campaign: config.campaign,
    lowerGradeApprovers: config.lowerGradeApprovers ?? zixiLowerGradeApprovers,
    retention: config.retention ?? zixiRetention,
    smallCellThreshold: threshold,
    checkpointOrigin: config.checkpointOrigin ?? "tiaojie.ledger",
  };
};
