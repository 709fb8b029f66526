//! Custodian's extension endpoints: avatar, two-step exclusion, devices, password reset,
//! delete validation.

use std::io::Cursor;

use custodian_core::ErrorCode;
use custodian_core::directory::model::{DeviceKind, Session};
use custodian_core::directory::{DeviceId, DirectoryError};
use reqwest::Method;

use crate::helpers::{ADMIN_KEY, spawn_app, spawn_app_with};

fn image(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut bytes = Cursor::new(Vec::new());
    pixels.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn reason(error: &DirectoryError) -> (Option<&str>, Option<&str>) {
    (error.key(), error.reason())
}

#[tokio::test]
async fn an_avatar_is_uploaded_served_and_removed() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let png = image(128, 96, image::ImageFormat::Png);
    let uploaded = app
        .client
        .upload_avatar(&invited, png.clone(), "image/png")
        .await
        .unwrap();
    assert_eq!(uploaded.content_type, "image/png");
    assert!(
        uploaded.picture.ends_with("/manage/avatar?v=1"),
        "{}",
        uploaded.picture
    );
    assert_eq!(
        app.client.profile(&invited).await.unwrap().picture,
        uploaded.picture
    );

    let served = app
        .http
        .get(&uploaded.picture)
        .bearer_auth(ADMIN_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().as_ref(), png.as_slice());

    // The format is read from the bytes, not the declared type.
    let jpeg = image(64, 64, image::ImageFormat::Jpeg);
    let uploaded = app
        .client
        .upload_avatar(&invited, jpeg, "image/png")
        .await
        .unwrap();
    assert_eq!(uploaded.content_type, "image/jpeg");
    assert!(uploaded.picture.ends_with("?v=2"));

    app.client.remove_avatar(&invited).await.unwrap();
    let picture = app.client.profile(&invited).await.unwrap().picture;
    assert!(!picture.contains("?v="));
    let (status, body) = app
        .raw(
            Method::GET,
            &format!("/users/{invited}/manage/avatar"),
            None,
        )
        .await;
    assert_eq!((status, body["key"].as_str()), (404, Some("notFound")));
}

#[tokio::test]
async fn unusable_images_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let png = image(128, 128, image::ImageFormat::Png);
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            b"GIF89a\x40\x00\x40\x00\x00".to_vec(),
            "image/gif",
            "corrupt",
        ),
        (b"%PDF-1.7".to_vec(), "image/png", "unsupportedFormat"),
        (
            image(63, 300, image::ImageFormat::Png),
            "image/png",
            "tooSmall",
        ),
        (
            image(80, 80, image::ImageFormat::Bmp),
            "image/bmp",
            "unsupportedFormat",
        ),
        (png[..png.len() / 2].to_vec(), "image/png", "corrupt"),
        (png.clone(), "text/plain", "unsupportedMediaType"),
    ];
    for (bytes, content_type, expected) in cases {
        let error = app
            .client
            .upload_avatar(&invited, bytes, content_type)
            .await
            .unwrap_err();
        assert_eq!(
            reason(&error),
            (Some("invalidImage"), Some(expected)),
            "{expected}"
        );
        assert_eq!(error.code(), ErrorCode::InvalidImage);
    }
    // Nothing was stored by the refusals.
    assert!(
        !app.client
            .profile(&invited)
            .await
            .unwrap()
            .picture
            .contains("?v=")
    );
}

/// The PNG with its IHDR claiming `width` × `height` (CRC made right), pixels unchanged.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = image(64, 64, image::ImageFormat::Png);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The JPEG with its frame header claiming `width` × `height`.
fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = image(64, 64, image::ImageFormat::Jpeg);
    let sof = bytes
        .windows(2)
        .position(|pair| pair == [0xff, 0xc0])
        .unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// The bad inputs the console's photo pipeline refuses (issue 6), sent straight to the
/// server as a client that skipped the pipeline would: each is a 400 with its reason, and
/// nothing is stored.
#[tokio::test]
async fn the_server_refuses_every_bad_photo_itself() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let jpeg = image(400, 300, image::ImageFormat::Jpeg);
    let png = image(400, 300, image::ImageFormat::Png);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("zero bytes", Vec::new(), "image/jpeg", "unsupportedFormat"),
        (
            "truncated JPEG",
            jpeg[..jpeg.len() / 2].to_vec(),
            "image/jpeg",
            "corrupt",
        ),
        (
            "JPEG without its end",
            jpeg[..jpeg.len() - 2].to_vec(),
            "image/jpeg",
            "corrupt",
        ),
        (
            "truncated PNG",
            png[..png.len() / 2].to_vec(),
            "image/png",
            "corrupt",
        ),
        (
            "a text file named .jpg",
            b"Dear admin,\nthis is not a photo.\n".to_vec(),
            "image/jpeg",
            "unsupportedFormat",
        ),
        (
            "PNG declaring 50,000 x 50,000",
            png_declaring(50_000, 50_000),
            "image/png",
            "tooManyPixels",
        ),
        (
            "JPEG declaring 60,000 x 60,000",
            jpeg_declaring(60_000, 60_000),
            "image/jpeg",
            "tooManyPixels",
        ),
        (
            "1 KB JPEG declaring 9,000 x 9,000",
            jpeg_declaring(9_000, 9_000),
            "image/jpeg",
            "corrupt",
        ),
        (
            "shorter side 63",
            image(300, 63, image::ImageFormat::Jpeg),
            "image/jpeg",
            "tooSmall",
        ),
    ];
    for (what, bytes, content_type, expected) in cases {
        let started = std::time::Instant::now();
        let error = app
            .client
            .upload_avatar(&invited, bytes, content_type)
            .await
            .unwrap_err();
        let DirectoryError::Refused(refusal) = &error else {
            panic!("{what}: {error:?}")
        };
        assert_eq!(
            (refusal.status, refusal.key.as_str(), refusal.reason()),
            (400, "invalidImage", Some(expected)),
            "{what}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{what}: {:?}",
            started.elapsed()
        );
    }
    assert!(
        !app.client
            .profile(&invited)
            .await
            .unwrap()
            .picture
            .contains("?v=")
    );
    let (status, _) = app
        .raw(
            Method::GET,
            &format!("/users/{invited}/manage/avatar"),
            None,
        )
        .await;
    assert_eq!(status, 404);

    // What the console's pipeline makes is taken.
    let photo = custodian_core::photos::prepare(&jpeg, None).unwrap();
    let uploaded = app
        .client
        .upload_avatar(&invited, photo.bytes, photo.content_type)
        .await
        .unwrap();
    assert_eq!(uploaded.content_type, "image/jpeg");
}

#[tokio::test]
async fn an_image_over_25_megabytes_is_413() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let mut oversized = image(64, 64, image::ImageFormat::Png);
    oversized.resize(25 * 1024 * 1024 + 1, 0);
    let error = app
        .client
        .upload_avatar(&invited, oversized, "image/png")
        .await
        .unwrap_err();
    let DirectoryError::Refused(refusal) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (refusal.status, refusal.key.as_str(), refusal.reason()),
        (413, "invalidImage", Some("tooLarge"))
    );
    assert_eq!(error.code(), ErrorCode::InvalidImage);
}

#[tokio::test]
async fn two_step_exclusion_where_the_org_enforces_it() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let state = app.client.two_step_exclusion(&invited).await.unwrap();
    assert!(state.enforced && !state.excluded);
    assert!(
        app.client
            .set_two_step_exclusion(&invited, true)
            .await
            .unwrap()
            .excluded
    );
    assert!(
        app.client
            .two_step_exclusion(&invited)
            .await
            .unwrap()
            .excluded
    );
    assert!(
        !app.client
            .set_two_step_exclusion(&invited, false)
            .await
            .unwrap()
            .excluded
    );
    assert!(
        !app.client
            .two_step_exclusion(&invited)
            .await
            .unwrap()
            .excluded
    );
}

#[tokio::test]
async fn two_step_exclusion_is_refused_where_the_org_does_not_enforce_it() {
    let app = spawn_app_with(|config| config.seed.two_step_enforced = false).await;
    let invited = app.account(|a| &a.invited);
    assert!(
        !app.client
            .two_step_exclusion(&invited)
            .await
            .unwrap()
            .enforced
    );
    let error = app
        .client
        .set_two_step_exclusion(&invited, true)
        .await
        .unwrap_err();
    assert_eq!(
        reason(&error),
        (
            Some("forbidden.action"),
            Some("twoStepVerification.notEnforced")
        )
    );
}

#[tokio::test]
async fn browser_sessions_end_at_once_and_mobile_ones_within_the_hour() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let devices = app.client.devices(&invited).await.unwrap();
    assert_eq!(devices.len(), 3);
    let browser = devices
        .iter()
        .find(|d| d.kind == DeviceKind::Browser)
        .unwrap();
    let mobile = devices
        .iter()
        .find(|d| d.kind == DeviceKind::Mobile)
        .unwrap();

    let session = app
        .client
        .log_out_device(&invited, &DeviceId::parse(browser.id.clone()).unwrap())
        .await
        .unwrap();
    assert!(matches!(session, Session::Ended { .. }), "{session:?}");

    let before = chrono::Utc::now();
    let session = app
        .client
        .log_out_device(&invited, &DeviceId::parse(mobile.id.clone()).unwrap())
        .await
        .unwrap();
    let Session::Pending { ends_by } = &session else {
        panic!("{session:?}")
    };
    let ends_by = chrono::DateTime::parse_from_rfc3339(ends_by)
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert!(ends_by > before && ends_by <= chrono::Utc::now() + chrono::Duration::hours(1));
    let listed = app.client.devices(&invited).await.unwrap();
    assert_eq!(
        listed.iter().find(|d| d.id == mobile.id).unwrap().session,
        session
    );

    let response = app
        .http
        .post(app.url(&format!(
            "/users/{invited}/manage/devices/{}/logout",
            mobile.id
        )))
        .bearer_auth(ADMIN_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        202,
        "a pending log-out is accepted, not done"
    );

    let error = app
        .client
        .log_out_device(&invited, &DeviceId::parse("no-such-device").unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        (error.key(), error.code()),
        (Some("notFound"), ErrorCode::NotFound)
    );
    let admin = app.account(|a| &a.admin);
    let own = app.client.devices(&admin).await.unwrap();
    let error = app
        .client
        .log_out_device(&admin, &DeviceId::parse(own[0].id.clone()).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        reason(&error),
        (Some("forbidden.action"), Some("administrative.notMyself"))
    );
}

#[tokio::test]
async fn a_password_reset_is_required_at_next_login() {
    let app = spawn_app().await;
    let invited = app.account(|a| &a.invited);
    let first = app.client.require_password_reset(&invited).await.unwrap();
    assert!(first.password_reset_required);
    assert_eq!(
        app.client.require_password_reset(&invited).await.unwrap(),
        first
    );
    let (_, body) = app
        .raw(
            Method::POST,
            &format!(
                "/admin/v2/orgs/{}/directories/-/users/search",
                app.seed().org_id
            ),
            Some(serde_json::json!({"accountIds": [invited.as_str()]})),
        )
        .await;
    assert_eq!(body["data"][0]["passwordResetRequired"], true);

    let error = app
        .client
        .require_password_reset(&app.account(|a| &a.google))
        .await
        .unwrap_err();
    assert_eq!(
        reason(&error),
        (Some("forbidden.action"), Some("externalDirectory.google"))
    );
}

#[tokio::test]
async fn delete_validation_reports_without_changing_anything() {
    let app = spawn_app().await;
    let pending = app.account(|a| &a.pending_deletion);
    let validation = app.client.validate_delete(&pending).await.unwrap();
    assert!(!validation.eligible);
    assert_eq!(validation.error_codes[0].code, "alreadyPendingDeletion");
    let invited = app.account(|a| &a.invited);
    assert!(app.client.validate_delete(&invited).await.unwrap().eligible);
    assert_eq!(
        app.client.profile(&invited).await.unwrap().account_status,
        "active"
    );
    let error = app
        .client
        .validate_delete(&app.account(|a| &a.admin))
        .await
        .unwrap_err();
    assert_eq!(
        reason(&error),
        (Some("forbidden.action"), Some("administrative.notMyself"))
    );
}
