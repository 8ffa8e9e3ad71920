import { useState, type FormEvent } from 'react';
import { measurementBasis } from '../fit/body-measurements.ts';
import { BODY_OUTPUTS, type BodyOutput } from '../fit/body-model-space.ts';
import type { SizeAdvice } from '../fit/size-advice.ts';
import type { HeightUnit, WeightUnit } from '../fit/units.ts';
import type { SizeAdvisor as Advisor } from './size-advisor.ts';
import { EMPTY_STATED_BODY_FORM, type StatedBodyForm } from './stated-body-form.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

const LABEL: Readonly<Record<BodyOutput, string>> = {
  chest: 'Chest',
  waist: 'Waist',
  hip: 'Hips',
  neck: 'Neck',
  shoulder: 'Shoulders (bone to bone)',
  sleeve: 'Sleeve',
  inseam: 'Inseam',
  thigh: 'Thigh',
};

/**
 * "Find my size": stated height (weight and sex optional), capture prompts and progress, then
 * advice per worn garment.
 */
export function SizeAdvisor({ advisor, wardrobe }: { advisor: Advisor; wardrobe: Wardrobe }) {
  const capture = useStore(advisor.state, (s) => s.capture);
  const prompt = useStore(advisor.state, (s) => s.prompt);
  const progress = useStore(advisor.state, (s) => s.progress);
  const measurements = useStore(advisor.state, (s) => s.measurements);
  const advice = useStore(advisor.state, (s) => s.advice);
  const saved = useStore(advisor.state, (s) => s.saved);
  const fitMap = useStore(advisor.state, (s) => s.fitMap);
  const error = useStore(advisor.state, (s) => s.error);
  const catalog = useStore(wardrobe.state, (s) => s.catalog);
  const [form, setForm] = useState<StatedBodyForm>(EMPTY_STATED_BODY_FORM);
  const capturing = capture.step === 'front' || capture.step === 'side';
  const edit = (change: Partial<StatedBodyForm>) => setForm((f) => ({ ...f, ...change }));
  const noHeight = form.heightUnit === 'cm' ? form.heightCm === '' : form.feet === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    advisor.startFromForm(form);
  };
  const name = (id: string) => catalog.find((g) => g.id === id)?.name ?? id;

  return (
    <section className="size-advisor" aria-label="Find my size" data-step={capture.step}>
      <h2>Find my size</h2>
      <form onSubmit={submit}>
        {form.heightUnit === 'cm' ? (
          <label>
            Your height (cm)
            <input
              type="number"
              inputMode="numeric"
              min={120}
              max={230}
              value={form.heightCm}
              onChange={(e) => edit({ heightCm: e.target.value })}
            />
          </label>
        ) : (
          <>
            <label>
              Your height (feet)
              <input
                type="number"
                inputMode="numeric"
                min={4}
                max={7}
                value={form.feet}
                onChange={(e) => edit({ feet: e.target.value })}
              />
            </label>
            <label>
              and inches
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={11}
                value={form.inches}
                onChange={(e) => edit({ inches: e.target.value })}
              />
            </label>
          </>
        )}
        <label>
          Height in
          <select
            value={form.heightUnit}
            onChange={(e) => edit({ heightUnit: e.target.value as HeightUnit })}
          >
            <option value="cm">cm</option>
            <option value="ftin">feet and inches</option>
          </select>
        </label>
        <label>
          Your weight (optional)
          <input
            type="number"
            inputMode="decimal"
            value={form.weight}
            onChange={(e) => edit({ weight: e.target.value })}
          />
        </label>
        <label>
          Weight in
          <select
            value={form.weightUnit}
            onChange={(e) => edit({ weightUnit: e.target.value as WeightUnit })}
          >
            <option value="kg">kg</option>
            <option value="lb">lb</option>
          </select>
        </label>
        <label>
          Sex (optional)
          <select
            value={form.sex}
            onChange={(e) => edit({ sex: e.target.value as StatedBodyForm['sex'] })}
          >
            <option value="">Not said</option>
            <option value="F">Female</option>
            <option value="M">Male</option>
          </select>
        </label>
        <p className="privacy">
          Weight and sex are optional and stay on this device; they narrow the estimates. Without
          them you still get advice, with wider ranges.
        </p>
        <button type="submit" disabled={capturing || noHeight}>
          Measure me
        </button>
        {capturing && (
          <button type="button" onClick={() => advisor.cancel()}>
            Cancel
          </button>
        )}
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {capture.step !== 'idle' && (
        <p className="size-prompt" role="status">
          {prompt}
        </p>
      )}
      {capturing && <progress max={1} value={progress} aria-label="Measuring" />}
      {capture.step === 'offerSide' && (
        <div className="size-actions">
          <button type="button" onClick={() => advisor.acceptSide()}>
            Turn sideways
          </button>
          <button type="button" onClick={() => advisor.skipSide()}>
            Skip
          </button>
        </div>
      )}
      {measurements && advice.length === 0 && <p>Put on a garment to see which size fits.</p>}
      {advice.map((a) => (
        <AdviceCard key={a.garmentId} advice={a} name={name(a.garmentId)} advisor={advisor} />
      ))}
      {measurements && (
        <>
          <p className="size-basis">{measurementBasis(measurements)}</p>
          <details className="size-measurements">
            <summary>Your measurements (estimates, ± one standard deviation)</summary>
            <dl>
              {BODY_OUTPUTS.map((m) => {
                const v = measurements.values[m];
                return (
                  <div key={m} data-measurement={m}>
                    <dt>{LABEL[m]}</dt>
                    <dd>
                      {v.cm.toFixed(0)} ± {v.sigmaCm.toFixed(1)} cm
                    </dd>
                  </div>
                );
              })}
            </dl>
          </details>
          <div className="size-actions">
            <button
              type="button"
              aria-pressed={fitMap}
              disabled={advice.length === 0}
              onClick={() => advisor.setFitMap(!fitMap)}
            >
              Show fit map
            </button>
            {saved ? (
              <button type="button" onClick={() => advisor.forget()}>
                Delete my saved measurements
              </button>
            ) : (
              <button type="button" onClick={() => advisor.save()}>
                Save measurements on this device
              </button>
            )}
          </div>
          <p className="privacy">
            Your measurements stay in this browser
            {saved ? ' (saved here until you delete them)' : ''}; only the advised size is ever
            reported.
          </p>
        </>
      )}
    </section>
  );
}

function AdviceCard({
  advice,
  name,
  advisor,
}: {
  advice: SizeAdvice;
  name: string;
  advisor: Advisor;
}) {
  return (
    <article
      className="size-advice"
      data-testid="size-advice"
      data-garment={advice.garmentId}
      data-size={advice.size}
    >
      <h3>
        {name}:{' '}
        {advice.between ? `between ${advice.between[0]} and ${advice.between[1]}` : advice.size}
      </h3>
      <p className="size-confidence">
        Recommended {advice.size} · fit score {Math.round(advice.fit.score * 100)}% · confidence{' '}
        {Math.round(advice.confidence * 100)}%
      </p>
      <ul className="size-regions">
        {advice.fit.regions.map((r) => (
          <li key={r.measurement} data-region={r.region} data-verdict={r.verdict} title={r.reason}>
            <span className="region">{r.region}</span> <span className="verdict">{r.verdict}</span>
          </li>
        ))}
      </ul>
      <ul className="size-reasons">
        {advice.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void advisor.wearAdvised(advice.garmentId)}>
        Wear {advice.size}
      </button>
    </article>
  );
}
