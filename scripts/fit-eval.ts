/**
 * `npm run fit:eval -- --anthropometry FILE.csv --inputs height,sex,weight,front,side
 *  [--camera-noise] [--held-out] [--out FILE.json]`
 *
 * Scores the body model on ANSUR-format rows (scripts/body-model/evaluate.ts) and writes
 * `{ inputs, cameraNoise, rows, skipped, cameraRejected, summary }` to FILE.json (else stdout); a table of the summary
 * goes to stderr. `--held-out` keeps only this repository's held-out subjects (the fit never saw
 * them). Exit 2 on a bad argument or a malformed CSV (the message names the column).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BODY_OUTPUTS } from '../src/fit/body-model-space.ts';
import { AnthropometryError, isHeldOut, readAnthropometry } from './body-model/anthropometry.ts';
import { evaluate, INPUT_SETS, type InputSet } from './body-model/evaluate.ts';

function fail(message: string): never {
  console.error(`fit:eval: ${message}`);
  process.exit(2);
}

function parseInputs(text: string): InputSet[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(INPUT_SETS as readonly string[]).includes(name)) {
      fail(`unknown input "${name}" in --inputs: use any of ${INPUT_SETS.join(', ')}`);
    }
  }
  if (!names.includes('height'))
    fail('--inputs must include height (every estimate starts from it)');
  return names as InputSet[];
}

let args;
try {
  args = parseArgs({
    options: {
      anthropometry: { type: 'string' },
      inputs: { type: 'string', default: 'height,sex,weight,front' },
      'camera-noise': { type: 'boolean', default: false },
      'held-out': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (!args.anthropometry) fail('--anthropometry FILE.csv is required');
const inputs = parseInputs(args.inputs);

let rows;
try {
  rows = readAnthropometry(args.anthropometry);
} catch (error) {
  if (error instanceof AnthropometryError)
    fail(`${error.code} (column ${error.column}): ${error.message}`);
  fail(`cannot read ${args.anthropometry}: ${(error as Error).message}`);
}
if (args['held-out']) rows = rows.filter(isHeldOut);
const result = evaluate(rows, inputs, args['camera-noise']);
if (result.rows.length === 0) fail(`${args.anthropometry} has no rows to evaluate`);
const json = JSON.stringify(result);
if (args.out) writeFileSync(args.out, json);
else process.stdout.write(`${json}\n`);

console.error(
  `${result.rows.length} rows (${result.skipped.length} skipped: no stated height, or one outside 120–230 cm), inputs ${inputs.join(',')}${args['camera-noise'] ? ', camera noise' : ''}; camera inputs left out as implausible for ${result.cameraRejected}`,
);
console.error('output     MAE cm  bias cm  cover68  cover95');
for (const name of BODY_OUTPUTS) {
  const s = result.summary[name];
  console.error(
    `${name.padEnd(9)} ${s.mae_cm.toFixed(2).padStart(7)} ${s.bias_cm.toFixed(2).padStart(8)} ${s.coverage68.toFixed(3).padStart(8)} ${s.coverage95.toFixed(3).padStart(8)}`,
  );
}
