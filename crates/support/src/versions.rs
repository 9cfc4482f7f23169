//! The versions of what the app runs on, for a support ticket: the app, the
//! OS, the webview, and on Linux the installed WebKitGTK and GStreamer
//! packages (films play through GStreamer, and WebM needs its "good"
//! plugins).
//!
//! GStreamer's version comes from the package manager (`dpkg-query` on
//! Debian and Ubuntu, `rpm` on Fedora, RHEL and openSUSE), not from the
//! library: asking the library needs either its Rust bindings, which need
//! GStreamer's development files to build and nothing else uses, or a call
//! into C, which this project forbids. The packages also say what support
//! asks next: are the plugins WebM needs installed.

use std::fmt::Write as _;
use std::process::Command;

/// The Debian and Ubuntu packages whose versions matter: WebKitGTK, and
/// GStreamer with the plugin sets WebM (VP9, Opus, Matroska) needs.
pub const DEB_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-0",
    "libgstreamer1.0-0",
    "gstreamer1.0-plugins-base",
    "gstreamer1.0-plugins-good",
    "gstreamer1.0-libav",
    "gstreamer1.0-gl",
];

/// The same on RPM systems (Fedora and RHEL names, then openSUSE's).
pub const RPM_PACKAGES: &[&str] = &[
    "webkit2gtk4.1",
    "gstreamer1",
    "gstreamer1-plugins-base",
    "gstreamer1-plugins-good",
    "gstreamer1-plugin-libav",
    "libwebkit2gtk-4_1-0",
    "gstreamer",
    "gstreamer-plugins-base",
    "gstreamer-plugins-good",
];

/// Shown for a package that is not installed.
pub const NOT_INSTALLED: &str = "not installed";

/// What the webview is called on this OS.
pub const WEBVIEW_NAME: &str = if cfg!(target_os = "linux") {
    "WebKitGTK"
} else if cfg!(windows) {
    "WebView2"
} else {
    "WKWebView"
};

/// The versions file's text: the app's `app_version`, the OS, the
/// webview's version as the app found it (or why not), and the packages.
pub fn report(app_version: &str, webview: std::result::Result<String, String>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "infostand: {app_version}");
    let _ = writeln!(
        out,
        "os: {} ({}, {})",
        os_info::get(),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    if let Ok(kernel) = std::fs::read_to_string("/proc/sys/kernel/osrelease") {
        let _ = writeln!(out, "kernel: {}", kernel.trim());
    }
    match webview {
        Ok(version) => {
            let _ = writeln!(out, "webview: {WEBVIEW_NAME} {version}");
        }
        Err(error) => {
            let _ = writeln!(out, "webview: {WEBVIEW_NAME}, version unknown: {error}");
        }
    }
    if cfg!(target_os = "linux") {
        out.push_str("packages (GStreamer's version is libgstreamer's or gstreamer1's):\n");
        match installed_packages() {
            Some(packages) => {
                for (name, version) in packages {
                    let _ = writeln!(
                        out,
                        "  {name}: {}",
                        version.as_deref().unwrap_or(NOT_INSTALLED)
                    );
                }
            }
            None => out.push_str("  neither dpkg-query nor rpm could be asked\n"),
        }
    }
    out
}

/// The installed versions of [`DEB_PACKAGES`] or [`RPM_PACKAGES`], from
/// whichever package manager answers; `None` when neither does.
fn installed_packages() -> Option<Vec<(String, Option<String>)>> {
    let dpkg = Command::new("dpkg-query")
        .args(["-W", "-f", "${Package}\t${Version}\t${db:Status-Abbrev}\n"])
        .args(DEB_PACKAGES)
        .output();
    // dpkg-query exits 1 when some package is unknown, still listing the rest.
    if let Some(output) = dpkg
        .ok()
        .filter(|o| o.status.code().is_some_and(|code| code <= 1))
    {
        return Some(parse_dpkg(
            &String::from_utf8_lossy(&output.stdout),
            DEB_PACKAGES,
        ));
    }
    let rpm = Command::new("rpm")
        .args(["-q", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\n"])
        .args(RPM_PACKAGES)
        .output()
        .ok()?;
    let installed = parse_rpm(&String::from_utf8_lossy(&rpm.stdout), RPM_PACKAGES);
    Some(installed)
}

/// Each of `wanted` with its version from `dpkg-query -W` output lines
/// `NAME\tVERSION\tSTATUS`; installed means a status starting `ii`.
pub fn parse_dpkg(output: &str, wanted: &[&str]) -> Vec<(String, Option<String>)> {
    wanted
        .iter()
        .map(|name| {
            let version = output.lines().find_map(|line| {
                let mut fields = line.split('\t');
                let (package, version, status) = (fields.next()?, fields.next()?, fields.next()?);
                // Multi-arch packages are listed as NAME:ARCH.
                let package = package.split(':').next().unwrap_or(package);
                (package == *name && status.starts_with("ii")).then(|| version.to_string())
            });
            (name.to_string(), version)
        })
        .collect()
}

/// Each of `wanted` with its version from `rpm -q --qf` output lines
/// `NAME\tVERSION-RELEASE`; rpm prints "package X is not installed" (no
/// tab) for the others.
pub fn parse_rpm(output: &str, wanted: &[&str]) -> Vec<(String, Option<String>)> {
    wanted
        .iter()
        .map(|name| {
            let version = output.lines().find_map(|line| {
                let (package, version) = line.split_once('\t')?;
                (package == *name).then(|| version.to_string())
            });
            (name.to_string(), version)
        })
        .collect()
}
