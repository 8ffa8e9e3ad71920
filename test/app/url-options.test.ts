import { describe, expect, it } from 'vitest';
import { parseAppOptions } from '../../src/app/url-options.ts';

describe('parseAppOptions', () => {
  it('defaults to the full model, automatic delegate, smoothing on, no debug API', () => {
    expect(parseAppOptions('')).toEqual({
      model: 'full',
      delegate: 'auto',
      smoothing: true,
      skeleton: true,
      debug: false,
      qa: false,
      frameloop: 'demand',
      adaptive: false,
    });
  });

  it('reads every option', () => {
    expect(
      parseAppOptions(
        '?model=heavy&delegate=gpu&smoothing=0&skeleton=0&debug=1&qa=1&frameloop=always&quality=auto',
      ),
    ).toEqual({
      model: 'heavy',
      delegate: 'GPU',
      smoothing: false,
      skeleton: false,
      debug: true,
      qa: true,
      frameloop: 'always',
      adaptive: true,
    });
  });

  it('loads the QA harness only with the debug API', () => {
    expect(parseAppOptions('?qa=1').qa).toBe(false);
  });

  it('ignores unknown values', () => {
    expect(parseAppOptions('?model=huge&delegate=tpu')).toMatchObject({
      model: 'full',
      delegate: 'auto',
    });
  });
});
