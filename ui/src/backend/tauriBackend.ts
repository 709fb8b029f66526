import { Channel, convertFileSrc, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";

import type { BulkProgress } from "../bindings/BulkProgress";
import type { OutboxProgress } from "../bindings/OutboxProgress";
import type { SyncProgress } from "../bindings/SyncProgress";

import { type Backend, BackendError, type FileDrop } from "./Backend";

function photoUrl(accountId: string, which: "thumbnail" | "full" | "staged", version: number): string {
  const path = which === "staged" ? `staged/${accountId}` : accountId;
  const query = `?v=${version}${which === "full" ? "&full" : ""}`;
  try {
    return `${convertFileSrc(path, "avatar")}${query}`;
  } catch {
    return `avatar://localhost/${encodeURIComponent(path)}${query}`;
  }
}

async function onFileDrop(handler: (drop: FileDrop) => void): Promise<() => void> {
  const scale = window.devicePixelRatio || 1;
  try {
    return await getCurrentWebview().onDragDropEvent(({ payload }) => {
      if (payload.type === "leave") return handler({ type: "leave" });
      const x = payload.position.x / scale;
      const y = payload.position.y / scale;
      if (payload.type === "drop") handler({ type: "drop", x, y, paths: payload.paths });
      else handler({ type: "over", x, y });
    });
  } catch {
    // No window to listen to (the UI's own tests).
    return () => {};
  }
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw BackendError.from(reason);
  }
}

/** The Backend that talks to Custodian's Rust core over Tauri's IPC. */
export const tauriBackend: Backend = {
  appInfo: () => call("app_info"),
  connectionStatus: () => call("connection_status"),
  searchAccounts: (query) => call("search_accounts", { query }),
  matchingAccountIds: (query) => call("matching_account_ids", { query }),
  accountFacets: () => call("account_facets"),
  accountsOverview: () => call("accounts_overview"),
  stagePhotoFile: (accountId, path) => call("stage_photo_file", { accountId, path }),
  stagePhotoBytes: (accountId, bytes) => call("stage_photo_bytes", { accountId, bytes }),
  choosePhoto: (accountId) => call("choose_photo", { accountId }),
  cropPhoto: (accountId, crop) => call("crop_photo", { accountId, crop }),
  uploadPhoto: (accountId) => call("upload_photo", { accountId }),
  discardPhoto: (accountId) => call("discard_photo", { accountId }),
  photoUrl,
  onFileDrop,
  accountDetails: (accountId) => call("account_details", { accountId }),
  refreshAccount: (accountId) => call("refresh_account", { accountId }),
  applyChange: (accountId, change) => call("apply_change", { accountId, change }),
  connections: () => call("connections"),
  testNewConnection: (connection, key) => call("test_new_connection", { connection, key }),
  testSavedConnection: (id, key) => call("test_saved_connection", { id, key }),
  addConnection: (connection, key) => call("add_connection", { connection, key }),
  editConnection: (id, edit, key) => call("edit_connection", { id, edit, key }),
  removeConnection: (id) => call("remove_connection", { id }),
  useConnection: (id) => call("use_connection", { id }),
  openInAtlassianAdministration: (accountId) => call("open_in_atlassian_administration", { accountId }),
  pendingChanges: () => call("pending_changes"),
  sendPendingChanges: (onProgress) => {
    const channel = new Channel<OutboxProgress>();
    channel.onmessage = onProgress;
    return call("send_pending_changes", { onProgress: channel });
  },
  editPendingChange: (id, change) => call("edit_pending_change", { id, change }),
  discardPendingChange: (id) => call("discard_pending_change", { id }),
  retryPendingChange: (id) => call("retry_pending_change", { id }),
  keepPendingChange: (id) => call("keep_pending_change", { id }),
  checkDeletion: (accountId) => call("check_deletion", { accountId }),
  productSites: () => call("product_sites"),
  organization: () => call("organization"),
  refreshOrganization: () => call("refresh_organization"),
  claimPreview: (domainId) => call("claim_preview", { domainId }),
  verifyDomain: (domainId, name) => call("verify_domain", { domainId, name }),
  claimDomain: (domainId, name) => call("claim_domain", { domainId, name }),
  previewBulk: (accountIds, action) => call("preview_bulk", { accountIds, action }),
  applyBulk: (accountIds, action, onProgress) => {
    const channel = new Channel<BulkProgress>();
    channel.onmessage = onProgress;
    return call("apply_bulk", { accountIds, action, onProgress: channel });
  },
  cancelBulk: () => call("cancel_bulk"),
  startReview: (name, query) => call("start_review", { name, query }),
  reviews: () => call("reviews"),
  reviewItems: (reviewId, offset, limit) => call("review_items", { reviewId, offset, limit }),
  decideReviewItem: (reviewId, position, decision, note) => call("decide_review_item", { reviewId, position, decision, note }),
  reviewSummary: (reviewId) => call("review_summary", { reviewId }),
  applyReview: (reviewId) => call("apply_review", { reviewId }),
  deleteReview: (reviewId) => call("delete_review", { reviewId }),
  exportReviewCsv: (reviewId) => call("export_review_csv", { reviewId }),
  auditLog: (query) => call("audit_log", { query }),
  exportAuditCsv: (query) => call("export_audit_csv", { query }),
  exportAccountsCsv: (query) => call("export_accounts_csv", { query }),
  syncAccounts: (onProgress) => {
    const channel = new Channel<SyncProgress>();
    channel.onmessage = onProgress;
    return call("sync_accounts", { onProgress: channel });
  },
  cancelSync: () => call("cancel_sync"),
};
