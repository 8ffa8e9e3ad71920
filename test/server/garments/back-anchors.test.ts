import { describe, expect, it } from 'vitest';
import { otherSide, seenFromBehind } from '../../../src/server/garments/anchors.ts';

describe('anchors of a back photo', () => {
  it.each([
    ['leftShoulder', 'rightShoulder'],
    ['rightSleeveEnd', 'leftSleeveEnd'],
    ['leftArmpit', 'rightArmpit'],
    ['rightHem', 'leftHem'],
    ['leftKnee', 'rightKnee'],
    ['collar', 'collar'],
    ['crotch', 'crotch'],
  ] as const)('%s is named %s from behind', (anchor, expected) => {
    expect(otherSide(anchor)).toBe(expected);
  });

  it('keeps every point where it is in the image and swaps only the names of sided ones', () => {
    // Read as a front photo, the point on the image's left (x 12) is the wearer's right; the
    // same photo of the back shows their left there.
    const proposed = {
      anchors: {
        collar: [50, 4],
        rightSleeveEnd: [12, 30],
        leftSleeveEnd: [88, 31],
        rightHem: [30, 96],
      },
      confidence: { collar: 0.9, rightSleeveEnd: 0.4, leftSleeveEnd: 0.8, rightHem: 0.7 },
    } as const;
    expect(seenFromBehind(proposed)).toEqual({
      anchors: {
        collar: [50, 4],
        leftSleeveEnd: [12, 30],
        rightSleeveEnd: [88, 31],
        leftHem: [30, 96],
      },
      confidence: { collar: 0.9, leftSleeveEnd: 0.4, rightSleeveEnd: 0.8, leftHem: 0.7 },
    });
  });
});
