import { useEffect, useState } from 'react';

/**
 * Exact percent entry beside a slider. Keeps what the user is typing (even an empty
 * box) and applies each whole number from 0 to 100 as it is typed.
 */
export function WeightInput({ value, onChange, label, invalid, describedBy, disabled }: {
  value: number;
  onChange: (value: number) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : String(value)));
  }, [value]);
  return (
    <input
      className="input input-num"
      type="number"
      inputMode="numeric"
      min={0}
      max={100}
      step={1}
      value={text}
      disabled={disabled}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (/^\d{1,3}$/.test(next) && Number(next) <= 100) onChange(Number(next));
      }}
      onBlur={() => setText(String(value))}
    />
  );
}
