//! An office's rule settings: a rule turned off, or given another severity. The file
//! is small JSON, `.kehoach.json` (the CLI finds it in a checked file's folder or
//! above, as markdownlint and Vale find theirs, or takes `--config FILE`):
//!
//! ```json
//! {"rules": {"KH806": "off", "KH204": "error"}}
//! ```
//!
//! Values: `off`, `info`, `warning`, `error`. The file is an object so that more
//! settings can join `rules` later; a key or a code this version does not know is an
//! error with a message, never silently ignored (a typo would otherwise change
//! nothing and say nothing).

use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;

/// The name the CLI looks for.
pub const FILE_NAME: &str = ".kehoach.json";

/// What the settings do to one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

impl RuleSetting {
    /// A value of the file: `off`, `info`, `warning` or `error`.
    pub fn parse(value: &str) -> Option<RuleSetting> {
        match value {
            "off" => Some(RuleSetting::Off),
            "info" => Some(RuleSetting::Severity(Severity::Info)),
            "warning" => Some(RuleSetting::Severity(Severity::Warning)),
            "error" => Some(RuleSetting::Severity(Severity::Error)),
            _ => None,
        }
    }

    /// The file's value for this setting.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSetting::Off => "off",
            RuleSetting::Severity(s) => s.as_str(),
        }
    }
}

/// Rule settings by rule code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub rules: BTreeMap<String, RuleSetting>,
}

/// Why a settings file was refused: one line, naming what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError(pub String);

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Settings {
    /// Reads settings from JSON, refusing what this version does not know.
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let value =
            crate::json::parse(text).map_err(|e| SettingsError(format!("not JSON: {e}")))?;
        let top = value
            .as_object()
            .ok_or_else(|| SettingsError("expected an object such as {\"rules\": {…}}".into()))?;
        let mut settings = Settings::default();
        for (key, value) in top {
            match key.as_ref() {
                "rules" => {
                    let rules = value.as_object().ok_or_else(|| {
                        SettingsError("\"rules\" must be an object of rule codes".into())
                    })?;
                    let known = crate::rules::registry();
                    for (code, setting) in rules {
                        if !known.iter().any(|r| r.code == code) {
                            return Err(SettingsError(format!(
                                "unknown rule code \"{code}\" (see `kehoach rules`)"
                            )));
                        }
                        let Some(setting) = setting.as_str().and_then(RuleSetting::parse) else {
                            return Err(SettingsError(format!(
                                "rule {code}: the value must be \"off\", \"info\", \"warning\" or \"error\", not {}",
                                setting.to_json_string()
                            )));
                        };
                        settings.rules.insert(code.to_string(), setting);
                    }
                }
                other => {
                    return Err(SettingsError(format!(
                        "unknown setting \"{other}\" (this version knows \"rules\")"
                    )))
                }
            }
        }
        Ok(settings)
    }

    /// The file's JSON for these settings (what `from_json` reads back).
    pub fn to_json(&self) -> String {
        let mut w = crate::json::Writer::new(false);
        w.begin_object();
        w.key("rules");
        w.begin_object();
        for (code, setting) in &self.rules {
            w.field(code, setting.as_str());
        }
        w.end_object();
        w.end_object();
        w.finish()
    }

    /// The severity a finding of rule `code` shows with: `None` when the rule is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(*s),
            None => Some(default),
        }
    }

    /// Whether rule `code` is on (its findings reported, its safe fixes applied).
    pub fn is_on(&self, code: &str) -> bool {
        self.rules.get(code) != Some(&RuleSetting::Off)
    }

    /// Drops the findings of rules turned off and gives the others their set
    /// severity: what the CLI reports and the app shows (no underline, no count, not
    /// in the list for a rule that is off).
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.severity(d.code, d.severity) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_off_and_severities() {
        let s =
            Settings::from_json(r#"{"rules": {"KH401": "off", "KH204": "error"}}"#).expect("valid");
        assert_eq!(s.rules.get("KH401"), Some(&RuleSetting::Off));
        assert_eq!(
            s.rules.get("KH204"),
            Some(&RuleSetting::Severity(Severity::Error))
        );
        let text = include_str!("../tests/seeds/003_b67ebee3cb483b12.txt");
        let lang = crate::diagnostics::Lang::Vi;
        let report = crate::check_for_output("003", text, None, lang, &Settings::default());
        assert!(report.diagnostics.iter().any(|d| d.code == "KH401"));
        let report = crate::check_for_output("003", text, None, lang, &s);
        assert!(report.diagnostics.iter().all(|d| d.code != "KH401"));
        assert!(report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH204")
            .all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn what_is_not_known_is_refused_in_one_line() {
        for (json, says) in [
            ("{", "not JSON"),
            ("[]", "expected an object"),
            (r#"{"rule": {}}"#, "unknown setting \"rule\""),
            (r#"{"rules": []}"#, "must be an object"),
            (
                r#"{"rules": {"KH999": "off"}}"#,
                "unknown rule code \"KH999\"",
            ),
            (
                r#"{"rules": {"KH401": "tắt"}}"#,
                "rule KH401: the value must be",
            ),
        ] {
            let e = Settings::from_json(json).expect_err(json);
            assert!(e.0.contains(says), "{json}: {}", e.0);
            assert!(!e.0.contains('\n'), "one line: {}", e.0);
        }
        assert_eq!(Settings::from_json("{}"), Ok(Settings::default()));
        let s =
            Settings::from_json(r#"{"rules": {"KH401": "off", "KH204": "error"}}"#).expect("valid");
        assert_eq!(Settings::from_json(&s.to_json()), Ok(s));
    }
}
