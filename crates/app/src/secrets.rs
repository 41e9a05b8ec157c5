//! Passwords (the mail server's, a signing certificate's) in the system
//! keychain, never in the record or a file. Where no keychain runs (a bare
//! session without the Secret Service), a password is kept in memory until
//! Amicus closes, and staff are told so.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The keychain service names Amicus keeps its secrets under.
pub const SMTP_SERVICE: &str = "Amicus mail server";
pub const CERTIFICATE_SERVICE: &str = "Amicus signing certificate";
/// The mailbox sign-in: the refresh token and who it is for.
pub const MAILBOX_SERVICE: &str = "Amicus mailbox sign-in";

/// Where a saved password went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SecretKept {
    /// The system keychain: it stays there for the next session.
    Keychain,
    /// No keychain answered: kept only until Amicus closes.
    ThisSession,
}

/// The system keychain (when one answers) with a session-only fallback.
pub struct Secrets {
    /// Reached on first use, so start-up never waits on D-Bus.
    store: OnceLock<Option<Arc<CredentialStore>>>,
    session: Mutex<HashMap<(String, String), String>>,
}

impl Secrets {
    /// The user's keychain (the Secret Service on Linux).
    pub fn system() -> Secrets {
        Secrets {
            store: OnceLock::new(),
            session: Mutex::new(HashMap::new()),
        }
    }

    /// A given credential store (tests use keyring-core's mock store).
    pub fn with_store(store: Option<Arc<CredentialStore>>) -> Secrets {
        Secrets {
            store: OnceLock::from(store),
            session: Mutex::new(HashMap::new()),
        }
    }

    fn entry(&self, service: &str, account: &str) -> Option<Entry> {
        let store = self.store.get_or_init(system_store).as_ref()?;
        Entry::new_in_store(store, service, account).ok()
    }

    fn session(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), String>> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The password kept for `account` of `service`, if any.
    pub fn get(&self, service: &str, account: &str) -> Option<String> {
        let key = (service.to_string(), account.to_string());
        if let Some(p) = self.session().get(&key) {
            return Some(p.clone());
        }
        self.entry(service, account)?.get_password().ok()
    }

    /// Keep a password: in the keychain when it takes it, else for this session.
    pub fn set(&self, service: &str, account: &str, password: &str) -> SecretKept {
        let key = (service.to_string(), account.to_string());
        if let Some(entry) = self.entry(service, account)
            && entry.set_password(password).is_ok()
        {
            self.session().remove(&key);
            return SecretKept::Keychain;
        }
        self.session().insert(key, password.to_string());
        SecretKept::ThisSession
    }

    /// Forget a password wherever it is kept. A keychain that does not
    /// forget it is an error (the password is still there); one that held
    /// none is not.
    pub fn delete(&self, service: &str, account: &str) -> Result<(), AppError> {
        self.session()
            .remove(&(service.to_string(), account.to_string()));
        let Some(store) = self.store.get_or_init(system_store).as_ref() else {
            return Ok(());
        };
        let refused = |e: keyring_core::Error| {
            AppError::Unavailable(format!(
                "the system keychain did not forget the password of {account} (\"{service}\"): {e}; \
                 it may still be kept there: try again, or remove it with your keychain's manager"
            ))
        };
        let entry = Entry::new_in_store(store, service, account).map_err(refused)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(refused(e)),
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn system_store() -> Option<Arc<CredentialStore>> {
    // No session bus, no Secret Service: don't wait on one. This is also how
    // tests and scripted runs stay away from the user's real keychain: they
    // unset DBUS_SESSION_BUS_ADDRESS (there is no switch of Amicus's own).
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS")?;
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new().ok()?;
    Some(store)
}

/// Windows: the Credential Manager (generic credentials of the signed-in user).
#[cfg(windows)]
fn system_store() -> Option<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new().ok()?;
    Some(store)
}

/// macOS (the Keychain's store is the next step, docs/PLATFORMS.md): none
/// yet, so passwords are asked for each time and never written elsewhere.
#[cfg(not(any(windows, all(unix, not(target_os = "macos")))))]
fn system_store() -> Option<Arc<CredentialStore>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keychain_keeps_the_password_and_forgets_it() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().expect("mock store");
        let s = Secrets::with_store(Some(store));
        assert_eq!(
            s.set(SMTP_SERVICE, "me@smtp", "hunter2"),
            SecretKept::Keychain
        );
        assert_eq!(s.get(SMTP_SERVICE, "me@smtp").as_deref(), Some("hunter2"));
        assert_eq!(s.get(SMTP_SERVICE, "other@smtp"), None);
        s.delete(SMTP_SERVICE, "me@smtp").unwrap();
        assert_eq!(s.get(SMTP_SERVICE, "me@smtp"), None);
        // Nothing kept: nothing to forget, and that is no error.
        s.delete(SMTP_SERVICE, "me@smtp").unwrap();
    }

    #[test]
    fn a_keychain_that_does_not_forget_says_so() {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().expect("mock store");
        let s = Secrets::with_store(Some(Arc::clone(&store)));
        s.set(SMTP_SERVICE, "me@smtp", "hunter2");
        let entry = Entry::new_in_store(&store, SMTP_SERVICE, "me@smtp").unwrap();
        let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        mock.set_error(keyring_core::Error::NoStorageAccess(
            "the keychain is locked".into(),
        ));
        let e = s.delete(SMTP_SERVICE, "me@smtp").unwrap_err();
        assert!(
            e.to_string()
                .contains("the system keychain did not forget the password of me@smtp"),
            "{e}"
        );
        // It is still there, as the error says.
        assert_eq!(s.get(SMTP_SERVICE, "me@smtp").as_deref(), Some("hunter2"));
    }

    #[test]
    fn without_a_keychain_the_password_lasts_the_session() {
        let s = Secrets::with_store(None);
        assert_eq!(
            s.set(SMTP_SERVICE, "me@smtp", "pw"),
            SecretKept::ThisSession
        );
        assert_eq!(s.get(SMTP_SERVICE, "me@smtp").as_deref(), Some("pw"));
        s.delete(SMTP_SERVICE, "me@smtp").unwrap();
        assert_eq!(s.get(SMTP_SERVICE, "me@smtp"), None);
    }
}
