#!/usr/bin/env node
// Refreshes the vendored inputs under data/ (the API model, country data, registration forms and
// service facts, each with its README and sources) from a directory that holds the same folders,
// such as the team's shared/ folder. The generators and tests read only data/, so a clone alone
// builds and passes its tests. After a refresh, run `npm run gen:model`, `npm run gen:countries`
// and `npm run gen:registration` and commit data/ and fixtures/ together.
//
// usage: node scripts/refresh-data.mjs --from DIR [--only aws-models,country-data,...]
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['aws-models', 'country-data', 'registration-data', 'service-facts'];

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const from = arg('--from');
if (!from) {
  process.stderr.write('usage: node scripts/refresh-data.mjs --from DIR [--only FOLDER,...]\n');
  process.exitCode = 2;
} else {
  const only = arg('--only')?.split(',') ?? FOLDERS;
  const unknown = only.filter((f) => !FOLDERS.includes(f));
  const missing = only.filter((f) => !existsSync(path.join(from, f)) || !statSync(path.join(from, f)).isDirectory());
  if (unknown.length || missing.length) {
    if (unknown.length) process.stderr.write(`unknown folder(s): ${unknown.join(', ')} (known: ${FOLDERS.join(', ')})\n`);
    if (missing.length) process.stderr.write(`not found under ${from}: ${missing.join(', ')}\n`);
    process.exitCode = 2;
  } else {
    for (const folder of only) {
      const target = path.join(root, 'data', folder);
      rmSync(target, { recursive: true, force: true });
      cpSync(path.join(from, folder), target, { recursive: true });
      process.stdout.write(`data/${folder}: ${readdirSync(target).length} files from ${path.join(from, folder)}\n`);
    }
  }
}
