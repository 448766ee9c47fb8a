// Makes sure a Chromium is there for the Playwright tests. Never downloads Playwright's own browsers:
// it uses Debian's chromium, installing it with apt when running as root, or says what to do.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${wanted}, but no file is there.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('Chromium not found: installing Debian\'s chromium package (apt-get install -y chromium)...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (existsSync(wanted)) process.exit(0);
}
console.error('No Chromium found at /usr/bin/chromium: install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.');
process.exit(1);
