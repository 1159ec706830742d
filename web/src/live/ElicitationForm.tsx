// The form an MCP tool asks for (an elicitation), one labelled field per property of its schema: text, numbers, a
// yes/no box, one choice or several. Holds nothing itself; the approval card keeps the values and sends them.
import { useId } from 'react';
import type { FormField, FormValues } from './elicitation.js';

function Field({
  f,
  value,
  onChange,
}: {
  f: FormField;
  value: string | string[] | boolean;
  onChange: (v: string | string[] | boolean) => void;
}) {
  const id = useId();
  const label = (
    <>
      {f.label}
      {f.required && <span className="muted"> (required)</span>}
      {f.description && <span className="muted"> — {f.description}</span>}
    </>
  );
  switch (f.kind) {
    case 'boolean':
      return (
        <label className="approval-option">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{label}</span>
        </label>
      );
    case 'choice':
    case 'choices': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const many = f.kind === 'choices';
      return (
        <fieldset className="approval-question">
          <legend>{label}</legend>
          {f.options.map((o) => (
            <label key={o.value} className="approval-option">
              <input
                type={many ? 'checkbox' : 'radio'}
                name={id}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(many ? (e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value)) : o.value)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    default:
      return (
        <label className="approval-question" htmlFor={id}>
          <span className="approval-question-text">{label}</span>
          <input
            id={id}
            type={f.secret ? 'password' : f.kind === 'text' ? 'text' : 'number'}
            step={f.kind === 'integer' ? 1 : 'any'}
            value={typeof value === 'string' ? value : ''}
            autoComplete="off"
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      );
  }
}

export function ElicitationForm({
  fields,
  values,
  onChange,
}: {
  fields: FormField[];
  values: FormValues;
  onChange: (name: string, value: string | string[] | boolean) => void;
}) {
  return (
    <div className="approval-form">
      {fields.map((f) => (
        <Field key={f.name} f={f} value={values[f.name] ?? f.initial} onChange={(v) => onChange(f.name, v)} />
      ))}
    </div>
  );
}
