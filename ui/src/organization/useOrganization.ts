// The organization: cached at once, read again from the directory once a window session
// (and after a verification), so the Domains view and the experience labels work offline.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Organization } from "../bindings/Organization";

export const ORGANIZATION_KEY = ["organization"] as const;

export function useOrganization() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const cached = useQuery<Organization | null, BackendError>({
    queryKey: ORGANIZATION_KEY,
    queryFn: () => backend.organization(),
    staleTime: Infinity,
  });
  const fresh = useQuery<Organization, BackendError>({
    queryKey: ["organization", "refresh"],
    queryFn: () => backend.refreshOrganization(),
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => {
    if (fresh.data) queryClient.setQueryData(ORGANIZATION_KEY, fresh.data);
  }, [fresh.data, queryClient]);
  return { organization: fresh.data ?? cached.data ?? null, refreshError: fresh.error, refreshing: fresh.isFetching };
}
