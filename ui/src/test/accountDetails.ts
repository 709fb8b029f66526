// An account page as the cache answers it, for tests: everything allowed, nothing refreshed.
import type { Account } from "../bindings/Account";
import type { AccountDetails } from "../bindings/AccountDetails";
import type { AccountPermissions } from "../bindings/AccountPermissions";
import type { Permission } from "../bindings/Permission";

const ALLOWED: Permission = { allowed: true, reason: null };

export const EVERYTHING_ALLOWED: AccountPermissions = {
  profile: {
    name: ALLOWED,
    publicName: ALLOWED,
    jobTitle: ALLOWED,
    department: ALLOWED,
    organization: ALLOWED,
    location: ALLOWED,
    timeZone: ALLOWED,
    locale: ALLOWED,
  },
  changeEmail: ALLOWED,
  deactivate: ALLOWED,
  reactivate: ALLOWED,
  delete: ALLOWED,
  revokeTokens: ALLOWED,
  twoStepExclusion: ALLOWED,
  logOutDevices: ALLOWED,
  passwordReset: ALLOWED,
  avatar: ALLOWED,
};

export function withheld(reason: string): Permission {
  return { allowed: false, reason };
}

export function cachedDetails(account: Account, overrides: Partial<AccountDetails> = {}): AccountDetails {
  return {
    account,
    products: [],
    devices: { state: "unknown" },
    apiTokens: { state: "unknown" },
    twoStep: { state: "unknown" },
    passwordResetRequestedAt: null,
    refreshedAt: null,
    accountReadAt: Date.now(),
    permissions: EVERYTHING_ALLOWED,
    deactivatedOn: null,
    deletionDate: null,
    ...overrides,
  };
}
