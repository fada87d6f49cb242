//! The companion's time zone: `--zone`, else the system's, from chrono-tz (phones use their own
//! zone rules instead; see DESIGN.md).

use chrono_tz::Tz;
use eventide_core::{Error, Result};

/// The zone named on the command line, or the system zone, or UTC when none can be found.
pub fn resolve(name: Option<&str>) -> Result<Tz> {
    match name {
        Some(n) => parse(n),
        None => Ok(system_zone()
            .and_then(|n| n.parse().ok())
            .unwrap_or(Tz::UTC)),
    }
}

fn parse(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(
            "zone",
            format!("\"{name}\" is not a known time zone; use an IANA name such as Europe/London"),
        )
    })
}

/// The system zone's IANA name: `$TZ`, the `/etc/localtime` link, or `/etc/timezone`.
fn system_zone() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').to_string();
        if !tz.is_empty() {
            return Some(tz);
        }
    }
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        let text = target.to_string_lossy().into_owned();
        if let Some((_, name)) = text.split_once("zoneinfo/") {
            return Some(name.to_string());
        }
    }
    std::fs::read_to_string("/etc/timezone")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}
