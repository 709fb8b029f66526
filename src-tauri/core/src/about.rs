//! What the admin sees under Settings > About: which Custodian this is and where it keeps
//! its files, so a log can be found when something goes wrong.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// Where the local cache and preferences live.
    pub data_dir: String,
    /// Where the log files are written.
    pub log_dir: String,
}

pub fn describe(name: &str, version: &str, data_dir: &Path, log_dir: &Path) -> AppInfo {
    AppInfo {
        name: name.to_owned(),
        version: version.to_owned(),
        data_dir: data_dir.display().to_string(),
        log_dir: log_dir.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_is_camel_case_json() {
        let info = describe("Custodian", "1.2.3", Path::new("/d"), Path::new("/d/logs"));
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "name": "Custodian", "version": "1.2.3", "dataDir": "/d", "logDir": "/d/logs"
            })
        );
    }
}
