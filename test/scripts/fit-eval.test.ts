import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AnthropometryError, parseAnthropometry } from '../../scripts/body-model/anthropometry.ts';
import { requireAnthropometryFixture } from '../../scripts/fixtures.ts';

const run = promisify(execFile);
const fixture = readFileSync(requireAnthropometryFixture(), 'utf8');
const [header, ...lines] = fixture.split('\n');
const dir = mkdtempSync(join(tmpdir(), 'fit-eval-'));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function fitEval(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('npx', ['tsx', 'scripts/fit-eval.ts', ...args]);
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

/** The fixture's first rows, without `column`. */
function withoutColumn(column: string): string {
  const at = header!.split(',').indexOf(column);
  return [header!, ...lines.slice(0, 5)]
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== at)
        .join(','),
    )
    .join('\n');
}

/** The fixture's first rows, with every cell of `column` set to `value`. */
function withCell(column: string, value: string): string {
  const at = header!.split(',').indexOf(column);
  const rows = lines.slice(0, 5).map((line) =>
    line
      .split(',')
      .map((cell, i) => (i === at ? value : cell))
      .join(','),
  );
  return [header!, ...rows].join('\n');
}

describe('fit:eval', () => {
  it('writes { inputs, rows, summary } with MAE, bias and coverage per output', async () => {
    const out = join(dir, 'out.json');
    const path = csv('some.csv', [header, ...lines.slice(0, 40)].join('\n'));
    const { code } = await fitEval(
      '--anthropometry',
      path,
      '--inputs',
      'height,sex,weight,front',
      '--camera-noise',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      inputs: string[];
      rows: unknown[];
      summary: Record<string, Record<string, number>>;
    };
    expect(result.inputs).toEqual(['height', 'sex', 'weight', 'front']);
    expect(result.rows).toHaveLength(40);
    for (const name of ['chest', 'waist', 'hip', 'neck', 'shoulder', 'sleeve', 'inseam']) {
      expect(Object.keys(result.summary[name]!).sort(), name).toEqual([
        'bias_cm',
        'coverage68',
        'coverage95',
        'mae_cm',
      ]);
      expect(result.summary[name]!.mae_cm, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it.each([
    ['a missing column', withoutColumn('waistbreadth'), 'waistbreadth'],
    ['a malformed value', withCell('chestcircumference', 'n/a'), 'chestcircumference'],
  ])(
    'exits 2 naming the column on %s',
    async (_, text, column) => {
      const { code, stderr } = await fitEval(
        '--anthropometry',
        csv(`${column}.csv`, text),
        '--inputs',
        'height,front',
      );
      expect(code).toBe(2);
      expect(stderr).toContain(`"${column}"`);
    },
    60_000,
  );

  it('skips, and counts, rows with no stated height or one the app refuses (94 in, a typing slip)', async () => {
    const at = header!.split(',').indexOf('Heightin');
    const rows = lines.slice(0, 5).map((line, i) =>
      line
        .split(',')
        .map((cell, k) => (k === at && i < 2 ? ['94', '0'][i]! : cell))
        .join(','),
    );
    const out = join(dir, 'skipped.json');
    const path = csv('skipped.csv', [header, ...rows].join('\n'));
    const { code } = await fitEval(
      '--anthropometry',
      path,
      '--inputs',
      'height,weight',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { rows: unknown[]; skipped: string[] };
    expect(result.rows).toHaveLength(3);
    expect(result.skipped).toEqual(lines.slice(0, 2).map((line) => line.split(',')[0]));
  }, 60_000);

  it('exits 2 on an unknown input name', async () => {
    const path = csv('ok.csv', [header, ...lines.slice(0, 3)].join('\n'));
    const { code, stderr } = await fitEval('--anthropometry', path, '--inputs', 'height,shoe');
    expect(code).toBe(2);
    expect(stderr).toContain('"shoe"');
  }, 60_000);
});

describe('parseAnthropometry', () => {
  it('reads millimetres as cm, inches and pounds as cm and kg, a stated weight of 0 as not stated', () => {
    const [row] = parseAnthropometry([header, lines[0]].join('\n'));
    // The fixture's first row: 73 in, 213 lb, chest 1128 mm, stature 1834 mm.
    expect(row!.statedHeightCm).toBeCloseTo(185.42, 9);
    expect(row!.statedWeightKg).toBeCloseTo(96.615, 3);
    expect(row!.truth.chest).toBeCloseTo(112.8, 9);
    expect(row!.statureCm).toBeCloseTo(183.4, 9);
    const noWeight = withCell('Weightlbs', '0');
    expect(parseAnthropometry(noWeight)[0]!.statedWeightKg).toBeNull();
  });

  it('reads the survey’s own release format too: a byte-order mark, quoted cells, Gender as Male/Female', () => {
    const quoted = (line: string) =>
      line
        .split(',')
        .map((cell) => `"${cell}"`)
        .join(',');
    const at = header!.split(',').indexOf('sex');
    const release = [
      `\uFEFF${quoted(header!.replace(/(^|,)sex(,|$)/, '$1Gender$2'))}`,
      quoted(
        lines[0]!
          .split(',')
          .map((cell, i) => (i === at ? { M: 'Male', F: 'Female' }[cell] : cell))
          .join(','),
      ),
    ].join('\r\n');
    expect(parseAnthropometry(release)).toEqual(parseAnthropometry([header, lines[0]].join('\n')));
  });

  it('names the column and its code', () => {
    expect(() => parseAnthropometry(withCell('sex', 'X'))).toThrow(
      expect.objectContaining({
        code: 'ANTHROPOMETRY_VALUE_MALFORMED',
        column: 'sex',
      }) as AnthropometryError,
    );
  });
});
