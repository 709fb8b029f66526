import { useId } from "react";

import type { ConnectionKind } from "../bindings/ConnectionKind";
import type { KeychainStatus } from "../bindings/KeychainStatus";
import { ATLASSIAN_API } from "./words";

export interface Fields {
  name: string;
  url: string;
  orgId: string;
  /** Typed by the admin, sent once, never shown again. */
  key: string;
}

export const NO_FIELDS: Fields = { name: "", url: "", orgId: "", key: "" };

/** Every field a connection of this kind needs is filled in (the key only when `needsKey`). */
export function complete(kind: ConnectionKind, fields: Fields, needsKey: boolean): boolean {
  return (
    fields.name.trim() !== "" &&
    fields.orgId.trim() !== "" &&
    (kind === "atlassianCloud" || fields.url.trim() !== "") &&
    (!needsKey || fields.key !== "")
  );
}

interface Props {
  kind: ConnectionKind;
  fields: Fields;
  onChange(change: Partial<Fields>): void;
  keychain: KeychainStatus | undefined;
  /** Under the key: e.g. that leaving it empty keeps the one kept. */
  keyHint?: string;
}

/** Name, address, organization and key of a connection. */
export function ConnectionFields({ kind, fields, onChange, keychain, keyHint }: Props) {
  const keyId = useId();
  const keyHintId = useId();
  const atlassian = kind === "atlassianCloud";
  return (
    <>
      <label className="field">
        <span className="field__label">Name</span>
        <input
          className="input"
          value={fields.name}
          placeholder={atlassian ? "e.g. Acme on Atlassian" : "e.g. Acme directory"}
          maxLength={100}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </label>
      {atlassian ? (
        <div className="field">
          <span className="field__label">Address</span>
          <span className="connection-form__fixed" data-testid="atlassian-address">
            {ATLASSIAN_API}
          </span>
        </div>
      ) : (
        <label className="field">
          <span className="field__label">URL</span>
          <input
            className="input"
            type="url"
            value={fields.url}
            placeholder="https://directory.example.com"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChange({ url: event.target.value })}
          />
        </label>
      )}
      <label className="field">
        <span className="field__label">Organization ID</span>
        <input
          className="input"
          value={fields.orgId}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange({ orgId: event.target.value })}
        />
      </label>
      <div className="field">
        <label className="field__label" htmlFor={keyId}>
          {atlassian ? "Organization API key" : "API key"}
        </label>
        <input
          id={keyId}
          className="input"
          type="password"
          value={fields.key}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={keyHintId}
          onChange={(event) => onChange({ key: event.target.value })}
        />
        <span id={keyHintId} className="field__hint">
          {keyHint && `${keyHint} `}
          {keychain === undefined || keychain.available
            ? "Saved, it is kept in the OS keychain."
            : "Saved, it is kept in memory for this session only: no keychain is available."}
        </span>
      </div>
    </>
  );
}
