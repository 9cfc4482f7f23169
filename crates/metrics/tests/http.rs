//! The endpoint and the push over real sockets: what a scraper without the
//! token gets, what one with it gets, and what a Pushgateway receives.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use axum::routing::any;
use axum::Router;
use infostand_metrics::push::{self, PushConfig};
use infostand_metrics::{Endpoint, Instance, Snapshot, Source, Token};

fn snapshot() -> Snapshot {
    Snapshot {
        taken_at: SystemTime::now(),
        instance: Instance {
            id: "stand-7".into(),
            name: "Härnösand".into(),
        },
        version: "0.1.0".into(),
        content: Default::default(),
        channels: Vec::new(),
        started_at: SystemTime::now(),
        uptime: Duration::from_secs(5),
        web_process_memory_bytes: Some(1000),
        memory_bytes: None,
        memory_limit_bytes: None,
        disk_free_bytes: None,
        disk_size_bytes: None,
        events: Default::default(),
        usage_counters: BTreeMap::new(),
        config_valid: true,
    }
}

fn source() -> Source {
    Arc::new(snapshot)
}

const TOKEN: &str = "correct-horse-battery-staple";

#[tokio::test]
async fn the_endpoint_serves_openmetrics_only_to_the_token() {
    let endpoint = Endpoint::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("binds");
    let url = format!("http://{}/metrics", endpoint.address());
    tokio::spawn(endpoint.serve(source(), Token::new(TOKEN)));
    let client = reqwest::Client::new();

    let refused = client.get(&url).send().await.expect("answers");
    assert_eq!(refused.status(), 401, "no token, no metrics");
    assert!(
        refused.headers().contains_key("www-authenticate"),
        "a 401 says which scheme to use"
    );
    let wrong = client
        .get(&url)
        .bearer_auth("correct-horse-battery-stapler")
        .send()
        .await
        .expect("answers");
    assert_eq!(wrong.status(), 401, "a near miss is refused too");

    let served = client
        .get(&url)
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("answers");
    assert_eq!(served.status(), 200, "the token opens the endpoint");
    assert_eq!(
        served.headers()["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8",
        "Prometheus picks its parser by the content type"
    );
    let text = served.text().await.expect("a body");
    assert!(
        text.contains(
            "infostand_instance_info{instance_id=\"stand-7\",instance_name=\"Härnösand\"} 1"
        ) && text.contains("infostand_web_process_memory_bytes 1000"),
        "the snapshot's values are served: {text}"
    );

    let elsewhere = format!(
        "http://{}/",
        url.trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("")
    );
    let missing = client
        .get(elsewhere)
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("answers");
    assert_eq!(missing.status(), 404, "only /metrics is served");
}

#[tokio::test]
async fn without_a_token_loopback_needs_none() {
    let endpoint = Endpoint::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("binds");
    let url = format!("http://{}/metrics", endpoint.address());
    tokio::spawn(endpoint.serve(source(), None));
    let served = reqwest::get(&url).await.expect("answers");
    assert_eq!(
        served.status(),
        200,
        "with no token configured (allowed only on loopback) anyone here may scrape"
    );
}

#[tokio::test]
async fn a_port_in_use_is_an_error_at_bind() {
    let first = Endpoint::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("binds");
    let error = Endpoint::bind(first.address()).expect_err("the port is taken");
    assert!(
        error.to_string().contains(&first.address().to_string()),
        "the error names the address: {error}"
    );
}

/// What a stand-in Pushgateway was sent.
#[derive(Debug, Clone)]
struct Received {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: String,
}

#[tokio::test]
async fn the_push_puts_the_text_format_into_the_stands_group() {
    let received: Arc<Mutex<Vec<Received>>> = Arc::default();
    let log = Arc::clone(&received);
    let gateway = Router::new().fallback(any(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let log = Arc::clone(&log);
            async move {
                log.lock().expect("lock").push(Received {
                    method,
                    path: uri.path().to_string(),
                    headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                });
                ""
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("binds");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, gateway).await });

    let config = PushConfig {
        url: url::Url::parse(&format!("http://pusher:pa55@{address}/")).expect("a URL"),
        interval: Duration::from_secs(60),
        instance_id: "stand-7".into(),
        proxy: None,
    };
    let pusher = push::pusher(&config).expect("a loopback Pushgateway is allowed");
    assert!(
        !pusher.shown().contains("pa55"),
        "the address logged has no password: {}",
        pusher.shown()
    );
    let text = infostand_metrics::exposition::prometheus_text(&snapshot()).expect("encodes");
    pusher.push(text).await.expect("the stand-in accepts it");

    let received = received.lock().expect("lock").clone();
    let [push] = received.as_slice() else {
        panic!("one push, one request: {received:?}");
    };
    assert_eq!(
        push.method,
        Method::PUT,
        "PUT replaces the stand's whole group"
    );
    assert_eq!(
        push.path, "/metrics/job/infostand/instance/stand-7",
        "the group is the job's and the stand's"
    );
    assert!(
        push.headers["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/plain; version=0.0.4")),
        "the Pushgateway reads the 0.0.4 text format"
    );
    assert_eq!(
        push.headers["authorization"], "Basic cHVzaGVyOnBhNTU=",
        "credentials in the URL go as basic authentication"
    );
    assert!(
        push.body
            .contains("# TYPE infostand_web_process_restarts_total counter"),
        "counters arrive typed: {}",
        push.body
    );
}

#[tokio::test]
async fn a_refusing_pushgateway_is_an_error_naming_its_answer() {
    let gateway = Router::new().fallback(any(|| async {
        (
            axum::http::StatusCode::BAD_REQUEST,
            "text format parsing error in line 2",
        )
    }));
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("binds");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, gateway).await });
    let config = PushConfig {
        url: url::Url::parse(&format!("http://{address}")).expect("a URL"),
        interval: Duration::from_secs(60),
        instance_id: "stand-7".into(),
        proxy: None,
    };
    let error = push::pusher(&config)
        .expect("allowed")
        .push("x 1\n".into())
        .await
        .expect_err("a 400 is a failure");
    let text = error.to_string();
    assert!(
        text.contains("400") && text.contains("parsing error"),
        "the log says what the Pushgateway said: {text}"
    );
}
