import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium); never a downloaded browser (TOOLCHAIN.md). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags from TOOLCHAIN.md; Playwright adds --headless and a fresh temporary --user-data-dir itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Screenshots for people to look at, in the git-ignored test-artifacts/ folder. */
export const ARTIFACTS_DIR = join(__dirname, '../../../test-artifacts/dashboard');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
