import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ConnectionKind } from "../bindings/ConnectionKind";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { KeychainStatus } from "../bindings/KeychainStatus";
import type { NewConnection } from "../bindings/NewConnection";
import { Dialog } from "../shell/Dialog";
import { complete, ConnectionFields, type Fields, NO_FIELDS } from "./ConnectionFields";
import { ConnectionTestResult } from "./ConnectionTestResult";
import { CONNECTIONS_KEY } from "./queries";
import { KIND_HELP, KIND_LABEL } from "./words";
import { ConnectionDialogActions } from "./ConnectionDialogActions";

const KINDS: ConnectionKind[] = ["atlassianCloud", "custodianDirectory"];

function KindCard({ kind, checked, onChoose }: { kind: ConnectionKind; checked: boolean; onChoose(): void }) {
  const titleId = useId();
  const helpId = useId();
  return (
    <label className="radio-card" data-checked={checked || undefined}>
      <input
        type="radio"
        name="connection-kind"
        value={kind}
        checked={checked}
        onChange={onChoose}
        aria-labelledby={titleId}
        aria-describedby={helpId}
      />
      <span className="radio-card__text">
        <span id={titleId} className="radio-card__title">
          {KIND_LABEL[kind]}
        </span>
        <span id={helpId} className="radio-card__help">
          {KIND_HELP[kind]}
        </span>
      </span>
    </label>
  );
}

/** A new connection: its kind, where it goes, its key; tested if the admin likes, then saved. */
export function AddConnectionDialog({ keychain, onClose }: { keychain: KeychainStatus | undefined; onClose(): void }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const formId = useId();
  const [kind, setKind] = useState<ConnectionKind>("atlassianCloud");
  const [fields, setFields] = useState<Fields>(NO_FIELDS);

  const connection = (): NewConnection => ({
    name: fields.name.trim(),
    kind,
    url: kind === "custodianDirectory" ? fields.url.trim() : null,
    orgId: fields.orgId.trim(),
  });
  const test = useMutation<ConnectionTest, BackendError>({
    mutationFn: () => backend.testNewConnection(connection(), fields.key),
  });
  const save = useMutation<ConnectionsOverview, BackendError>({
    mutationFn: () => backend.addConnection(connection(), fields.key),
    onSuccess: (overview) => {
      setFields((now) => ({ ...now, key: "" }));
      queryClient.setQueryData(CONNECTIONS_KEY, overview);
      onClose();
    },
  });
  const ready = complete(kind, fields, true);
  const busy = test.isPending || save.isPending;
  const error = test.error ?? save.error;

  // A result or refusal describes what was entered then, not what is entered now.
  function change(next: Partial<Fields>) {
    setFields((now) => ({ ...now, ...next }));
    test.reset();
    save.reset();
  }

  return (
    <Dialog
      title="Add a connection"
      onClose={onClose}
      busy={save.isPending}
      actions={
        <ConnectionDialogActions
          formId={formId}
          onClose={onClose}
          onTest={() => test.mutate()}
          testable={ready}
          ready={ready}
          testing={test.isPending}
          saving={save.isPending}
        />
      }
    >
      <form
        id={formId}
        className="connection-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !busy) save.mutate();
        }}
      >
        <fieldset className="radio-cards">
          <legend className="field__label">Kind</legend>
          {KINDS.map((k) => (
            <KindCard key={k} kind={k} checked={kind === k} onChoose={() => (setKind(k), change({}))} />
          ))}
        </fieldset>
        <ConnectionFields kind={kind} fields={fields} onChange={change} keychain={keychain} />
        {!ready && <p className="field__hint">Fill in every field to test or save the connection.</p>}
      </form>
      {test.data && <ConnectionTestResult test={test.data} kind={kind} />}
      {error && (
        <p className="notice notice--error" role="alert">
          {error.message}
        </p>
      )}
    </Dialog>
  );
}
