import { existsSync } from 'node:fs';

/** Debian's Chromium unless `CHROMIUM_PATH` names another; Playwright never downloads one here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for every headless Chromium we start: no sandbox (root in CI), and none of Chromium's own
 * background traffic, which this machine's closed network refuses many times a start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium's fake webcam, playing `y4mPath` in a loop, with the permission prompt auto-accepted. */
export function fakeCameraArgs(y4mPath: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mPath}`,
  ];
}

export function assertChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `Chromium was not found at ${CHROMIUM_PATH}. Install it with "sudo apt-get install -y chromium" ` +
      '(Debian/Ubuntu), or set CHROMIUM_PATH=/path/to/chromium.',
  );
}

/** Launch options for Playwright: our Chromium, our flags, plus `extraArgs`. */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): {
  executablePath: string;
  args: string[];
} {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] };
}
