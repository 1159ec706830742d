// An MCP elicitation's requested schema as form fields, and the typed content the filled form sends back. MCP limits
// such a schema to one flat object of strings, numbers, booleans and enums; anything else (a tool's own JSON schema)
// gives null, and the card falls back to a JSON editor. Pure.

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'choices';

export interface FormField {
  name: string;
  /** What the person reads: the property's title, else its name. */
  label: string;
  description: string | null;
  kind: FieldKind;
  required: boolean;
  /** For `choice` and `choices`: the value sent and the words shown. */
  options: { value: string; label: string }[];
  /** The field's starting value, as the form holds it. */
  initial: string | string[] | boolean;
  secret: boolean;
}

/** What the form holds per field before it is sent: text for text and numbers, a flag, or the chosen values. */
export type FormValues = Record<string, string | string[] | boolean>;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : null);

function optionsOf(p: Loose): { value: string; label: string }[] | null {
  const plain = strings(p.enum);
  if (plain) {
    const names = strings(p.enumNames);
    return plain.map((value, i) => ({ value, label: names?.[i] ?? value }));
  }
  if (Array.isArray(p.oneOf)) {
    const titled = p.oneOf.filter(isObject).filter((o) => typeof o.const === 'string');
    return titled.map((o) => ({ value: String(o.const), label: typeof o.title === 'string' ? o.title : String(o.const) }));
  }
  return null;
}

function fieldOf(name: string, p: Loose, required: boolean): FormField | null {
  const base = {
    name,
    label: typeof p.title === 'string' && p.title !== '' ? p.title : name,
    description: typeof p.description === 'string' && p.description !== '' ? p.description : null,
    required,
    options: [] as FormField['options'],
    secret: false,
  };
  switch (p.type) {
    case 'string': {
      const options = optionsOf(p);
      if (options) return { ...base, kind: 'choice', options, initial: typeof p.default === 'string' ? p.default : '' };
      return { ...base, kind: 'text', initial: typeof p.default === 'string' ? p.default : '', secret: p.format === 'password' };
    }
    case 'number':
    case 'integer':
      return { ...base, kind: p.type, initial: typeof p.default === 'number' ? String(p.default) : '' };
    case 'boolean':
      return { ...base, kind: 'boolean', initial: p.default === true };
    case 'array': {
      const items = isObject(p.items) ? optionsOf(p.items) : null;
      if (!items) return null;
      return { ...base, kind: 'choices', options: items, initial: strings(p.default) ?? [] };
    }
    default:
      return null;
  }
}

/** The form an elicitation asks for, field by field; null when its schema is not MCP's flat form. */
export function formFieldsOf(schema: unknown): FormField[] | null {
  if (!isObject(schema) || schema.type !== 'object' || !isObject(schema.properties)) return null;
  const required = new Set(strings(schema.required) ?? []);
  const fields: FormField[] = [];
  for (const [name, p] of Object.entries(schema.properties)) {
    const field = isObject(p) ? fieldOf(name, p, required.has(name)) : null;
    if (!field) return null;
    fields.push(field);
  }
  return fields;
}

/** The content a filled form sends, or the first thing the person still has to fix. Empty optional fields are left out. */
export function formContent(fields: FormField[], values: FormValues): { content: Record<string, unknown> } | { problem: string } {
  const content: Record<string, unknown> = {};
  for (const f of fields) {
    const value = values[f.name] ?? f.initial;
    if (f.kind === 'boolean') {
      content[f.name] = value === true;
      continue;
    }
    if (f.kind === 'choices') {
      const chosen = Array.isArray(value) ? value : [];
      if (f.required && chosen.length === 0) return { problem: `Choose at least one for “${f.label}”.` };
      if (chosen.length > 0) content[f.name] = chosen;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (f.required) return { problem: `Fill in “${f.label}”.` };
      continue;
    }
    if (f.kind === 'number' || f.kind === 'integer') {
      const n = Number(text);
      if (!Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) {
        return { problem: `“${f.label}” needs ${f.kind === 'integer' ? 'a whole number' : 'a number'}.` };
      }
      content[f.name] = n;
    } else {
      content[f.name] = f.kind === 'text' && !f.secret ? text : value;
    }
  }
  return { content };
}
