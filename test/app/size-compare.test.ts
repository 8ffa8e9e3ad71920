import { describe, expect, it } from 'vitest';
import { sizesToCompare } from '../../src/app/size-compare.ts';

describe('sizesToCompare', () => {
  it.each([
    [['S', 'M', 'L', 'XL'], 'M', ['M', 'L']],
    [['S', 'M', 'L', 'XL'], 'S', ['S', 'M']],
    [['S', 'M', 'L', 'XL'], 'XL', ['L', 'XL']],
    [['38', '40'], '40', ['38', '40']],
  ] as const)('sizes %j worn in %s: compares %j', (labels, worn, expected) => {
    expect(sizesToCompare(labels, worn)).toEqual(expected);
  });

  it('has nothing to compare for a one-size garment or an unknown worn size', () => {
    expect(sizesToCompare(['One size'], 'One size')).toBeNull();
    expect(sizesToCompare(['S', 'M'], 'XXL')).toBeNull();
  });
});
