//! What IT sees of a stand from afar: every request names the installation
//! in its User-Agent, the status names the feed and the next attempt before
//! the first sync, and a stored pack that the configured key no longer
//! verifies is reported as `key_changed` instead of a silent fallback.

use infostand_sync::layout::Layout;
use infostand_sync::{
    load_active, load_active_reporting, ErrorCode, Instance, Shown, SyncConfig, Syncer,
};

use super::{Kiosk, Signer, INTERVAL, TEST_TIMEOUTS};

#[tokio::test]
async fn every_request_names_the_installation_and_the_id_is_kept() {
    let kiosk = Kiosk::new().await;
    let layout = Layout::new(kiosk.data.path());
    let instance = Instance::load_or_create(&layout, Some("stand-foajen"));
    let mut config = SyncConfig::new(kiosk.data.path());
    config.feed_url = Some(kiosk.server.feed_url());
    config.keys = vec![kiosk.signer.public()];
    config.interval = INTERVAL;
    config.timeouts = TEST_TIMEOUTS;
    config.instance = Some(instance.clone());
    let syncer = Syncer::new(config).expect("the configuration is valid");
    syncer
        .sync_once(super::EMBEDDED_REVISION)
        .await
        .expect("revision 10 applies");

    let requests = kiosk.server.take_requests();
    let expected = format!("infostand/{} (+{})", env!("CARGO_PKG_VERSION"), instance.id);
    assert!(
        !requests.is_empty()
            && requests
                .iter()
                .all(|request| request.user_agent.as_deref() == Some(expected.as_str())),
        "the feed, its signature and every film carry {expected:?}, so the server's log tells stands apart: {:?}",
        requests
            .iter()
            .map(|request| (&request.path, &request.user_agent))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        syncer.status().instance,
        Some(instance.clone()),
        "the status names the installation"
    );
    assert_eq!(
        Instance::load_or_create(&layout, None).id,
        instance.id,
        "the id made at the first start is the one of every later start, whatever the name"
    );
}

#[tokio::test]
async fn before_the_first_sync_the_status_names_the_feed_and_the_next_attempt() {
    let kiosk = Kiosk::new().await;
    // The app shows its embedded pack (here: revision 10, loaded from a
    // sync elsewhere, stands in for it) and has not synced yet.
    let elsewhere = Kiosk::at_revision_10().await;
    let (loaded, _) = load_active(elsewhere.data.path(), &[elsewhere.signer.public()])
        .expect("revision 10 loads");
    let first = time::OffsetDateTime::now_utc() + time::Duration::seconds(30);
    kiosk
        .syncer
        .note_shown(&Shown {
            pack: &loaded.pack,
            signed: false,
            fallback: None,
            config_error: Some("config.toml line 2: idle_timeout is too short".into()),
            first_attempt: Some(first),
        })
        .expect("the status is written");
    let status = kiosk.syncer.status();
    assert_eq!(
        status.feed_url.as_deref(),
        Some(kiosk.server.feed_url().as_str()),
        "a configured feed shows before any attempt, never as 'none configured'"
    );
    assert_eq!(
        status.next_attempt,
        Some(first),
        "the first attempt's time shows before it is made"
    );
    assert_eq!(
        (status.last_attempt, status.last_error.as_ref()),
        (None, None),
        "no attempt is invented"
    );
    assert_eq!(
        status.config_error.as_deref(),
        Some("config.toml line 2: idle_timeout is too short"),
        "the configuration the app started despite is in the status, for status and metrics"
    );
}

#[tokio::test]
async fn a_pack_the_key_no_longer_verifies_is_key_changed_not_a_silent_fallback() {
    let kiosk = Kiosk::at_revision_10().await;
    kiosk
        .syncer
        .sync_once(10)
        .await
        .expect("revision 11 applies");
    // IT rotated the key in the config, but the stored packs were signed
    // with the old one.
    let new_key = Signer::new();
    let (shown, problem) = load_active_reporting(kiosk.data.path(), &[new_key.public()]);
    assert!(
        shown.is_none(),
        "neither revision verifies with the new key, so the app shows its embedded pack"
    );
    let problem = problem.expect("the fallback has a reason");
    assert_eq!(
        problem.code(),
        ErrorCode::KeyChanged,
        "a signature refusal of a kept pack means the key changed: {problem}"
    );
    assert!(
        problem.to_string().contains("11"),
        "the message names the revision that no longer verifies: {problem}"
    );

    let mut config = SyncConfig::new(kiosk.data.path());
    config.keys = vec![new_key.public()];
    let syncer = Syncer::new(config).expect("the configuration is valid");
    let (embedded, _) = load_active(kiosk.data.path(), &[kiosk.signer.public()])
        .expect("with the old key it still loads (stands in for the embedded pack)");
    syncer
        .note_shown(&Shown {
            pack: &embedded.pack,
            signed: false,
            fallback: Some(&problem),
            config_error: None,
            first_attempt: None,
        })
        .expect("the status is written");
    assert_eq!(
        syncer.status().last_error.map(|error| error.code),
        Some(ErrorCode::KeyChanged),
        "status shows the key change as the last error, not 'last error: none'"
    );

    let (_, unchanged) = load_active_reporting(kiosk.data.path(), &[kiosk.signer.public()]);
    assert!(
        unchanged.is_none(),
        "with the right key nothing is reported: {unchanged:?}"
    );
}
