import type { ReactNode } from 'react';
import { Field } from '../../../components/ui/Field';

/**
 * A labelled number box of a draft. It reports every keystroke; an empty or half-typed
 * number is not applied. Uncontrolled (`defaultValue`): `fieldKey` resets it when the
 * bucket shown changes.
 */
export function NumberField({ label, hint, error, step, value, fieldKey, disabled, onNumber }: {
  label: string;
  hint?: ReactNode;
  error?: string[] | null;
  step: number;
  value: number;
  fieldKey: string;
  disabled?: boolean;
  onNumber(n: number): void;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      <input
        className="input"
        type="number"
        step={step}
        defaultValue={value}
        key={fieldKey}
        disabled={disabled}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw.trim() === '') return;
          const n = Number(raw);
          if (Number.isFinite(n)) onNumber(n);
        }}
      />
    </Field>
  );
}
