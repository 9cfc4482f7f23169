//! The Content Security Policy's media origin, fixed at launch.
//!
//! `tauri.conf.json` allows `http://127.0.0.1:*` because the port is not known
//! at build time; once the media server has bound its port, the policy is
//! narrowed to that one origin before any webview exists.

use tauri::utils::config::{Config, Csp, CspDirectiveSources};

/// Directives that load media from the loopback server.
const MEDIA_DIRECTIVES: [&str; 2] = ["media-src", "img-src"];

/// Replaces every `http://127.0.0.1:*` source in the media directives with
/// `origin`, keeping the directives' other sources.
pub fn restrict_media_to(config: &mut Config, origin: &str) {
    let Some(csp) = config.app.security.csp.take() else {
        return;
    };
    let mut directives = match csp {
        Csp::DirectiveMap(map) => map,
        Csp::Policy(policy) => {
            // A single-string policy is kept as it is: we only rewrite the
            // structured form our own config uses.
            config.app.security.csp = Some(Csp::Policy(policy));
            return;
        }
    };
    for name in MEDIA_DIRECTIVES {
        if let Some(sources) = directives.get_mut(name) {
            let narrowed: Vec<String> = Vec::from(sources.clone())
                .into_iter()
                .map(|source| {
                    if source == "http://127.0.0.1:*" {
                        origin.to_string()
                    } else {
                        source
                    }
                })
                .collect();
            *sources = CspDirectiveSources::List(narrowed);
        }
    }
    config.app.security.csp = Some(Csp::DirectiveMap(directives));
}

/// Lets the page show the app's own pages in a frame (`frame-src
/// 'self'`): the Studio's live preview is the kiosk page in a frame. Only
/// the Studio's process calls this; the kiosk keeps `frame-src 'none'`.
pub fn allow_own_frames(config: &mut Config) {
    if let Some(Csp::DirectiveMap(directives)) = config.app.security.csp.as_mut() {
        directives.insert(
            "frame-src".into(),
            CspDirectiveSources::List(vec!["'self'".into()]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_with(csp: &str) -> Config {
        let mut config = Config::default();
        config.app.security.csp = Some(serde_json::from_str(csp).expect("test CSP is valid JSON"));
        config
    }

    #[test]
    fn the_studio_may_frame_the_apps_own_pages_only() {
        let mut config = config_with(r#"{"default-src": "'self'", "frame-src": "'none'"}"#);
        allow_own_frames(&mut config);
        let policy = config.app.security.csp.expect("policy kept").to_string();
        assert!(
            policy.contains("frame-src 'self'") && !policy.contains("'none'"),
            "the preview frames the app's own page and nothing else: {policy}"
        );
    }

    #[test]
    fn narrows_the_loopback_wildcard_to_the_bound_origin() {
        let mut config = config_with(
            r#"{"default-src": "'self'", "media-src": "http://127.0.0.1:*", "img-src": "'self' http://127.0.0.1:*"}"#,
        );
        restrict_media_to(&mut config, "http://127.0.0.1:4242");
        let policy = config.app.security.csp.expect("policy kept").to_string();
        assert!(
            policy.contains("media-src http://127.0.0.1:4242"),
            "media must come only from the bound port: {policy}"
        );
        assert!(
            policy.contains("img-src 'self' http://127.0.0.1:4242"),
            "posters come from the same origin, own images stay allowed: {policy}"
        );
        assert!(
            !policy.contains("127.0.0.1:*"),
            "no other loopback port may remain allowed: {policy}"
        );
        assert!(
            policy.contains("default-src 'self'"),
            "other directives are untouched: {policy}"
        );
    }

    #[test]
    fn the_shipped_config_is_narrowed() {
        let shipped: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json"))
                .expect("tauri.conf.json parses");
        let csp = shipped["app"]["security"]["csp"].to_string();
        let mut config = config_with(&csp);
        restrict_media_to(&mut config, "http://127.0.0.1:9");
        let policy = config.app.security.csp.expect("policy kept").to_string();
        assert!(
            policy.contains("media-src http://127.0.0.1:9"),
            "the real config must carry a media-src the app can narrow: {policy}"
        );
        assert!(
            !policy.contains("http://127.0.0.1:*"),
            "the real config must not leave any loopback wildcard: {policy}"
        );
        assert!(
            !policy.contains("https:") && !policy.contains("*."),
            "no remote origins in the shipped policy: {policy}"
        );
    }
}
