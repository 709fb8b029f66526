import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import { NotOnThisConnection } from "../connections/NotOnThisConnection";
import { Avatar } from "./Avatar";
import { ConfirmChange } from "./ConfirmChange";
import { GatedButton } from "./GatedButton";
import { PHOTO_VERSION_KEY, PhotoDialog } from "./PhotoDialog";
import { useFileDrop } from "./useFileDrop";
import { usePhotoStaging } from "./usePhotoStaging";

/**
 * The account's photo in the page's header: drop an image anywhere on the page, paste one,
 * or choose a file; a preview comes before the upload.
 */
export function PhotoSection({ details }: { details: AccountDetails }) {
  const { account, permissions } = details;
  const staging = usePhotoStaging(account.accountId);
  const [removing, setRemoving] = useState(false);
  const version = useQuery({ queryKey: PHOTO_VERSION_KEY, queryFn: () => Date.now(), staleTime: Infinity }).data ?? 0;
  const allowed = permissions.avatar.allowed && staging.available;
  const hover = useFileDrop(allowed, (paths) => {
    const path = paths[0];
    if (path) void staging.fromFile(path);
  });

  // An image pasted anywhere on the page (not into a text field).
  useEffect(() => {
    if (!allowed) return;
    function onPaste(event: ClipboardEvent) {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (!file) return;
      event.preventDefault();
      void file.arrayBuffer().then((buffer) => staging.fromBytes(new Uint8Array(buffer)));
    }
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [allowed, staging]);

  return (
    <div className="photo-slot" data-hover={hover ? true : undefined}>
      <Avatar accountId={account.accountId} name={account.name} version={(details.refreshedAt ?? 0) + version} size="large" />
      {hover && (
        <div className="photo-slot__drop" role="status">
          Drop the image to make it {account.name}&apos;s photo
        </div>
      )}
      {staging.available ? (
        <div className="photo-slot__actions">
          <GatedButton quiet permission={permissions.avatar} onClick={() => void staging.fromDialog()}>
            {staging.working ? "Reading…" : "Change photo"}
          </GatedButton>
          <GatedButton quiet permission={permissions.avatar} onClick={() => setRemoving(true)}>
            Remove photo
          </GatedButton>
        </div>
      ) : (
        <div className="photo-slot__actions" data-testid="photo-not-here">
          <NotOnThisConnection what="Photo" accountId={account.accountId} />
        </div>
      )}
      {staging.error && (
        <p className="notice notice--error photo-slot__error" role="alert">
          {staging.error}{" "}
          <button type="button" className="button button--quiet" onClick={staging.clearError}>
            Dismiss
          </button>
        </p>
      )}
      {staging.preview && (
        <PhotoDialog accountId={account.accountId} name={account.name} preview={staging.preview} onClose={staging.done} />
      )}
      {removing && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Remove ${account.name}'s photo?`}
          confirmLabel="Remove photo"
          change={() => ({ kind: "removePhoto" })}
          onClose={() => setRemoving(false)}
        >
          <p>Their initials show instead, in every product.</p>
        </ConfirmChange>
      )}
    </div>
  );
}
