import { describe, expect, it } from 'vitest';
import { progressBar, progressReporter } from '../../../src/server/cli/progress.ts';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, columns: 40, written, write: (text: string) => written.push(text) };
};

describe('import progress', () => {
  it.each([
    [0, 4, '[--------] 0/4'],
    [1, 4, '[##------] 1/4'],
    [4, 4, '[########] 4/4'],
    [3, 12, '[##------]  3/12'],
    [0, 0, '[########] 0/0'],
  ])('%i of %i is %s', (done, total, bar) => {
    expect(progressBar(done, total, 8)).toBe(bar);
  });

  it('redraws one bar in place on a terminal, cut to its width, and ends the line when done', () => {
    const tty = stream(true);
    const report = progressReporter(tty);
    report({ done: 0, total: 2, current: 'A very long garment name that would wrap the line' });
    report({ done: 2, total: 2, current: null });
    expect(tty.written[0]!.startsWith(`\r\x1b[2K[${'-'.repeat(24)}] 0/2 A very`)).toBe(true);
    expect(tty.written[0]!.length - '\r\x1b[2K'.length).toBe(39);
    expect(tty.written.slice(1)).toEqual([`\r\x1b[2K[${'#'.repeat(24)}] 2/2 done`, '\n']);
  });

  it('writes plain lines, no control characters, when not a terminal', () => {
    const log = stream(false);
    const report = progressReporter(log);
    report({ done: 0, total: 2, current: 'Linen shirt' });
    report({ done: 1, total: 2, current: 'Wrap dress' });
    report({ done: 2, total: 2, current: null });
    expect(log.written).toEqual(['importing 1/2: Linen shirt\n', 'importing 2/2: Wrap dress\n']);
  });
});
