import cliProgress from "cli-progress";
import type { CliIo } from "./cli-io.js";

/** A progress bar drawn only on a terminal; elsewhere it does nothing. */
export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly stop: () => void;
}

/** A bar on standard error when it is a terminal (cli-progress), else a no-op, so piped output and logs stay clean. */
export const progressBar = (io: CliIo, label: string): Progress => {
  if (io.progress === undefined) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ stream: io.progress, format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false, noTTYOutput: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};
