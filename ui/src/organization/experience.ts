// The two user-management experiences, in the words Atlassian Administration uses.
import type { Experience } from "../bindings/Experience";

export const EXPERIENCE_LABEL: Record<Experience, string> = {
  centralized: "Centralized user management",
  original: "Original user management",
};

/** Where the managed accounts live, for the Managed accounts view's lede. */
export const EXPERIENCE_HELP: Record<Experience, string> = {
  centralized:
    "Your organization uses centralized user management: one directory for every product, as under Directory > Managed accounts in Atlassian Administration.",
  original:
    "Your organization uses the original user-management experience: users are managed per product site, and managed accounts are listed under Directory > Managed accounts in Atlassian Administration.",
};
