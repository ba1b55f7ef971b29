import { localDateOrThrow } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { printCampaignDemo } from "./campaign-demo.js";
import { printGradingDemo } from "./grading-demo.js";
import { printLedgerDemo } from "./ledger-demo.js";
import { printModelDemo } from "./model-demo.js";
import { printSupportDemo } from "./support-demo.js";

/**
 * The longer tour (`node dist/main.js --tour`): five sections that explain the
 * model, grading, the support registry, the campaign and the ledger service, on
 * a synthetic town made by a seeded generator (so every run prints the same) and
 * on a fixed date in the Zixi campaign's second phase.
 */
export const printTour = async (): Promise<void> => {
  const town = sampleTown(2024);
  const today = localDateOrThrow("2025-02-10");
  console.log("调解 Tiaojie — 矛盾纠纷排查化解台账工具包演示 / demo of the dispute-ledger toolkit");
  printModelDemo(town);
  printGradingDemo(town, today);
  printSupportDemo(town, today);
  printCampaignDemo(town, today);
  await printLedgerDemo(town, today);
};
