//! The session as the state knows it: whose phone is signed in, and whether this process made
//! or renewed the session (then there is nothing to resume). The tokens themselves live in the
//! client and the OS keyring, never here.

use crate::snapshot::Snapshot;

/// The signed-in person, as far as the screens are concerned.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// The signed-in phone (normalised), as the device kept it.
    phone: Option<String>,
    /// The session was made or renewed by this process.
    fresh: bool,
}

impl Session {
    /// The phone the device kept from the last sign-in; the session is not renewed yet.
    pub(crate) fn cached(phone: Option<String>) -> Session {
        Session {
            phone,
            fresh: false,
        }
    }

    /// Signed in with the SMS code just now.
    pub(crate) fn signed_in(&mut self, phone: String) {
        self.phone = Some(phone);
        self.fresh = true;
    }

    /// The kept session was renewed by this process.
    pub(crate) fn resumed(&mut self) {
        self.fresh = true;
    }

    /// Whether this process made or renewed the session.
    pub(crate) fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// «Выйти».
    pub(crate) fn signed_out(&mut self) {
        self.phone = None;
        self.fresh = false;
    }

    /// What the session shows in a snapshot.
    pub(super) fn fill(&self, s: &mut Snapshot) {
        s.phone = self.phone.clone();
    }
}
