// What went wrong with a form, under its fields, read out by screen readers as it appears.
import type { ReactNode } from 'react';

export function FieldError({ children }: { children: ReactNode }) {
  return (
    <p className="field-error" role="alert">
      {children}
    </p>
  );
}
