import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { type BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Crop } from "../bindings/Crop";
import type { PhotoPreview } from "../bindings/PhotoPreview";
import { Dialog } from "../shell/Dialog";
import { showSubmitted } from "./useApplyChange";

export const PHOTO_VERSION_KEY = ["photoVersion"] as const;

function sameCrop(a: Crop, b: Crop): boolean {
  return Math.abs(a.centerX - b.centerX) < 1e-4 && Math.abs(a.centerY - b.centerY) < 1e-4 && Math.abs(a.zoom - b.zoom) < 1e-4;
}

const FORMAT_LABEL: Record<string, string> = { jpeg: "JPEG", png: "PNG", gif: "GIF", webp: "WebP" };
const STEP = 0.05;

interface Props {
  accountId: string;
  name: string;
  preview: PhotoPreview;
  onClose(): void;
}

/**
 * The photo as it will be uploaded: 512 × 512, cut from the image where the admin moves
 * (arrow keys, or the buttons) and zooms it. Upload sends it; Cancel forgets it.
 */
export function PhotoDialog({ accountId, name, preview: first, onClose }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState(first);
  const [crop, setCrop] = useState<Crop>(first.crop);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  // Each move asks for a new cut; only the latest answer is shown.
  useEffect(() => {
    if (crop === first.crop) return;
    const ask = ++asked.current;
    const timer = window.setTimeout(() => {
      backend
        .cropPhoto(accountId, crop)
        .then((next) => {
          if (next && ask === asked.current) setPreview(next);
        })
        .catch((reason: BackendError) => setError(reason.message));
    }, 120);
    return () => window.clearTimeout(timer);
  }, [accountId, backend, crop, first.crop]);

  function move(dx: number, dy: number) {
    setCrop((c) => ({ ...c, centerX: Math.min(1, Math.max(0, c.centerX + dx)), centerY: Math.min(1, Math.max(0, c.centerY + dy)) }));
  }

  async function upload() {
    setBusy(true);
    setError(null);
    try {
      const submitted = await backend.uploadPhoto(accountId);
      showSubmitted(queryClient, accountId, submitted);
      queryClient.setQueryData(PHOTO_VERSION_KEY, Date.now());
      onClose();
    } catch (reason) {
      setError((reason as BackendError).message);
      setBusy(false);
    }
  }

  function cancel() {
    void backend.discardPhoto(accountId);
    onClose();
  }

  const { source } = preview;
  return (
    <Dialog
      title={`New photo for ${name}`}
      onClose={cancel}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={cancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void upload()}
            // Until the preview shows the latest crop, Upload would send an older one.
            disabled={busy || !sameCrop(crop, preview.crop)}
            data-autofocus
          >
            {busy ? "Uploading…" : "Upload photo"}
          </button>
        </>
      }
    >
      <div className="photo">
        <img
          className="photo__preview"
          src={backend.photoUrl(accountId, "staged", preview.version)}
          alt={`The new photo of ${name}, as it will be uploaded`}
          data-testid="photo-preview"
          tabIndex={0}
          onKeyDown={(event) => {
            const moves: Record<string, [number, number]> = {
              ArrowLeft: [-STEP, 0],
              ArrowRight: [STEP, 0],
              ArrowUp: [0, -STEP],
              ArrowDown: [0, STEP],
            };
            const delta = moves[event.key];
            if (!delta) return;
            event.preventDefault();
            move(...delta);
          }}
        />
        <div className="photo__controls">
          <p className="section__note">
            From a {FORMAT_LABEL[source.format] ?? source.format} of {source.width} × {source.height} pixels. Use the arrow
            keys on the photo to move it; its metadata (such as where it was taken) is not uploaded.
          </p>
          <label className="field">
            <span className="field__label">Zoom</span>
            <input
              type="range"
              min={1}
              max={4}
              step={0.1}
              value={crop.zoom}
              onChange={(event) => setCrop((c) => ({ ...c, zoom: Number(event.target.value) }))}
            />
          </label>
          <div className="photo__moves">
            <button type="button" className="button button--quiet" aria-label="Move left" onClick={() => move(-STEP, 0)}>
              ←
            </button>
            <button type="button" className="button button--quiet" aria-label="Move up" onClick={() => move(0, -STEP)}>
              ↑
            </button>
            <button type="button" className="button button--quiet" aria-label="Move down" onClick={() => move(0, STEP)}>
              ↓
            </button>
            <button type="button" className="button button--quiet" aria-label="Move right" onClick={() => move(STEP, 0)}>
              →
            </button>
            <button type="button" className="button button--quiet" onClick={() => setCrop({ centerX: 0.5, centerY: 0.5, zoom: 1 })}>
              Centre
            </button>
          </div>
        </div>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
