import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, with nothing that reaches the network on its own. `fakeMedia`: a microphone
 * (and camera) that plays a test tone, allowed without asking, for the pages that record the voice.
 */
export function launchBrowser(opts: { fakeMedia?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.fakeMedia ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []),
    ],
  });
}
