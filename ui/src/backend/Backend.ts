// The one typed door from the UI to Rust. Components get a Backend from context and
// never call `invoke` themselves; tests hand in the same implementation over mockIPC.
import type { AccountDetails } from "../bindings/AccountDetails";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditQuery } from "../bindings/AuditQuery";
import type { BulkAction } from "../bindings/BulkAction";
import type { BulkPreview } from "../bindings/BulkPreview";
import type { BulkProgress } from "../bindings/BulkProgress";
import type { BulkReport } from "../bindings/BulkReport";
import type { Change } from "../bindings/Change";
import type { DeletionCheck } from "../bindings/DeletionCheck";
import type { ClaimPreview } from "../bindings/ClaimPreview";
import type { Crop } from "../bindings/Crop";
import type { Organization } from "../bindings/Organization";
import type { PhotoPreview } from "../bindings/PhotoPreview";
import type { ProductSite } from "../bindings/ProductSite";
import type { AccountPage } from "../bindings/AccountPage";
import type { AccountQuery } from "../bindings/AccountQuery";
import type { AppInfo } from "../bindings/AppInfo";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { ExportReport } from "../bindings/ExportReport";
import type { Facets } from "../bindings/Facets";
import type { Overview } from "../bindings/Overview";
import type { SyncProgress } from "../bindings/SyncProgress";
import type { SyncReport } from "../bindings/SyncReport";
import type { OutboxProgress } from "../bindings/OutboxProgress";
import type { OutboxReport } from "../bindings/OutboxReport";
import type { PendingChange } from "../bindings/PendingChange";
import type { ConnectionEdit } from "../bindings/ConnectionEdit";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Decision } from "../bindings/Decision";
import type { NewConnection } from "../bindings/NewConnection";
import type { Review } from "../bindings/Review";
import type { ReviewItem } from "../bindings/ReviewItem";
import type { ReviewPage } from "../bindings/ReviewPage";
import type { ReviewSummary } from "../bindings/ReviewSummary";
import type { Submitted } from "../bindings/Submitted";
import type { WireError } from "../bindings/WireError";

export interface Backend {
  appInfo(): Promise<AppInfo>;
  connectionStatus(): Promise<ConnectionStatus>;
  /** Settings > Connections: the saved connections, the one in use, the keychain's state. */
  connections(): Promise<ConnectionsOverview>;
  /** Reads the organization through a connection not saved yet, with its key. */
  testNewConnection(connection: NewConnection, key: string): Promise<ConnectionTest>;
  /** Tests a saved connection, with a new key or (null) the one kept for it. */
  testSavedConnection(id: string, key: string | null): Promise<ConnectionTest>;
  /** Saves a connection; its key goes to the OS keychain (or this session's memory). */
  addConnection(connection: NewConnection, key: string): Promise<ConnectionsOverview>;
  /** Renames or repoints a connection; a key (if given) replaces the kept one. */
  editConnection(id: string, edit: ConnectionEdit, key: string | null): Promise<ConnectionsOverview>;
  /** Removes a connection, its key and its cache. */
  removeConnection(id: string): Promise<ConnectionsOverview>;
  /** Puts a saved connection (or, with null, the demo directory) in use. */
  useConnection(id: string | null): Promise<ConnectionStatus>;
  /** Opens the account's page in Atlassian Administration in the browser. */
  openInAtlassianAdministration(accountId: string): Promise<void>;
  /** Accounts from the local cache: matches of a query, in its order, one window of them. */
  searchAccounts(query: AccountQuery): Promise<AccountPage>;
  /** The ids of the accounts a query matches, in its order (limit 0: all): "select all matching". */
  matchingAccountIds(query: AccountQuery): Promise<string[]>;
  /** The domains and products of the cached accounts: the choices of those filters. */
  accountFacets(): Promise<Facets>;
  /** One account's page from the cache, at once; null when it is not cached. */
  accountDetails(accountId: string): Promise<AccountDetails | null>;
  /** One account's page read again from the backend and cached. */
  refreshAccount(accountId: string): Promise<AccountDetails>;
  /**
   * Makes one change to one account through the outbox: applied at once when the directory
   * answers (with the account as now cached), else queued to be sent later.
   */
  applyChange(accountId: string, change: Change): Promise<Submitted>;
  /** The outbox: every change not applied yet, oldest first. */
  pendingChanges(): Promise<PendingChange[]>;
  /** Sends the queued changes in order; progress arrives as it goes. */
  sendPendingChanges(onProgress: (progress: OutboxProgress) => void): Promise<OutboxReport>;
  /** Replaces a queued change with an edit of it (same kind). */
  editPendingChange(id: number, change: Change): Promise<void>;
  discardPendingChange(id: number): Promise<void>;
  /** Puts a failed change back in line. */
  retryPendingChange(id: number): Promise<void>;
  /** Keeps the admin's change over a conflict: it will be sent as it is. */
  keepPendingChange(id: number): Promise<void>;
  /** Whether the directory would delete the account now, and what stands in the way. */
  checkDeletion(accountId: string): Promise<DeletionCheck>;
  /** The organization's product sites and the roles each offers: what access can be granted. */
  productSites(): Promise<ProductSite[]>;
  /** What a bulk action would do to each account, from the cache; nothing is sent. */
  previewBulk(accountIds: string[], action: BulkAction): Promise<BulkPreview>;
  /** Applies a bulk action one account at a time; progress arrives as it goes. */
  applyBulk(accountIds: string[], action: BulkAction, onProgress: (progress: BulkProgress) => void): Promise<BulkReport>;
  cancelBulk(): Promise<void>;
  /** Starts an access review of the accounts a search and filters match now (a snapshot). */
  startReview(name: string, query: AccountQuery): Promise<Review>;
  /** Every access review on this connection, newest first. */
  reviews(): Promise<Review[]>;
  /** One window of a review's accounts, with its progress. */
  reviewItems(reviewId: number, offset: number, limit: number): Promise<ReviewPage>;
  /** Records (or, with null, clears) the decision and note on one account of a review. */
  decideReviewItem(reviewId: number, position: number, decision: Decision | null, note: string): Promise<ReviewItem>;
  /** What applying the review would do. */
  reviewSummary(reviewId: number): Promise<ReviewSummary>;
  /** Queues the review's decisions as changes in the outbox (then send them with sendPendingChanges). */
  applyReview(reviewId: number): Promise<ReviewSummary>;
  deleteReview(reviewId: number): Promise<void>;
  /** The review as CSV where the admin chooses; null if cancelled. */
  exportReviewCsv(reviewId: number): Promise<ExportReport | null>;
  /** The changes made from Custodian, newest first. */
  auditLog(query: AuditQuery): Promise<AuditEntry[]>;
  /** The audit trail as CSV where the admin chooses; null if cancelled. */
  exportAuditCsv(query: AuditQuery): Promise<ExportReport | null>;
  /** The organization and its domains from the cache; null before the first read. */
  organization(): Promise<Organization | null>;
  /** The organization read again from the directory, and cached. */
  refreshOrganization(): Promise<Organization>;
  /** How many accounts claiming a verified domain would make managed. */
  claimPreview(domainId: string): Promise<ClaimPreview>;
  verifyDomain(domainId: string, name: string): Promise<Organization>;
  /** Claims the accounts on a verified domain; answers how many became managed. */
  claimDomain(domainId: string, name: string): Promise<number>;
  /** A file dropped on the window, made into a photo preview for the account. */
  stagePhotoFile(accountId: string, path: string): Promise<PhotoPreview>;
  /** An image pasted into the window, made into a photo preview. */
  stagePhotoBytes(accountId: string, bytes: number[]): Promise<PhotoPreview>;
  /** An image file chosen in the native dialog; null if cancelled. */
  choosePhoto(accountId: string): Promise<PhotoPreview | null>;
  /** The staged photo cut again; null when nothing is staged. */
  cropPhoto(accountId: string, crop: Crop): Promise<PhotoPreview | null>;
  uploadPhoto(accountId: string): Promise<Submitted>;
  discardPhoto(accountId: string): Promise<void>;
  /** Where the web view loads an account's photo (or its staged preview) from. */
  photoUrl(accountId: string, which: "thumbnail" | "full" | "staged", version: number): string;
  /** Files dragged over and dropped on the window, as the OS reports them. */
  onFileDrop(handler: (drop: FileDrop) => void): Promise<() => void>;
  /** The organization at a glance, from the cache. */
  accountsOverview(): Promise<Overview>;
  /** Every account a query matches, saved as CSV where the admin chooses; null if cancelled. */
  exportAccountsCsv(query: AccountQuery): Promise<ExportReport | null>;
  /** A full sync from the directory into the cache; progress arrives as it goes. */
  syncAccounts(onProgress: (progress: SyncProgress) => void): Promise<SyncReport>;
  cancelSync(): Promise<void>;
}

/** A file drag over the window: where it is (CSS pixels), and on drop which files. */
export type FileDrop =
  | { type: "over"; x: number; y: number }
  | { type: "drop"; x: number; y: number; paths: string[] }
  | { type: "leave" };

/** A failed command, carrying the code the UI branches on. */
export class BackendError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }

  /** Whatever a command rejected with, as a BackendError. */
  static from(reason: unknown): BackendError {
    if (reason instanceof BackendError) return reason;
    if (isWireError(reason)) return new BackendError(reason.code, reason.message);
    const text = reason instanceof Error ? reason.message : String(reason);
    return new BackendError("internal", `Custodian's core did not answer as expected: ${text}`);
  }
}

// A Record over ErrorCode, so the type check fails when Rust gains a code this lacks.
const KNOWN_CODES: Record<ErrorCode, true> = {
  offline: true,
  notPermitted: true,
  readOnlyField: true,
  unverifiedDomain: true,
  conflict: true,
  invalidImage: true,
  invalidInput: true,
  notFound: true,
  rateLimited: true,
  cancelled: true,
  busy: true,
  internal: true,
};

function isWireError(value: unknown): value is WireError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === "string" && Object.hasOwn(KNOWN_CODES, code) && typeof message === "string";
}
