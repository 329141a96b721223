//! Timestamps in files: RFC 3339 with the local offset
//! (`2026-11-21T14:03:07.123456789+01:00`), read back as local time.

use chrono::{DateTime, Local};
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(t: &DateTime<Local>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Local>, D::Error> {
    let s = String::deserialize(d)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Local))
        .map_err(|e| serde::de::Error::custom(format!("{s:?} is not an RFC 3339 time: {e}")))
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Local};

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(with = "super")]
        at: DateTime<Local>,
    }

    #[test]
    fn round_trips() {
        let at = DateTime::parse_from_rfc3339("2026-11-21T14:03:07.123456789+01:00")
            .expect("time")
            .with_timezone(&Local);
        let json = serde_json::to_string(&T { at }).expect("json");
        assert_eq!(serde_json::from_str::<T>(&json).expect("back"), T { at });
        let e = serde_json::from_str::<T>(r#"{"at":"yesterday"}"#).expect_err("bad");
        assert!(e.to_string().contains("not an RFC 3339 time"), "{e}");
    }
}
