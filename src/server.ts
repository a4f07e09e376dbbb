#!/usr/bin/env node
// Entry point. Checks the Node version before loading anything that needs Node 22, then
// hands over to main(). Caches compiled code so later starts are faster.

import module from 'node:module';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `avatar-looks-mcp needs Node.js 22.19 or newer; this is ${process.versions.node}. ` +
      'Install Node 22 (https://nodejs.org, or `npx -y node@22 …`) and start it again.\n',
  );
  process.exit(1);
}
module.enableCompileCache?.();

const { main } = await import('./main.ts');
await main(process.argv.slice(2));
