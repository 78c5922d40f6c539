// `node --import ./test/support/record-imports.mjs …` appends the URL of every module the process
// resolves to the file named by RECORD_IMPORTS_TO (both import and require of ES modules).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(process.env.RECORD_IMPORTS_TO, result.url + '\\n');
      return result;
    }`)}`,
);
