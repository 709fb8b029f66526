// Choosing a new photo for an account: from a dropped file, the file dialog or the
// clipboard, made into a preview by the core's pipeline; or why the image cannot be used.
import { useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { PhotoPreview } from "../bindings/PhotoPreview";
import { useCapabilities } from "../connections/useCapabilities";

export function usePhotoStaging(accountId: string) {
  const backend = useBackend();
  // Not every connection can change photos (Atlassian's public API cannot): then the
  // callers take no image in, whether dropped, pasted or chosen.
  const available = useCapabilities().avatar;
  const [preview, setPreview] = useState<PhotoPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function stage(work: () => Promise<PhotoPreview | null>) {
    setWorking(true);
    setError(null);
    try {
      const staged = await work();
      if (staged) setPreview(staged);
    } catch (reason) {
      setError((reason as BackendError).message);
    } finally {
      setWorking(false);
    }
  }

  return {
    available,
    preview,
    error,
    working,
    fromFile: (path: string) => stage(() => backend.stagePhotoFile(accountId, path)),
    /** For a target known only now (the row a file was dropped on). */
    fromFileFor: (target: string, path: string) => stage(() => backend.stagePhotoFile(target, path)),
    fromDialog: () => stage(() => backend.choosePhoto(accountId)),
    fromBytes: (bytes: Uint8Array) => stage(() => backend.stagePhotoBytes(accountId, [...bytes])),
    done: () => setPreview(null),
    clearError: () => setError(null),
  };
}
