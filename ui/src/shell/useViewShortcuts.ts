import { useEffect } from "react";

import { type ViewId, viewForShortcut } from "./views";

/** Ctrl+1 to Ctrl+6 and Ctrl+, switch views from anywhere in the window. */
export function useViewShortcuts(onNavigate: (view: ViewId) => void) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const view = viewForShortcut(event);
      if (!view) return;
      event.preventDefault();
      onNavigate(view);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onNavigate]);
}
