//! The app state, in parts that each own their fields and keep their rules where the fields
//! change: the basket (the общий счёт, what is paid, awaiting or has readings, the saved
//! addresses), the payments of this process, the session, the readings queue and the notices.
//!
//! The state is read through [`Shared::read`] and changed only through [`Shared::change`]. The
//! change guard publishes the new [`Snapshot`] to every subscriber when it is dropped, if what a
//! snapshot shows has changed: no change can forget to tell the screens.

mod basket;
mod notices;
mod payments;
mod reading_queue;
mod session;

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::sync::watch;

pub(crate) use basket::Basket;
pub(crate) use notices::{bill_posted, Notices};
pub(crate) use payments::Payments;
pub(crate) use reading_queue::ReadingQueue;
pub(crate) use session::Session;

use crate::snapshot::Snapshot;

/// Every part of the app state.
#[derive(Debug)]
pub(crate) struct State {
    basket: Basket,
    payments: Payments,
    session: Session,
    queue: ReadingQueue,
    notices: Notices,
    /// Support's answers the person has not seen («Написать»).
    support_unread: u32,
    /// How many changes were made: orders the snapshots they publish.
    changes: u64,
}

impl State {
    /// The state of an app just opened.
    pub(crate) fn opened(basket: Basket, session: Session, queue: ReadingQueue) -> State {
        State {
            basket,
            payments: Payments::default(),
            session,
            queue,
            notices: Notices::default(),
            support_unread: 0,
            changes: 0,
        }
    }

    pub(crate) fn basket(&self) -> &Basket {
        &self.basket
    }

    pub(crate) fn basket_mut(&mut self) -> &mut Basket {
        &mut self.basket
    }

    pub(crate) fn payments(&self) -> &Payments {
        &self.payments
    }

    pub(crate) fn payments_mut(&mut self) -> &mut Payments {
        &mut self.payments
    }

    pub(crate) fn session(&self) -> &Session {
        &self.session
    }

    pub(crate) fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    pub(crate) fn queue_mut(&mut self) -> &mut ReadingQueue {
        &mut self.queue
    }

    pub(crate) fn notices_mut(&mut self) -> &mut Notices {
        &mut self.notices
    }

    pub(crate) fn set_support_unread(&mut self, unread: u32) {
        self.support_unread = unread;
    }

    /// «Выйти»: nothing personal is left in any part; `paid` is what the outbox still knows,
    /// `queue` the readings still waiting to be sent.
    pub(crate) fn signed_out(
        &mut self,
        paid: std::collections::BTreeSet<ofis_domain::BillId>,
        queue: Vec<crate::subscriber::QueueRow>,
    ) {
        self.session.signed_out();
        self.queue.reloaded(queue);
        self.basket.emptied(paid);
        self.payments.forget_tickets();
        self.notices.clear();
        self.support_unread = 0;
    }

    /// What the screens show of the state.
    pub(crate) fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot::default();
        self.session.fill(&mut s);
        self.basket.fill(&mut s);
        self.notices.fill(&mut s);
        self.queue.fill(&mut s);
        s.support_unread = self.support_unread;
        s
    }
}

/// The state shared by every window of the app, and the channel that publishes it.
pub(crate) struct Shared {
    state: Mutex<State>,
    published: watch::Sender<Snapshot>,
    /// The number of the change last published: a change published late never overwrites a
    /// newer one. Read and written only while the channel's value is locked.
    published_change: AtomicU64,
}

impl Shared {
    pub(crate) fn new(state: State) -> Shared {
        let published = watch::Sender::new(state.snapshot());
        Shared {
            published_change: AtomicU64::new(state.changes),
            state: Mutex::new(state),
            published,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The state, to read.
    pub(crate) fn read(&self) -> Read<'_> {
        Read(self.lock())
    }

    /// The state, to change; what changed is published when the guard is dropped.
    pub(crate) fn change(&self) -> Change<'_> {
        Change {
            state: Some(self.lock()),
            shared: self,
        }
    }

    /// The current snapshot, then every change of it.
    pub(crate) fn subscribe(&self) -> watch::Receiver<Snapshot> {
        self.published.subscribe()
    }

    /// Publishes the snapshot of change number `change`, unless a later one was published
    /// already or nothing a snapshot shows has changed. Called with the state unlocked: a
    /// subscriber holding the channel's value while it reads the state cannot deadlock us.
    fn publish(&self, change: u64, snapshot: Snapshot) {
        self.published.send_if_modified(|shown| {
            if change <= self.published_change.load(Ordering::Relaxed) {
                return false;
            }
            self.published_change.store(change, Ordering::Relaxed);
            if *shown == snapshot {
                return false;
            }
            *shown = snapshot;
            true
        });
    }
}

/// The state locked for reading.
pub(crate) struct Read<'a>(MutexGuard<'a, State>);

impl Deref for Read<'_> {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

/// The state locked for a change; publishes the new snapshot when dropped.
pub(crate) struct Change<'a> {
    state: Option<MutexGuard<'a, State>>,
    shared: &'a Shared,
}

impl Deref for Change<'_> {
    type Target = State;

    fn deref(&self) -> &State {
        self.state
            .as_deref()
            .expect("the guard holds the state until dropped")
    }
}

impl DerefMut for Change<'_> {
    fn deref_mut(&mut self) -> &mut State {
        self.state
            .as_deref_mut()
            .expect("the guard holds the state until dropped")
    }
}

impl Drop for Change<'_> {
    fn drop(&mut self) {
        let Some(mut state) = self.state.take() else {
            return;
        };
        state.changes += 1;
        let (change, snapshot) = (state.changes, state.snapshot());
        drop(state);
        self.shared.publish(change, snapshot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Shared {
        let basket = Basket::cached(
            Default::default(),
            Vec::new(),
            Default::default(),
            Default::default(),
        );
        Shared::new(State::opened(
            basket,
            Session::default(),
            ReadingQueue::default(),
        ))
    }

    #[test]
    fn a_change_published_late_never_overwrites_a_newer_one() {
        let shared = shared();
        let mut rx = shared.subscribe();
        let newer = Snapshot {
            phone: Some("79123456789".into()),
            ..Snapshot::default()
        };
        shared.publish(2, newer.clone());
        shared.publish(1, Snapshot::default());
        assert!(rx.has_changed().unwrap());
        assert_eq!(*rx.borrow_and_update(), newer);
    }

    #[test]
    fn a_change_the_snapshot_does_not_show_wakes_nobody() {
        let shared = shared();
        let mut rx = shared.subscribe();
        rx.borrow_and_update();
        shared.change().queue_mut().round_ended(0, true);
        assert!(!rx.has_changed().unwrap());
        shared
            .change()
            .session_mut()
            .signed_in("79123456789".into());
        assert!(rx.has_changed().unwrap(), "a change it shows is published");
    }
}
