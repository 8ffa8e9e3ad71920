import { checkBodyInputs, type StatedBody } from '../fit/body-model.ts';
import type { Sex } from '../fit/body-model-space.ts';
import {
  heightCmFromFeetInches,
  weightKg,
  type HeightUnit,
  type WeightUnit,
} from '../fit/units.ts';

/** The "Find my size" form as typed: strings, and the units chosen. */
export interface StatedBodyForm {
  readonly heightUnit: HeightUnit;
  /** cm, when `heightUnit` is cm. */
  readonly heightCm: string;
  /** When `heightUnit` is ftin. */
  readonly feet: string;
  readonly inches: string;
  /** Empty: not stated. */
  readonly weight: string;
  readonly weightUnit: WeightUnit;
  /** Empty: not said. */
  readonly sex: Sex | '';
}

export const EMPTY_STATED_BODY_FORM: StatedBodyForm = {
  heightUnit: 'cm',
  heightCm: '',
  feet: '',
  inches: '',
  weight: '',
  weightUnit: 'kg',
  sex: '',
};

/** A number from a field; NaN when it is not one (the range checks then name the field). */
function number(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.replace(',', '.'));
}

/** What the form states, in cm and kg; throws `BodyInputError` on a value out of range. */
export function statedBody(form: StatedBodyForm): StatedBody {
  const heightCm =
    form.heightUnit === 'cm'
      ? number(form.heightCm)
      : heightCmFromFeetInches(
          number(form.feet),
          form.inches.trim() === '' ? 0 : number(form.inches),
        );
  const stated: StatedBody = {
    heightCm,
    ...(form.weight.trim() !== ''
      ? { weightKg: weightKg(number(form.weight), form.weightUnit) }
      : {}),
    ...(form.sex !== '' ? { sex: form.sex } : {}),
  };
  checkBodyInputs(stated);
  return stated;
}
