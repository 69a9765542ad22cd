import type { RebuildProgress } from './rebuild-read-models';

/** progress of either rebuild; a Kafka replay also knows its lag (records not read yet, up to the newest) */
export type ShownProgress = RebuildProgress & { readonly lag?: number };

/** `[#######.............]  1234/5000  24.7%  812 events/s` (Kafka: `... lag 3766`) */
export function formatProgress(progress: ShownProgress, width = 30): string {
  const { done, total, elapsedMs, lag } = progress;
  const ratio = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const counts = `${String(done).padStart(String(total).length)}/${total}`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counts} ${(ratio * 100).toFixed(1).padStart(5)}% ${rate} events/s${lag === undefined ? '' : ` lag ${lag}`}`;
}

/**
 * A progress callback that draws the bar on a terminal (redrawn in place, at most every
 * `intervalMs`), or prints a line now and then when the output is a file or pipe.
 */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = stream.isTTY ? 100 : 2000,
): (progress: ShownProgress) => void {
  let lastDrawn = 0;
  let finished = false;
  return (progress) => {
    const complete = progress.done >= progress.total;
    if (finished || (!complete && Date.now() - lastDrawn < intervalMs)) return;
    lastDrawn = Date.now();
    finished = complete;
    const line = formatProgress(progress);
    stream.write(stream.isTTY ? `\r${line}${complete ? '\n' : ''}` : `${line}\n`);
  };
}
