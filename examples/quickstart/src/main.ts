import { sampleTown } from "@tiaojie/core/testing";
import { printModelDemo } from "./model-demo.js";

// The demo runs on a synthetic town: a seeded generator, so every run prints the same.
const town = sampleTown(2024);

console.log("调解 Tiaojie — 矛盾纠纷排查化解台账工具包演示 / demo of the dispute-ledger toolkit");
printModelDemo(town);
