//! Notifications the person sees outside the app: a reminder to send readings, a bill posted.
//!
//! Every notification also goes into the in-app list ([`crate::Snapshot::notifications`]); the
//! [`Notifier`] is the platform's own notification centre where it has one. Desktop Linux and BSD
//! use the freedesktop D-Bus service, macOS its notification centre (feature
//! `desktop-notifications`); Android and iOS implementations need their SDKs and are not linked.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::app::Ofis;

/// What a notifier's delivery comes to.
pub type Delivery = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// The platform's notification centre.
pub trait Notifier: Send + Sync + 'static {
    /// Shows one notification; the error is the platform's words.
    fn notify(&self, title: &str, body: &str) -> Delivery;
}

/// The desktop notification centre (freedesktop D-Bus service, or macOS).
#[cfg(feature = "desktop-notifications")]
#[derive(Debug, Clone)]
pub struct DesktopNotifier {
    app_name: String,
}

#[cfg(feature = "desktop-notifications")]
impl DesktopNotifier {
    /// Notifications signed with the app's name.
    pub fn new(app_name: &str) -> Self {
        DesktopNotifier {
            app_name: app_name.to_string(),
        }
    }

    fn notification(&self, title: &str, body: &str) -> notify_rust::Notification {
        let mut n = notify_rust::Notification::new();
        n.appname(&self.app_name).summary(title).body(body);
        n
    }
}

#[cfg(feature = "desktop-notifications")]
impl Notifier for DesktopNotifier {
    #[cfg(all(unix, not(target_os = "macos")))]
    fn notify(&self, title: &str, body: &str) -> Delivery {
        let n = self.notification(title, body);
        Box::pin(async move { n.show_async().await.map(|_| ()).map_err(|e| e.to_string()) })
    }

    #[cfg(not(all(unix, not(target_os = "macos"))))]
    fn notify(&self, title: &str, body: &str) -> Delivery {
        let n = self.notification(title, body);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || n.show().map(|_| ()).map_err(|e| e.to_string()))
                .await
                .map_err(|e| e.to_string())?
        })
    }
}

impl Ofis {
    /// Sends notifications to the platform's notification centre too, from now on.
    pub fn set_notifier(&self, notifier: Arc<dyn Notifier>) {
        *self
            .inner
            .notifier
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(notifier);
    }

    /// Shows `body` in the notification centre, in the background: a notification centre that
    /// is missing or slow never holds up the app (the in-app list has the text anyway).
    pub(crate) fn notify_os(&self, title: &str, body: &str) {
        let notifier = self
            .inner
            .notifier
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let Some(notifier) = notifier else { return };
        let delivery = notifier.notify(title, body);
        tokio::spawn(async move {
            if let Err(e) = delivery.await {
                tracing::warn!(error = %e, "notification not shown");
            }
        });
    }
}
