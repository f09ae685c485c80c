// Prepares CIFAR-10 shards from ../shared/data into public/data (skipped when up to date, or when the folder is
// absent), so the prepared-shard flow can be tested against the dev server. It runs in the web server's command,
// before Vite starts: Playwright starts the web server before any globalSetup, and Vite indexes public/ at start,
// so shards written after it were left to its file watcher, which once missed one (served index.html, 781 bytes).
import { execFileSync } from 'node:child_process';
import { hasCifarSubset, SHARED_DATA } from './shared-data';

if (hasCifarSubset) {
  execFileSync('npx', ['tsx', 'scripts/data-prepare.ts', '--from', SHARED_DATA, '--only', 'cifar-10'], {
    stdio: 'inherit',
  });
}
