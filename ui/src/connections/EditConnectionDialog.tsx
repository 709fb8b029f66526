import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ConnectionEdit } from "../bindings/ConnectionEdit";
import type { ConnectionProfile } from "../bindings/ConnectionProfile";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { KeychainStatus } from "../bindings/KeychainStatus";
import { Dialog } from "../shell/Dialog";
import { complete, ConnectionFields, type Fields } from "./ConnectionFields";
import { ConnectionTestResult } from "./ConnectionTestResult";
import { CONNECTIONS_KEY } from "./queries";
import { KIND_LABEL } from "./words";
import { ConnectionDialogActions } from "./ConnectionDialogActions";

function withoutTrailingSlash(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

interface Props {
  profile: ConnectionProfile;
  keychain: KeychainStatus | undefined;
  onClose(): void;
}

/** Renames a connection, points it elsewhere, or replaces its key (left empty, it stays). */
export function EditConnectionDialog({ profile, keychain, onClose }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const formId = useId();
  const [fields, setFields] = useState<Fields>({ name: profile.name, url: profile.baseUrl, orgId: profile.orgId, key: "" });
  const { kind } = profile;

  const edit = (): ConnectionEdit => ({
    name: fields.name.trim(),
    url: kind === "custodianDirectory" ? fields.url.trim() : null,
    orgId: fields.orgId.trim(),
  });
  // Somewhere else, the kept key (made for the old place) proves nothing: a new key is needed.
  const moved =
    fields.orgId.trim() !== profile.orgId ||
    (kind === "custodianDirectory" && withoutTrailingSlash(fields.url) !== withoutTrailingSlash(profile.baseUrl));
  const test = useMutation<ConnectionTest, BackendError>({
    mutationFn: () =>
      moved
        ? backend.testNewConnection({ ...edit(), kind }, fields.key)
        : backend.testSavedConnection(profile.id, fields.key || null),
  });
  const save = useMutation<ConnectionsOverview, BackendError>({
    mutationFn: () => backend.editConnection(profile.id, edit(), fields.key || null),
    onSuccess: (overview) => {
      setFields((now) => ({ ...now, key: "" }));
      queryClient.setQueryData(CONNECTIONS_KEY, overview);
      // Its name shows in the status bar when it is in use.
      void queryClient.invalidateQueries({ queryKey: ["connectionStatus"] });
      onClose();
    },
  });
  // Moved, it needs the new place's key to be tested or saved.
  const ready = complete(kind, fields, moved);
  const busy = test.isPending || save.isPending;
  const error = test.error ?? save.error;

  function change(next: Partial<Fields>) {
    setFields((now) => ({ ...now, ...next }));
    test.reset();
    save.reset();
  }

  return (
    <Dialog
      title={`Edit ${profile.name}`}
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
        <p className="muted">{KIND_LABEL[kind]}</p>
        <ConnectionFields
          kind={kind}
          fields={fields}
          onChange={change}
          keychain={keychain}
          keyHint={moved ? "Enter the key for the new organization or server." : "Leave it empty to keep the key you saved."}
        />
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
