use serde::{Deserialize, Serialize};

use super::helplines::Region;

/// Choices the person makes about the app itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Which country's helplines are shown.
    pub region: Region,
}
