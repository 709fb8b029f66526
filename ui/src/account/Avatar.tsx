import { useState } from "react";

import { useBackend } from "../backend/BackendContext";

/** "AB" for "Ana Bravo": what stands in for a photo. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words;
  return letters.map((word) => (word ? ([...word][0]?.toUpperCase() ?? "") : "")).join("");
}

interface Props {
  accountId: string;
  name: string;
  /** Changes whenever the photo may have: a new value loads it again. */
  version: number;
  size: "small" | "large";
}

/** The account's cached photo, or its initials when it has none. */
export function Avatar({ accountId, name, version, size }: Props) {
  const backend = useBackend();
  const src = backend.photoUrl(accountId, size === "large" ? "full" : "thumbnail", version);
  // The address that failed to load: a new version, or another account, tries again.
  const [failed, setFailed] = useState<string | null>(null);
  const className = `avatar avatar--${size}`;
  if (failed === src) {
    return (
      <span className={className} aria-hidden="true">
        {initials(name)}
      </span>
    );
  }
  return (
    <img
      className={className}
      src={src}
      alt=""
      onError={() => setFailed(src)}
      // An empty answer (no photo) can load as an image of no size rather than fail.
      onLoad={(event) => event.currentTarget.naturalWidth === 0 && setFailed(src)}
    />
  );
}
