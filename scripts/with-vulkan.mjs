#!/usr/bin/env node
// Runs a command with a Vulkan driver Dawn can use: the machine's own if it has one, else SwiftShader from
// Debian's chromium package (CPU-only machines, CI). Usage: node scripts/with-vulkan.mjs CMD [ARGS...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
const env = { ...process.env };
const hasDriver = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'].some((d) => existsSync(d)) || env.VK_ICD_FILENAMES;
if (!hasDriver || env.USE_SWIFTSHADER) {
  if (!existsSync(swiftshader)) {
    console.error(`No Vulkan driver and no ${swiftshader}: install Debian's chromium (apt-get install chromium).`);
    process.exit(2);
  }
  env.VK_ICD_FILENAMES = swiftshader;
  env.LD_LIBRARY_PATH = ['/usr/lib/chromium', env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}
const [cmd, ...args] = process.argv.slice(2);
const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
process.exit(r.status ?? 1);
