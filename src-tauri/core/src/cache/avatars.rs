//! Profile photos in the cache: what the list and the account page show, offline too.

use super::{Cache, CacheError};

/// A cached photo: the avatar itself or its list thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPhoto {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Cache {
    /// Keeps an account's photo (and its thumbnail); returns when, in Unix ms.
    pub async fn store_avatar(
        &self,
        account_id: &str,
        content_type: &str,
        image: &[u8],
        thumbnail: &[u8],
        at: i64,
    ) -> Result<(), CacheError> {
        sqlx::query(
            "INSERT OR REPLACE INTO avatars (account, content_type, image, thumbnail, updated_at)
             SELECT id, ?, ?, ?, ? FROM accounts WHERE account_id = ?",
        )
        .bind(content_type)
        .bind(image)
        .bind(thumbnail)
        .bind(at)
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn remove_avatar(&self, account_id: &str) -> Result<(), CacheError> {
        sqlx::query(
            "DELETE FROM avatars WHERE account = (SELECT id FROM accounts WHERE account_id = ?)",
        )
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The photo, or its thumbnail; None when the account has none cached.
    pub async fn avatar(
        &self,
        account_id: &str,
        thumbnail: bool,
    ) -> Result<Option<CachedPhoto>, CacheError> {
        let sql = if thumbnail {
            "SELECT v.content_type, v.thumbnail FROM avatars v JOIN accounts a ON a.id = v.account
             WHERE a.account_id = ?"
        } else {
            "SELECT v.content_type, v.image FROM avatars v JOIN accounts a ON a.id = v.account
             WHERE a.account_id = ?"
        };
        let row: Option<(String, Vec<u8>)> = sqlx::query_as(sql)
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(content_type, bytes)| CachedPhoto {
            content_type,
            bytes,
        }))
    }

    /// When the account's photo was last stored (Unix ms); None without one.
    pub async fn avatar_version(&self, account_id: &str) -> Result<Option<i64>, CacheError> {
        Ok(sqlx::query_scalar(
            "SELECT v.updated_at FROM avatars v JOIN accounts a ON a.id = v.account
             WHERE a.account_id = ?",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}
