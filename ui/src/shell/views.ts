// The main views of the window, in navigation order, with their keyboard shortcuts.

export type ViewId = "accounts" | "overview" | "domains" | "activity" | "pending" | "reviews" | "settings";

export interface ViewEntry {
  id: ViewId;
  label: string;
  /** The key pressed with Ctrl (⌘ on macOS) to open the view. */
  shortcutKey: string;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: "accounts", label: "Managed accounts", shortcutKey: "1" },
  { id: "overview", label: "Overview", shortcutKey: "2" },
  { id: "domains", label: "Domains", shortcutKey: "3" },
  { id: "activity", label: "Activity", shortcutKey: "4" },
  { id: "pending", label: "Pending changes", shortcutKey: "5" },
  { id: "reviews", label: "Access reviews", shortcutKey: "6" },
  { id: "settings", label: "Settings", shortcutKey: "," },
];

/** The view a key press asks for, if it is one of the view shortcuts. */
export function viewForShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): ViewId | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  return VIEWS.find((view) => view.shortcutKey === event.key)?.id ?? null;
}

export function shortcutLabel(view: ViewEntry): string {
  return `Ctrl+${view.shortcutKey}`;
}
