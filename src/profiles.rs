//! The office profiles kept in this browser ("Hồ sơ cơ quan"): a clerk who drafts for
//! more than one office keeps one per office and picks the one in use. "Kế hoạch mới"
//! and the header form fill from it (`kehoach_core::compose::Profile`). Kept in
//! localStorage beside the drafts and carried by backups. Pure, unit-tested natively.

use kehoach_core::compose::Profile;
use kehoach_core::json::{self, field_or_default, FromJson, ToJson, Value, Writer};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileBook {
    pub profiles: Vec<Profile>,
    /// The profile in use, by index.
    pub active: usize,
}

/// Both fields may be missing (the book as serde kept it with `#[serde(default)]`).
impl FromJson for ProfileBook {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        let value = json::expect_object(value)?;
        Ok(ProfileBook {
            profiles: field_or_default(value, "profiles")?,
            active: field_or_default(value, "active")?,
        })
    }
}

impl ToJson for ProfileBook {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("profiles", &self.profiles);
        w.field("active", &self.active);
        w.end_object();
    }
}

impl ProfileBook {
    /// The book kept as JSON; an unreadable one is empty (nothing to lose: the page
    /// never writes an unreadable one).
    pub fn from_json(json: &str) -> ProfileBook {
        json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// The profile in use, if there is one.
    pub fn current(&self) -> Option<&Profile> {
        self.profiles.get(self.active)
    }

    /// Adds `profile` and makes it the one in use.
    pub fn add(&mut self, profile: Profile) {
        self.profiles.push(profile);
        self.active = self.profiles.len() - 1;
    }

    /// Replaces the profile in use (or adds it, when there is none).
    pub fn put_current(&mut self, profile: Profile) {
        match self.profiles.get_mut(self.active) {
            Some(p) => *p = profile,
            None => self.add(profile),
        }
    }

    /// Removes the profile in use; the one before it is then in use.
    pub fn remove_current(&mut self) {
        if self.active < self.profiles.len() {
            self.profiles.remove(self.active);
            self.active = self.active.saturating_sub(1);
        }
    }

    /// Takes a backup's profiles this browser lacks (by name and content): an import
    /// adds, it never overwrites. Returns how many were added.
    pub fn merge(&mut self, theirs: ProfileBook) -> usize {
        let mut added = 0;
        for p in theirs.profiles {
            if !self.profiles.contains(&p) {
                self.profiles.push(p);
                added += 1;
            }
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(name: &str) -> Profile {
        Profile {
            name: name.into(),
            agency: format!("Ủy ban nhân dân {name}"),
            ..Profile::default()
        }
    }

    #[test]
    fn profiles_are_added_replaced_removed_and_merged_without_overwriting() {
        let mut book = ProfileBook::default();
        assert!(book.current().is_none());
        book.put_current(office("xã A"));
        book.add(office("xã B"));
        assert_eq!(book.current().map(|p| p.name.as_str()), Some("xã B"));
        let mut edited = office("xã B");
        edited.place = "B".into();
        book.put_current(edited.clone());
        assert_eq!(book.profiles[1], edited);
        let back = ProfileBook::from_json(&book.to_json());
        assert_eq!(back, book);
        assert_eq!(ProfileBook::from_json("{"), ProfileBook::default());

        let mut other = ProfileBook::default();
        other.add(office("xã A"));
        other.add(office("xã C"));
        assert_eq!(book.merge(other), 1, "xã A is here already");
        assert_eq!(book.profiles.len(), 3);
        assert_eq!(book.active, 1, "the one in use stays");
        book.remove_current();
        assert_eq!(book.current().map(|p| p.name.as_str()), Some("xã A"));
    }
}
