//! `amicus mail`: the mail server letters are e-mailed through.

use std::path::PathBuf;
use std::time::Duration;

use amicus_app::mail::{MailSecurity, MailSettings};
use amicus_app::oauth::{Browser, Handover, Provider, SignIn};
use amicus_app::secrets::SecretKept;
use amicus_app::{App, AppError};
use clap::{Subcommand, ValueEnum};

/// How messages are handed over, on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub enum Way {
    /// SMTP (XOAUTH2 once signed in) to the server `mail set` names.
    Smtp,
    /// Microsoft Graph's sendMail (Microsoft 365 tenants with SMTP AUTH off).
    Graph,
    /// The Gmail API (Google Workspace).
    Gmail,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Who {
    Microsoft,
    Google,
    Oidc,
}

#[derive(Subcommand)]
pub enum Mail {
    /// The mail server letters are e-mailed through.
    Show,
    /// Set the mail server. With AMICUS_SMTP_PASSWORD set, its password is
    /// kept in the system keychain.
    Set {
        /// The server's host name, e.g. smtp.office365.com. Without one,
        /// only `.eml` drafts for your own mail program can be written
        /// (they need only --from).
        #[arg(long, default_value = "")]
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
    /// Sign in to the organization's mailbox (Microsoft 365, Google
    /// Workspace, or any OpenID provider) in the system browser, instead of
    /// a password; the sign-in is kept in the system keychain. The provider
    /// and client id are the organization's settings: given here, they are
    /// saved (an administrator's change on a team record). $BROWSER, when
    /// set, is the program that opens the sign-in page.
    Login {
        /// microsoft, google or oidc; none: the one the settings name.
        provider: Option<Who>,
        /// The application (client) id the administrator registered.
        #[arg(long)]
        client_id: Option<String>,
        /// Google desktop-app registrations only: the client secret Google
        /// gives with them (not a secret in an installed app).
        #[arg(long)]
        client_secret: Option<String>,
        /// Microsoft: the directory (tenant) id or domain.
        #[arg(long)]
        tenant: Option<String>,
        /// oidc: the issuer's address (https://login.example.org/realms/staff).
        #[arg(long)]
        issuer: Option<String>,
        /// How messages are handed over: smtp (XOAUTH2), graph or gmail.
        #[arg(long, value_enum)]
        via: Option<Way>,
        /// The Graph or Gmail API's address, if not the public one.
        #[arg(long)]
        api_url: Option<String>,
        /// How long to wait for the sign-in in the browser, in seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
    /// Sign out of the organization's mailbox on this computer.
    Logout,
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
                    if let Some(sign_in) = &s.sign_in {
                        out!(
                            "sign-in: {} (client {}){}",
                            sign_in.provider.name(),
                            sign_in.client_id,
                            match &view.signed_in_as {
                                Some(u) => format!(", signed in as {u}"),
                                None => ", no one signed in on this computer".into(),
                            }
                        );
                    }
                }
            }
        }
        Mail::Login {
            provider,
            client_id,
            client_secret,
            tenant,
            issuer,
            via,
            api_url,
            timeout,
        } => login(
            app,
            provider,
            client_id,
            client_secret,
            tenant,
            issuer,
            via,
            api_url,
            timeout,
        )?,
        Mail::Logout => {
            app.mail_sign_out()?;
            out!("signed out of the mailbox on this computer");
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
            // The sign-in and the way messages go stay as they were set.
            let saved = app.mail_settings()?.settings;
            let settings = MailSettings {
                server,
                port: port.unwrap_or(security.usual_port()),
                security,
                username: user,
                from_address: from,
                from_name,
                ca_file: ca.map(|p| p.display().to_string()),
                handover: saved.as_ref().map(|s| s.handover).unwrap_or_default(),
                sign_in: saved.as_ref().and_then(|s| s.sign_in.clone()),
                api_url: saved.and_then(|s| s.api_url),
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

#[allow(clippy::too_many_arguments)]
fn login(
    app: &App,
    provider: Option<Who>,
    client_id: Option<String>,
    client_secret: Option<String>,
    tenant: Option<String>,
    issuer: Option<String>,
    via: Option<Way>,
    api_url: Option<String>,
    timeout: u64,
) -> Result<(), AppError> {
    let Some(mut settings) = app.mail_settings()?.settings else {
        return Err(AppError::invalid(
            "mail",
            "set the sender first: `amicus mail set --server HOST --from ADDRESS` \
             (for Graph or the Gmail API the server is not used; give the provider's, e.g. smtp.office365.com)",
        ));
    };
    if let Some(p) = provider {
        let saved = settings.sign_in.clone();
        let client_id = client_id
            .or_else(|| saved.as_ref().map(|s| s.client_id.clone()))
            .ok_or_else(|| {
                AppError::invalid("client_id", "give the app registration's --client-id")
            })?;
        settings.sign_in = Some(SignIn {
            provider: match p {
                Who::Microsoft => Provider::Microsoft,
                Who::Google => Provider::Google,
                Who::Oidc => Provider::Oidc,
            },
            client_id,
            client_secret,
            tenant,
            issuer,
        });
    }
    if let Some(v) = via {
        settings.handover = match v {
            Way::Smtp => Handover::Smtp,
            Way::Graph => Handover::Graph,
            Way::Gmail => Handover::Gmail,
        };
    }
    if api_url.is_some() {
        settings.api_url = api_url;
    }
    app.set_mail_settings(&settings, None)?;
    let browser = Browser {
        open: Box::new(|url: &str| {
            eprintln!("Signing in in your browser. If it does not open, open this address:\n{url}");
            // The address is printed: the sign-in waits for it to be opened
            // by hand when no browser could be started here.
            if let Err(why) = amicus_app::oauth::open_in_system_browser(url) {
                eprintln!("(no browser could be started: {why}; open the address above)");
            }
            Ok(())
        }),
        timeout: Duration::from_secs(timeout),
        cancelled: None,
    };
    let signed = app.mail_sign_in(None, browser)?;
    out!("signed in to the mailbox as {}", signed.user);
    match signed.kept {
        SecretKept::Keychain => out!("the sign-in is kept in the system keychain"),
        SecretKept::ThisSession => out!(
            "no system keychain answered, so the sign-in lasts only this command; \
             send with `amicus letters send` in the same session, or start a keychain"
        ),
    }
    Ok(())
}
