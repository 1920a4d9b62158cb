//! The office profiles kept in this browser ("Hồ sơ cơ quan"): a clerk who drafts for
//! more than one office keeps one per office and picks the one in use. "Kế hoạch mới"
//! and the header form fill from it (`kehoach_core::compose::Profile`). Kept in
//! localStorage beside the drafts and carried by backups. Pure, unit-tested natively.

use kehoach_core::compose::Profile;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileBook {
    pub profiles: Vec<Profile>,
    /// The profile in use, by index.
    pub active: usize,
}

impl ProfileBook {
    /// The book kept as JSON; an unreadable one is empty (nothing to lose: the page
    /// never writes an unreadable one).
    pub fn from_json(json: &str) -> ProfileBook {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
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
