//! `amicus mail`: the mail server letters are e-mailed through.

use std::path::PathBuf;

use amicus_app::mail::{MailSecurity, MailSettings};
use amicus_app::secrets::SecretKept;
use amicus_app::{App, AppError};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Mail {
    /// The mail server letters are e-mailed through.
    Show,
    /// Set the mail server. With AMICUS_SMTP_PASSWORD set, its password is
    /// kept in the system keychain.
    Set {
        /// The server's host name, e.g. smtp.office365.com.
        #[arg(long)]
        server: String,
        /// 587 for STARTTLS (the default), 465 for TLS.
        #[arg(long)]
        port: Option<u16>,
        /// TLS from the first byte (port 465) instead of STARTTLS.
        #[arg(long)]
        tls: bool,
        /// The login, when the server asks for one.
        #[arg(long)]
        user: Option<String>,
        /// The address letters are sent from.
        #[arg(long)]
        from: String,
        /// The name shown with it.
        #[arg(long)]
        from_name: Option<String>,
        /// The organization's own CA certificate (PEM), if the server's is not publicly trusted.
        #[arg(long, value_name = "FILE.pem")]
        ca: Option<PathBuf>,
    },
    /// Forget the mail server's password.
    ForgetPassword,
}

pub fn run(app: &App, cmd: Mail) -> Result<(), AppError> {
    match cmd {
        Mail::Show => {
            let view = app.mail_settings()?;
            match view.settings {
                None => out!(
                    "no mail server set; set one with `amicus mail set --server HOST --from ADDRESS`"
                ),
                Some(s) => {
                    out!("server: {}", s.describe());
                    out!(
                        "from: {}{}",
                        s.from_name.map(|n| format!("{n} ")).unwrap_or_default(),
                        format_args!("<{}>", s.from_address)
                    );
                    if let Some(u) = &s.username {
                        out!(
                            "login: {u} (password {})",
                            if view.password_kept {
                                "kept"
                            } else {
                                "not kept"
                            }
                        );
                    }
                    if let Some(ca) = &s.ca_file {
                        out!("CA file: {ca}");
                    }
                }
            }
        }
        Mail::Set {
            server,
            port,
            tls,
            user,
            from,
            from_name,
            ca,
        } => {
            let security = if tls {
                MailSecurity::Tls
            } else {
                MailSecurity::Starttls
            };
            let settings = MailSettings {
                server,
                port: port.unwrap_or(security.usual_port()),
                security,
                username: user,
                from_address: from,
                from_name,
                ca_file: ca.map(|p| p.display().to_string()),
            };
            let password = std::env::var("AMICUS_SMTP_PASSWORD").ok();
            let kept = app.set_mail_settings(&settings, password.as_deref())?;
            out!("mail server set: {}", settings.describe());
            match kept {
                Some(SecretKept::Keychain) => out!("the password is kept in the system keychain"),
                Some(SecretKept::ThisSession) => out!(
                    "no system keychain answered, so the password was not kept; set AMICUS_SMTP_PASSWORD when sending"
                ),
                None => {}
            }
        }
        Mail::ForgetPassword => {
            app.forget_mail_password()?;
            out!("the mail server's password is forgotten");
        }
    }
    Ok(())
}
