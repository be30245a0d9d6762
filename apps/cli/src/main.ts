#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises';
import { readCliEnv } from './cli-config';
import { run } from './run';

/** `npx switchyard …` — see USAGE in run.ts. */
void run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  env: readCliEnv(),
}).then((code) => {
  process.exitCode = code;
});
