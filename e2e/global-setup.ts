// Prepares CIFAR-10 shards from ../shared/data into public/data (skipped when up to date, or when the folder
// is absent), so the prepared-shard flow can be tested against the dev server.
import { execFileSync } from 'node:child_process';
import { hasCifarSubset, SHARED_DATA } from './shared-data';

export default function globalSetup(): void {
  if (!hasCifarSubset) return;
  execFileSync('npx', ['tsx', 'scripts/data-prepare.ts', '--from', SHARED_DATA, '--only', 'cifar-10'], {
    stdio: 'inherit',
  });
}
