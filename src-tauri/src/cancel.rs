//! Stopping a long operation: each one the window can stop has a token of
//! its own, so stopping an export never stops an e-mail batch going on at
//! the same time (nor the reverse).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The operations the window can stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `letter_export`, stopped by `export_cancel` (nothing is written).
    Export,
    /// `letter_send_email`, stopped by `send_cancel` (before the next message).
    Email,
    /// `mail_sign_in` waiting for the browser, stopped by `mail_sign_in_cancel`
    /// (nothing is kept).
    SignIn,
}

/// One run's token: asked before each step whether to go on.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// The token of the run in progress of each operation.
#[derive(Debug, Default)]
pub struct Cancels {
    export: Mutex<CancelToken>,
    email: Mutex<CancelToken>,
    sign_in: Mutex<CancelToken>,
}

impl Cancels {
    /// A fresh token for a run of `op` starting now: a stop asked for
    /// before it started does not stop it.
    pub fn start(&self, op: Operation) -> CancelToken {
        let token = CancelToken::default();
        *self.slot(op).lock().unwrap_or_else(|e| e.into_inner()) = token.clone();
        token
    }

    /// Stop the run of `op` in progress, if any; other operations go on.
    pub fn cancel(&self, op: Operation) {
        self.slot(op)
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .cancel();
    }

    fn slot(&self, op: Operation) -> &Mutex<CancelToken> {
        match op {
            Operation::Export => &self.export,
            Operation::Email => &self.email,
            Operation::SignIn => &self.sign_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_an_export_leaves_a_running_email_send_alone() {
        let cancels = Cancels::default();
        let email = cancels.start(Operation::Email);
        let export = cancels.start(Operation::Export);
        cancels.cancel(Operation::Export);
        assert!(export.is_cancelled());
        assert!(
            !email.is_cancelled(),
            "stopping the export stopped the e-mail batch"
        );
        // And the other way round.
        let export = cancels.start(Operation::Export);
        cancels.cancel(Operation::Email);
        assert!(email.is_cancelled());
        assert!(
            !export.is_cancelled(),
            "stopping the e-mail batch stopped the export"
        );
    }

    #[test]
    fn cancelling_a_sign_in_leaves_the_e_mail_batch_alone() {
        let cancels = Cancels::default();
        let email = cancels.start(Operation::Email);
        let sign_in = cancels.start(Operation::SignIn);
        cancels.cancel(Operation::SignIn);
        assert!(sign_in.is_cancelled());
        assert!(
            !email.is_cancelled(),
            "stopping the sign-in stopped the batch"
        );
    }

    #[test]
    fn a_stop_asked_before_a_run_starts_does_not_stop_it() {
        let cancels = Cancels::default();
        cancels.cancel(Operation::Export);
        assert!(!cancels.start(Operation::Export).is_cancelled());
    }

    #[test]
    fn a_stop_reaches_the_run_that_started_last() {
        let cancels = Cancels::default();
        let first = cancels.start(Operation::Email);
        let second = cancels.start(Operation::Email);
        cancels.cancel(Operation::Email);
        assert!(second.is_cancelled());
        // The earlier run had finished when the next one started (the
        // window runs one batch at a time): its token is left as it was.
        assert!(!first.is_cancelled());
    }
}
