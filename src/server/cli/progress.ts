import type { ImportProgress } from '../../shared/garment-import.ts';

const BAR_WIDTH = 24;

/** `[#########---------------]  9/24` Pure. */
export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const digits = String(total).length;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(digits)}/${total}`;
}

interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * Import progress on `stream`: on a terminal one bar redrawn in place; elsewhere (a log, a pipe)
 * one plain line per garment, with no control characters.
 */
export function progressReporter(stream: ProgressStream): (progress: ImportProgress) => void {
  if (!stream.isTTY)
    return ({ done, total, current }) => {
      if (current !== null) stream.write(`importing ${done + 1}/${total}: ${current}\n`);
    };
  return ({ done, total, current }) => {
    const line = `${progressBar(done, total)} ${current ?? 'done'}`;
    // Clear the line and rewrite it, cut to the terminal so it never wraps; a terminal that
    // does not say its width (0) is taken as 80 columns.
    const columns = stream.columns || 80;
    stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
    if (current === null) stream.write('\n');
  };
}
