// The footer of a dialog that holds one form: Cancel, and the button that submits that form (by its id, since the
// footer sits outside the form), disabled until the form is ready and showing what it does while it is busy.
interface Props {
  formId: string;
  onCancel: () => void;
  ready: boolean;
  busy: boolean;
  /** What the submit button says, and what it says while the request runs. */
  label: string;
  busyLabel: string;
}

export function FormFooter({ formId, onCancel, ready, busy, label, busyLabel }: Props) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={formId} className="button primary" disabled={!ready}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
