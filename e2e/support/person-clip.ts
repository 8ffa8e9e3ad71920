import { readFileSync } from 'node:fs';
import type { PersonClipMeta } from '../global-setup.ts';
import { PERSON_CLIP_META } from './clips.ts';

export function readPersonClipMeta(): PersonClipMeta {
  return JSON.parse(readFileSync(PERSON_CLIP_META, 'utf8')) as PersonClipMeta;
}
