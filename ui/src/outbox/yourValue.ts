import { PROFILE_FIELDS } from "../account/ProfileForm";
import type { Change } from "../bindings/Change";

/** What the admin's change makes of a fact (labelled as core labels it), where it says. */
export function yourValue(change: Change, label: string): string | null {
  switch (change.kind) {
    case "editProfile": {
      const edit = change.edits.find((e) => PROFILE_FIELDS.find((spec) => spec.field === e.field)?.label === label);
      return edit ? edit.value.trim() || "—" : null;
    }
    case "changeEmail":
      return change.email;
    case "deactivate":
      return "Deactivated";
    case "reactivate":
    case "cancelDeletion":
      return "Active";
    case "delete":
      return "Pending deletion";
    case "excludeFromTwoStep":
      return "Excluded";
    case "includeInTwoStep":
      return "Not excluded";
    case "requirePasswordReset":
      return "Required at next login";
    case "logOutDevice":
      return "Logged out";
    case "revokeToken":
      return "Revoked";
    case "revokeAllTokens":
      return "0";
    case "grantProduct":
      return change.role;
    case "removeProduct":
      return "No access";
    case "setPhoto":
    case "removePhoto":
      return null;
  }
}
