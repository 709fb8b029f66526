interface Props {
  formId: string;
  onClose(): void;
  onTest(): void;
  testable: boolean;
  ready: boolean;
  testing: boolean;
  saving: boolean;
}

/** Cancel, Test and Save, as the Add and Edit connection dialogs offer them. */
export function ConnectionDialogActions({ formId, onClose, onTest, testable, ready, testing, saving }: Props) {
  const busy = testing || saving;
  return (
    <>
      <button type="button" className="button" onClick={onClose} disabled={saving}>
        Cancel
      </button>
      <button type="button" className="button" disabled={!testable || busy} onClick={onTest}>
        {testing ? "Testing…" : "Test"}
      </button>
      <button type="submit" form={formId} className="button button--primary" disabled={!ready || busy}>
        {saving ? "Saving…" : "Save"}
      </button>
    </>
  );
}
