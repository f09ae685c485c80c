// Files the app hands the user: click a button, wait for the download, read it before its context closes.
import { readFileSync } from 'node:fs';
import type { Download, Locator } from '@playwright/test';

export async function download(button: Locator): Promise<Download> {
  const [file] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  return file;
}

export async function downloadBytes(button: Locator): Promise<Buffer> {
  return readFileSync(await (await download(button)).path());
}

export async function downloadText(button: Locator): Promise<string> {
  return (await downloadBytes(button)).toString('utf8');
}
