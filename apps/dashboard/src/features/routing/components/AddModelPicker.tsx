import { useState } from 'react';
import { Button } from '../../../components/ui/Button';

interface Props {
  /** Models that can still be added. */
  models: string[];
  /** Accessible name of the select, e.g. "Add a target to bulk". */
  label: string;
  placeholder: string;
  action: string;
  onAdd: (model: string) => void;
}

/** A select of models and an add button (a bucket's targets and its fallbacks). */
export function AddModelPicker({ models, label, placeholder, action, onAdd }: Props) {
  const [toAdd, setToAdd] = useState('');
  return (
    <div className="row">
      <select className="select" aria-label={label} value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
        <option value="">{placeholder}</option>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        disabled={!toAdd}
        onClick={() => {
          onAdd(toAdd);
          setToAdd('');
        }}
      >
        {action}
      </Button>
    </div>
  );
}
