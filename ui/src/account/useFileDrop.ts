// Files dragged over the window: where they hover, and what is dropped.
import { useEffect, useRef, useState } from "react";

import { useBackend } from "../backend/BackendContext";

export interface Hover {
  x: number;
  y: number;
}

/** While `enabled`, reports where files hover (null when none) and calls `onDrop`. */
export function useFileDrop(enabled: boolean, onDrop: (paths: string[], x: number, y: number) => void): Hover | null {
  const backend = useBackend();
  const [hover, setHover] = useState<Hover | null>(null);
  const latest = useRef(onDrop);
  useEffect(() => {
    latest.current = onDrop;
  });

  useEffect(() => {
    if (!enabled) return;
    let unlisten: (() => void) | undefined;
    let gone = false;
    void backend
      .onFileDrop((drop) => {
        if (drop.type === "over") setHover({ x: drop.x, y: drop.y });
        else {
          setHover(null);
          if (drop.type === "drop" && drop.paths.length > 0) latest.current(drop.paths, drop.x, drop.y);
        }
      })
      .then((stop) => {
        if (gone) stop();
        else unlisten = stop;
      });
    return () => {
      gone = true;
      unlisten?.();
      setHover(null);
    };
  }, [backend, enabled]);

  return hover;
}
