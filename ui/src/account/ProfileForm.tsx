import { useState } from "react";

import type { Account } from "../bindings/Account";
import type { AccountPermissions } from "../bindings/AccountPermissions";
import type { FieldEdit } from "../bindings/FieldEdit";
import type { ProfileField } from "../bindings/ProfileField";
import { useApplyChange } from "./useApplyChange";

interface FieldSpec {
  field: ProfileField;
  label: string;
  max: number;
  required?: boolean;
  value(account: Account): string | null;
}

// The directory's limits, checked here as the admin types and again by core and the server.
export const PROFILE_FIELDS: FieldSpec[] = [
  { field: "name", label: "Full name", max: 100, required: true, value: (a) => a.name },
  { field: "publicName", label: "Public name", max: 30, required: true, value: (a) => a.publicName },
  { field: "jobTitle", label: "Job title", max: 255, value: (a) => a.jobTitle },
  { field: "department", label: "Department", max: 255, value: (a) => a.department },
  { field: "organization", label: "Organization", max: 255, value: (a) => a.organization },
  { field: "location", label: "Location", max: 255, value: (a) => a.location },
  { field: "timeZone", label: "Time zone", max: 64, value: (a) => a.timeZone },
  { field: "locale", label: "Language", max: 35, value: (a) => a.locale },
];

const LOCALES = ["en-US", "en-GB", "de-DE", "es-ES", "fr-FR", "it-IT", "ja-JP", "ko-KR", "nl-NL", "pl-PL", "pt-BR", "ru-RU", "sv-SE", "zh-CN", "zh-TW"];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

function problem(spec: FieldSpec, value: string): string | null {
  const trimmed = value.trim();
  if (spec.required && trimmed === "") return `${spec.label} is required.`;
  if ([...trimmed].length > spec.max) return `${spec.label} is ${spec.max} characters at most.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${spec.label} cannot contain line breaks or control characters.`;
  return null;
}

interface Props {
  account: Account;
  permissions: AccountPermissions;
  onDone(): void;
}

/** Edits the profile in place; fields the identity provider owns are read-only, with why. */
export function ProfileForm({ account: current, permissions, onDone }: Props) {
  // What the form opened with: a refresh landing meanwhile must not turn untouched fields
  // into edits that would send their old values back.
  const [account] = useState(current);
  const apply = useApplyChange(account.accountId);
  const [values, setValues] = useState<Record<ProfileField, string>>(
    () => Object.fromEntries(PROFILE_FIELDS.map((spec) => [spec.field, spec.value(account) ?? ""])) as Record<ProfileField, string>,
  );
  const zones = timeZones();

  const edits: FieldEdit[] = PROFILE_FIELDS.filter((spec) => values[spec.field] !== (spec.value(account) ?? "")).map((spec) => ({
    field: spec.field,
    value: values[spec.field],
  }));
  const problems = PROFILE_FIELDS.map((spec) => [spec.field, problem(spec, values[spec.field])] as const).filter(([, text]) => text);

  function save() {
    if (edits.length === 0) return onDone();
    if (problems.length > 0) return;
    apply.mutate({ kind: "editProfile", edits }, { onSuccess: onDone });
  }

  return (
    <form
      className="profile-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onDone();
        }
      }}
    >
      {PROFILE_FIELDS.map((spec, index) => {
        const permission = permissions.profile[spec.field];
        const readOnly = permission !== undefined && !permission.allowed;
        const hintId = `profile-${spec.field}-hint`;
        const fieldProblem = problems.find(([field]) => field === spec.field)?.[1];
        const common = {
          id: `profile-${spec.field}`,
          value: values[spec.field],
          disabled: readOnly || apply.isPending,
          "aria-describedby": readOnly || fieldProblem ? hintId : undefined,
          "aria-invalid": fieldProblem ? true : undefined,
          autoFocus: index === 0,
          onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
            setValues({ ...values, [spec.field]: event.target.value }),
        };
        const choices = spec.field === "timeZone" ? zones : spec.field === "locale" ? LOCALES : null;
        return (
          <div key={spec.field} className="field">
            <label className="field__label" htmlFor={common.id}>
              {spec.label}
            </label>
            {choices ? (
              <select className="select" {...common}>
                <option value="">—</option>
                {values[spec.field] && !choices.includes(values[spec.field]) && <option value={values[spec.field]}>{values[spec.field]}</option>}
                {choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input className="input" maxLength={spec.max * 2} {...common} />
            )}
            {readOnly && (
              <span id={hintId} className="field__hint">
                {permission.reason}
              </span>
            )}
            {!readOnly && fieldProblem && (
              <span id={hintId} className="field__hint field__hint--error">
                {fieldProblem}
              </span>
            )}
          </div>
        );
      })}
      {apply.error && (
        <p className="notice notice--error" role="alert">
          {apply.error.message}
        </p>
      )}
      <div className="profile-form__actions">
        <button type="button" className="button" onClick={onDone} disabled={apply.isPending}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={apply.isPending || problems.length > 0}>
          {apply.isPending ? "Saving…" : edits.length === 0 ? "Done" : `Save ${edits.length === 1 ? "1 change" : `${edits.length} changes`}`}
        </button>
      </div>
    </form>
  );
}
