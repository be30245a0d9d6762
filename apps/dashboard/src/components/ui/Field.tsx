import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled form control with its hint and error. The error is tied to the control
 * (aria-describedby) so screen readers read it with the field.
 */
export function Field({ label, hint, error, children, className }: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | string[] | null;
  children: ReactElement<ControlProps>;
  className?: string;
}) {
  const id = useId();
  const controlId = (isValidElement(children) && children.props.id) || `${id}-control`;
  const errors = error ? (Array.isArray(error) ? error : [error]) : [];
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={controlId}>{label}</label>
      {cloneElement(children, { id: controlId, 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': describedBy })}
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      {errors.length > 0 && <FieldError id={`${id}-error`} messages={errors} />}
    </div>
  );
}

export function FieldError({ id, messages }: { id?: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {messages.join(' · ')}
    </span>
  );
}
