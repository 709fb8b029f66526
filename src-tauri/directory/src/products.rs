//! The organization's products, one per site (a workspace in Atlassian's terms), and the
//! roles each product offers there: what `roles/assign` accepts and what the workspaces
//! listing offers the "grant access" picker.

use sqlx::SqliteExecutor;

/// A product site, as the `products` table holds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Product {
    /// The workspace ARI, `ari:cloud:<product>::site/<cloudId>`.
    pub resource_id: String,
    pub product_key: String,
    pub name: String,
    pub site_url: String,
}

/// Roles each product offers on its sites.
pub fn roles(product_key: &str) -> &'static [&'static str] {
    match product_key {
        "jira-servicedesk" => &[
            "atlassian/user",
            "atlassian/admin",
            "atlassian/customer",
            "atlassian/stakeholder",
            "atlassian/user-access-admin",
            "atlassian/site-admin",
        ],
        "bitbucket" => &["atlassian/user", "atlassian/admin", "atlassian/contributor"],
        _ => &[
            "atlassian/user",
            "atlassian/admin",
            "atlassian/basic",
            "atlassian/guest",
            "atlassian/user-access-admin",
            "atlassian/site-admin",
        ],
    }
}

/// The key of the product on `resource_id`, if the organization has one there.
pub async fn key_of(
    db: impl SqliteExecutor<'_>,
    org_id: &str,
    resource_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT product_key FROM products WHERE org_id = ? AND resource_id = ?")
        .bind(org_id)
        .bind(resource_id)
        .fetch_optional(db)
        .await
}

/// At most `limit` products of the organization after position `after` (their rowid, the
/// order they were added in), each with its position.
pub async fn page(
    db: impl SqliteExecutor<'_>,
    org_id: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, Product)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        position: i64,
        #[sqlx(flatten)]
        product: Product,
    }
    let rows = sqlx::query_as::<_, Row>(
        "SELECT rowid AS position, resource_id, product_key, name, site_url FROM products
         WHERE org_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
    )
    .bind(org_id)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.position, r.product)).collect())
}

/// How many products the organization has, in all and up to position `upto`.
pub async fn counts(
    db: impl SqliteExecutor<'_>,
    org_id: &str,
    upto: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(rowid <= ?), 0) FROM products WHERE org_id = ?")
        .bind(upto)
        .bind(org_id)
        .fetch_one(db)
        .await
}
