import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used so far by every thread of this process's descendants (Chromium's browser, GPU and
 * renderer processes), from Linux's /proc, in ms, keyed `process type / thread name`: where the
 * CPU goes during a span, measured across processes — a Chrome trace's main-thread view does not
 * show the GPU process's SwiftShader threads competing with the pose worker. Thread names lose
 * their trailing numbers, so a pool's threads add up under one key. Null off Linux.
 */
export function threadCpuMs(): Map<string, number> | null {
  if (!existsSync('/proc/self/task')) return null;
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readOrNull(`/proc/${pid}/stat`);
    if (stat) parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const ours = new Set([process.pid]);
  // Descendants: repeat until no process joins (children may be listed before their parent).
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  ours.delete(process.pid);
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on every Linux Chromium runs on.
  const totals = new Map<string, number>();
  for (const pid of ours) {
    const type = processType(readOrNull(`/proc/${pid}/cmdline`) ?? '');
    if (type === null) continue;
    const tasks = readdirOrEmpty(`/proc/${pid}/task`);
    for (const tid of tasks) {
      const stat = readOrNull(`/proc/${pid}/task/${tid}/stat`);
      const comm = readOrNull(`/proc/${pid}/task/${tid}/comm`);
      if (!stat || !comm) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are the 14th and 15th fields of stat; `fields` starts at the 3rd.
      const ticks = Number(fields[11]) + Number(fields[12]);
      const name = `${type} / ${comm.trim().replace(/[\d:_-]+$/, '')}`;
      totals.set(name, (totals.get(name) ?? 0) + ticks / ticksPerMs);
    }
  }
  return totals;
}

/**
 * Chromium's process type from its command line, `browser` for the parent; null for others.
 * Chromium rewrites its children's command lines joined by spaces (setproctitle), hence both.
 */
function processType(cmdline: string): string | null {
  const args = cmdline.split(/[\0 ]/);
  if (!/chrom/i.test(args[0] ?? '')) return null;
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (type === 'utility') {
    const sub = args.find((arg) => arg.startsWith('--utility-sub-type='));
    return `utility ${sub?.split('.').at(-2) ?? ''}`.trim();
  }
  return type ?? 'browser';
}

/** `after − before` per thread key, ms. */
export function cpuSince(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [name, ms] of after) spent.set(name, ms - (before.get(name) ?? 0));
  return spent;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread ended meanwhile
  }
}

function readdirOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
