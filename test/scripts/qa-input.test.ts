import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQaArgs, QaInputError, readImage } from '../../scripts/qa-input.ts';

describe('parseQaArgs', () => {
  it('fills in the documented defaults', () => {
    expect(parseQaArgs(['--annotations', 'a.json'])).toEqual({
      annotations: 'a.json',
      imagesRoot: null,
      model: 'full',
      out: 'qa-report',
      thresholds: {},
      video: false,
    });
  });

  it('reads every flag', () => {
    const options = parseQaArgs([
      '--annotations',
      'a.json',
      '--images-root',
      'imgs',
      '--model',
      'lite',
      '--out',
      'o',
      '--min-pck',
      '0.8',
      '--min-recall',
      '0.5',
      '--video',
    ]);
    expect(options).toMatchObject({
      imagesRoot: 'imgs',
      model: 'lite',
      out: 'o',
      thresholds: { minPck: 0.8, minRecall: 0.5 },
      video: true,
    });
  });

  it.each([
    [[], '--annotations is required'],
    [['--annotations', 'a.json', '--model', 'huge'], '--model must be one of lite, full, heavy'],
    [['--annotations', 'a.json', '--min-pck', '80'], '--min-pck must be a fraction'],
    [['--annotations', 'a.json', '--frobnicate'], 'frobnicate'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseQaArgs(argv)).toThrow(QaInputError);
    expect(() => parseQaArgs(argv)).toThrow(message);
  });
});

describe('readImage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qa-input-'));

  it.each([
    ['a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg'],
    ['a.png', Buffer.from('89504e470d0a1a0a0000', 'hex'), 'image/png'],
    ['a.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), 'image/webp'],
  ])('sniffs %s from its bytes', (name, bytes, mime) => {
    writeFileSync(join(dir, name), bytes);
    expect(readImage(join(dir, name)).mime).toBe(mime);
  });

  it('names a file that is not an image, whatever its extension', () => {
    writeFileSync(join(dir, 'fake.jpg'), '<svg/>');
    expect(() => readImage(join(dir, 'fake.jpg'))).toThrow(/fake\.jpg" is not a JPEG, PNG or WebP/);
  });

  it('names a missing file', () => {
    expect(() => readImage(join(dir, 'gone.png'))).toThrow(/gone\.png" is missing/);
  });
});
