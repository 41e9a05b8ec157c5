//! Signing in to the organization's mailbox (Microsoft 365, Google
//! Workspace, any OpenID Connect provider) instead of giving Amicus a
//! password: OAuth 2.0's authorization code with PKCE (RFC 7636) in the
//! system browser, answered on a loopback address of this computer with a
//! port of the moment (RFC 8252, as native apps must). The refresh token is
//! kept in the system keychain (`Secrets`), never in the record or a file;
//! access tokens live in memory and are refreshed when they expire.
//!
//! Which provider and client id are the organization's settings (part of
//! `MailSettings`), never compiled in; each person signs in as themselves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicRevocationErrorResponse,
    BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EndpointNotSet, EndpointSet, ExtraTokenFields, HttpRequest, HttpResponse, PkceCodeChallenge,
    RedirectUrl, RefreshToken, RequestTokenError, Scope, StandardRevocableToken,
    StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::loopback::Loopback;

/// Who signs the person in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Microsoft Entra ID (Microsoft 365).
    Microsoft,
    /// Google (Google Workspace).
    Google,
    /// Any OpenID Connect provider, its endpoints read from its issuer's
    /// `/.well-known/openid-configuration`.
    Oidc,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::Microsoft => "Microsoft",
            Provider::Google => "Google",
            Provider::Oidc => "your organization's sign-in service",
        }
    }
}

impl std::str::FromStr for Provider {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Provider, AppError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "microsoft" => Ok(Provider::Microsoft),
            "google" => Ok(Provider::Google),
            "oidc" => Ok(Provider::Oidc),
            other => Err(AppError::invalid(
                "provider",
                format!(
                    "\"{other}\" is not a provider Amicus knows: write microsoft, google or oidc"
                ),
            )),
        }
    }
}

/// How a message is handed to the organization's mail service.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Handover {
    /// SMTP: with a password, or with XOAUTH2 when the person signs in.
    #[default]
    Smtp,
    /// Microsoft Graph `POST /me/sendMail` (for tenants with SMTP AUTH off).
    Graph,
    /// The Gmail API's `users.messages.send`, the RFC 822 message as it is.
    Gmail,
}

/// The organization's sign-in: which provider, and the app registration
/// its administrator made there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignIn {
    pub provider: Provider,
    /// The application (client) id of the registration.
    pub client_id: String,
    /// Google's desktop-app registrations come with a "secret" Google
    /// itself says is not one (it ships in every copy of the app); the
    /// token endpoint still asks for it. Other providers: none.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Microsoft: the directory (tenant) id or domain; none: any work account
    /// ("organizations").
    #[serde(default)]
    pub tenant: Option<String>,
    /// oidc: the issuer's address (its discovery document is read from
    /// `ISSUER/.well-known/openid-configuration`).
    #[serde(default)]
    pub issuer: Option<String>,
}

impl SignIn {
    pub(crate) fn validate(&self, handover: Handover) -> Result<(), AppError> {
        if self.client_id.trim().is_empty() {
            return Err(AppError::invalid(
                "client_id",
                "enter the application (client) id your administrator registered",
            ));
        }
        match (self.provider, handover) {
            (Provider::Microsoft, Handover::Gmail) => Err(AppError::invalid(
                "handover",
                "the Gmail API takes a Google sign-in, not a Microsoft one",
            )),
            (Provider::Google, Handover::Graph) => Err(AppError::invalid(
                "handover",
                "Microsoft Graph takes a Microsoft sign-in, not a Google one",
            )),
            (Provider::Oidc, _) if self.issuer.as_deref().is_none_or(|i| i.trim().is_empty()) => {
                Err(AppError::invalid(
                    "issuer",
                    "enter the issuer's address, e.g. https://login.example.org/realms/staff",
                ))
            }
            _ => Ok(()),
        }
    }

    /// The keychain account the refresh token is kept under.
    pub fn account(&self) -> String {
        let place = match self.provider {
            Provider::Microsoft => self
                .tenant
                .clone()
                .unwrap_or_else(|| "organizations".into()),
            Provider::Google => "google".into(),
            Provider::Oidc => self.issuer.clone().unwrap_or_default(),
        };
        format!("{}@{}", self.client_id.trim(), place.trim())
    }

    /// What to ask for: sending mail the handover's way, a refresh token,
    /// and who the person is (their address, for XOAUTH2 and the screen).
    pub fn scopes(&self, handover: Handover) -> Vec<&'static str> {
        match (self.provider, handover) {
            (Provider::Microsoft, Handover::Graph) => vec![
                "https://graph.microsoft.com/Mail.Send",
                "offline_access",
                "openid",
                "email",
            ],
            (Provider::Microsoft, _) => vec![
                "https://outlook.office.com/SMTP.Send",
                "offline_access",
                "openid",
                "email",
            ],
            (Provider::Google, Handover::Gmail) => vec![
                "https://www.googleapis.com/auth/gmail.send",
                "openid",
                "email",
            ],
            (Provider::Google, _) => vec!["https://mail.google.com/", "openid", "email"],
            (Provider::Oidc, _) => vec!["openid", "offline_access", "email"],
        }
    }

    /// Parameters the provider needs to hand out a refresh token.
    fn extra_params(&self) -> Vec<(&'static str, &'static str)> {
        match self.provider {
            // Google gives a refresh token only for offline access, and
            // only on consent; OpenID providers grant offline_access only
            // with prompt=consent (OpenID Connect Core 11).
            Provider::Google => vec![("access_type", "offline"), ("prompt", "consent")],
            Provider::Oidc => vec![("prompt", "consent")],
            Provider::Microsoft => vec![],
        }
    }

    fn where_(&self) -> String {
        match self.provider {
            Provider::Oidc => self.issuer.clone().unwrap_or_default(),
            p => p.name().to_string(),
        }
    }
}

/// The provider's authorization and token endpoints.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoints {
    pub authorization: String,
    pub token: String,
}

/// The endpoints: Microsoft's and Google's are fixed (the tenant from the
/// settings); an OpenID provider's come from its discovery document.
pub fn endpoints(sign_in: &SignIn, http: &Http) -> Result<Endpoints, AppError> {
    match sign_in.provider {
        Provider::Microsoft => {
            let tenant = sign_in
                .tenant
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .unwrap_or("organizations");
            let base = format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0");
            Ok(Endpoints {
                authorization: format!("{base}/authorize"),
                token: format!("{base}/token"),
            })
        }
        Provider::Google => Ok(Endpoints {
            authorization: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            token: "https://oauth2.googleapis.com/token".into(),
        }),
        Provider::Oidc => {
            let issuer = sign_in.issuer.as_deref().unwrap_or_default().trim();
            let url = format!(
                "{}/.well-known/openid-configuration",
                issuer.trim_end_matches('/')
            );
            let down = |e: &dyn std::fmt::Display| {
                AppError::Unavailable(format!(
                    "the sign-in service {issuer} cannot be reached ({e}); nothing was changed: \
                     try again when it is back, or ask your administrator"
                ))
            };
            let resp = http
                .client
                .get(&url)
                .send()
                .map_err(|e| down(&error_chain(&e)))?;
            if !resp.status().is_success() {
                return Err(down(&format!("{url} answered {}", resp.status())));
            }
            #[derive(Deserialize)]
            struct Discovery {
                issuer: String,
                authorization_endpoint: String,
                token_endpoint: String,
            }
            let d: Discovery = resp
                .json_bytes()
                .map_err(|e| down(&format!("{url} is not a discovery document: {e}")))?;
            if d.issuer.trim_end_matches('/') != issuer.trim_end_matches('/') {
                return Err(AppError::invalid(
                    "issuer",
                    format!(
                        "{url} names the issuer {}, not {issuer}; check the issuer's address",
                        d.issuer
                    ),
                ));
            }
            Ok(Endpoints {
                authorization: d.authorization_endpoint,
                token: d.token_endpoint,
            })
        }
    }
}

/// Tokens the provider handed out.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: String,
    /// None: the provider kept the previous one (no rotation).
    pub refresh_token: Option<String>,
    pub expires_in: Option<Duration>,
    /// The signed-in person's address (or name), from the ID token.
    pub user: Option<String>,
}

/// The ID token that comes with the tokens (OpenID Connect).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id_token: Option<String>,
}
impl ExtraTokenFields for IdTokenField {}

type TokenAnswer = StandardTokenResponse<IdTokenField, BasicTokenType>;
type OAuthClient = Client<
    BasicErrorResponse,
    TokenAnswer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

fn client(
    sign_in: &SignIn,
    e: &Endpoints,
    redirect: Option<&str>,
) -> Result<OAuthClient, AppError> {
    let bad = |what: &str, e: &dyn std::fmt::Display| {
        AppError::invalid("issuer", format!("the {what} address is not a URL: {e}"))
    };
    let mut c = Client::new(ClientId::new(sign_in.client_id.trim().to_string()))
        .set_auth_uri(AuthUrl::new(e.authorization.clone()).map_err(|x| bad("sign-in", &x))?)
        .set_token_uri(TokenUrl::new(e.token.clone()).map_err(|x| bad("token", &x))?)
        .set_auth_type(AuthType::RequestBody);
    if let Some(secret) = sign_in
        .client_secret
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        c = c.set_client_secret(ClientSecret::new(secret.trim().to_string()));
    }
    if let Some(r) = redirect {
        c = c.set_redirect_uri(RedirectUrl::new(r.to_string()).map_err(|x| bad("redirect", &x))?);
    }
    Ok(c)
}

fn tokens(t: &TokenAnswer) -> Tokens {
    Tokens {
        access_token: t.access_token().secret().clone(),
        refresh_token: t.refresh_token().map(|r| r.secret().clone()),
        expires_in: t.expires_in(),
        user: t.extra_fields().id_token.as_deref().and_then(id_token_user),
    }
}

/// Who the ID token names. Its signature is not checked: it came straight
/// from the token endpoint over TLS, which OpenID Connect Core 3.1.3.7
/// accepts in place of one, and it is used only to name the person.
fn id_token_user(jwt: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    ["email", "preferred_username", "upn", "sub"]
        .iter()
        .find_map(|k| claims.get(k)?.as_str().map(str::to_string))
}

/// A token endpoint's refusal or silence, in words.
fn token_error(
    sign_in: &SignIn,
    refreshing: bool,
    e: RequestTokenError<HttpFailure, BasicErrorResponse>,
) -> AppError {
    let where_ = sign_in.where_();
    match e {
        RequestTokenError::ServerResponse(r)
            if refreshing && *r.error() == BasicErrorResponseType::InvalidGrant =>
        {
            AppError::SignIn(format!(
                "the sign-in to the mailbox has expired or was revoked at {where_} ({}); \
                 Sign in again in Settings → Sending email (or `amicus mail login`)",
                r.error_description()
                    .map_or("invalid_grant", String::as_str)
            ))
        }
        RequestTokenError::ServerResponse(r) => AppError::SignIn(format!(
            "{where_} refused the sign-in: {}{}; Sign in again, and if it is refused again \
             ask your administrator to check the app registration",
            r.error().as_ref(),
            r.error_description()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        )),
        RequestTokenError::Request(e) => AppError::Unavailable(format!(
            "the sign-in service at {where_} cannot be reached ({e}); nothing was sent: try again when it is back"
        )),
        RequestTokenError::Parse(e, _) => AppError::Unavailable(format!(
            "the sign-in service at {where_} answered something that is not a token ({e}); try again later"
        )),
        RequestTokenError::Other(e) => AppError::Unavailable(format!(
            "the sign-in service at {where_} gave an unexpected answer ({e}); try again later"
        )),
    }
}

/// Trade the refresh token for a fresh access token.
pub fn refresh(sign_in: &SignIn, http: &Http, refresh_token: &str) -> Result<Tokens, AppError> {
    let e = endpoints(sign_in, http)?;
    let answer = client(sign_in, &e, None)?
        .exchange_refresh_token(&RefreshToken::new(refresh_token.to_string()))
        .request(&|r| http.call(r))
        .map_err(|x| token_error(sign_in, true, x))?;
    Ok(tokens(&answer))
}

/// Opens a URL in the system browser; the error in words.
pub type OpenUrl = Box<dyn FnOnce(&str) -> Result<(), String> + Send>;

/// Start the system browser on `url` and do not wait for it: `$BROWSER`
/// when set (as on Unix, where it names the person's browser), else the
/// platform's own way to open an address. The command line and the window
/// both start the sign-in page this way, so one setting steers both.
pub fn open_in_system_browser(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let mut cmd = if let Some(b) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        let mut c = Command::new(b);
        c.arg(url);
        c
    } else if cfg!(windows) {
        let mut c = Command::new("rundll32");
        c.args(["url.dll,FileProtocolHandler", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("{} is not installed", cmd.get_program().to_string_lossy())
            }
            _ => e.to_string(),
        })
}

/// What signing in needs from the front end.
pub struct Browser {
    /// Open the URL in the system browser (never an embedded web view).
    pub open: OpenUrl,
    /// How long to wait for the person to finish in the browser.
    pub timeout: Duration,
    /// Asked while waiting: true stops the sign-in (the window's Cancel).
    pub cancelled: Option<Box<dyn Fn() -> bool + Send>>,
}

/// Sign in: the browser, the loopback answer, the code traded for tokens.
pub fn authorize(
    sign_in: &SignIn,
    handover: Handover,
    http: &Http,
    browser: Browser,
) -> Result<Tokens, AppError> {
    let e = endpoints(sign_in, http)?;
    let loopback = Loopback::bind()?;
    let redirect = loopback.redirect_uri();
    let c = client(sign_in, &e, Some(&redirect))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = c
        .authorize_url(CsrfToken::new_random)
        .add_scopes(
            sign_in
                .scopes(handover)
                .into_iter()
                .map(|s| Scope::new(s.into())),
        )
        .set_pkce_challenge(challenge);
    for (k, v) in sign_in.extra_params() {
        request = request.add_extra_param(k, v);
    }
    let (url, state) = request.url();
    // The loopback listens only while this call waits: a front end that can
    // show the address (the command line prints it) keeps the wait going by
    // answering Ok; one that cannot says why, and nothing waits in vain.
    (browser.open)(url.as_str()).map_err(|why| {
        AppError::Unavailable(format!(
            "no web browser could be opened to sign in ({why}); set a default web browser \
             on this computer, then Sign in again"
        ))
    })?;
    let back = loopback.wait(
        state.secret(),
        browser.timeout,
        browser.cancelled.as_deref(),
    )?;
    check_issuer(sign_in, back.iss.as_deref())?;
    let answer = c
        .exchange_code(AuthorizationCode::new(back.code))
        .set_pkce_verifier(verifier)
        .request(&|r| http.call(r))
        .map_err(|x| token_error(sign_in, false, x))?;
    Ok(tokens(&answer))
}

/// An OpenID provider that names itself in its answer (`iss`, RFC 9207)
/// must be the one the settings name: an answer from another provider
/// (a mix-up) is refused before its code is sent anywhere.
fn check_issuer(sign_in: &SignIn, iss: Option<&str>) -> Result<(), AppError> {
    let (Provider::Oidc, Some(iss), Some(issuer)) = (sign_in.provider, iss, &sign_in.issuer) else {
        return Ok(());
    };
    if iss.trim_end_matches('/') == issuer.trim().trim_end_matches('/') {
        return Ok(());
    }
    Err(AppError::SignIn(format!(
        "the sign-in answer came from {iss}, not from {}; nothing was saved: Sign in again",
        issuer.trim()
    )))
}

/// What the keychain keeps for a signed-in person.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Kept {
    pub user: String,
    pub refresh_token: String,
}

/// Access tokens of this session, by keychain account: never written down.
#[derive(Default)]
pub(crate) struct TokenCache {
    tokens: Mutex<HashMap<String, (String, Instant)>>,
    refresh: Mutex<()>,
}

impl TokenCache {
    /// Held while a refresh token is spent (see `App::mailbox_token`).
    pub fn refreshing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.refresh.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A token with more than a minute to run.
    pub fn get(&self, account: &str) -> Option<String> {
        let map = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        let (token, until) = map.get(account)?;
        (Instant::now() + Duration::from_secs(60) < *until).then(|| token.clone())
    }

    pub fn put(&self, account: &str, token: &str, expires_in: Option<Duration>) {
        // No lifetime given: assume the usual hour.
        let until = Instant::now() + expires_in.unwrap_or(Duration::from_secs(3600));
        self.tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(account.to_string(), (token.to_string(), until));
    }

    pub fn forget(&self, account: &str) {
        self.tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(account);
    }
}

/// A failed HTTP exchange (no answer at all).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpFailure(String);

/// The HTTP client of sign-in and the mail APIs: reqwest's blocking client
/// over the rustls + ring lettre and the team record use, with the system's
/// certificate authorities and the organization's own one when the mail
/// settings name it (`ca_file`, as for its mail server: a proxy that
/// inspects TLS, or a provider of its own); no redirects followed (a token
/// request is never sent on to another address).
#[derive(Clone)]
pub struct Http {
    pub(crate) client: reqwest::blocking::Client,
}

impl Http {
    pub fn new(ca_file: Option<&str>) -> Result<Http, AppError> {
        use rustls::pki_types::{CertificateDer, pem::PemObject};
        let mut roots = rustls::RootCertStore::empty();
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
        if let Some(ca) = ca_file.filter(|c| !c.trim().is_empty()) {
            let pem = std::fs::read(ca)
                .map_err(|e| AppError::invalid("ca_file", format!("cannot read {ca}: {e}")))?;
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(&pem) {
                let cert = cert.map_err(|e| AppError::invalid("ca_file", format!("{ca}: {e}")))?;
                roots
                    .add(cert)
                    .map_err(|e| AppError::invalid("ca_file", format!("{ca}: {e}")))?;
                added += 1;
            }
            if added == 0 {
                return Err(AppError::invalid(
                    "ca_file",
                    format!("{ca} is not a PEM certificate (-----BEGIN CERTIFICATE-----)"),
                ));
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| AppError::Unavailable(format!("TLS cannot be set up: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let client = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("Amicus/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| AppError::Unavailable(format!("the HTTP client cannot be set up: {e}")))?;
        Ok(Http { client })
    }

    /// oauth2's request through our client.
    fn call(&self, request: HttpRequest) -> Result<HttpResponse, HttpFailure> {
        let (parts, body) = request.into_parts();
        let resp = self
            .client
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .send()
            .map_err(|e| HttpFailure(error_chain(&e)))?;
        let mut out = http_response(resp.status());
        for (k, v) in resp.headers() {
            out = out.header(k, v);
        }
        let bytes = resp.bytes().map_err(|e| HttpFailure(error_chain(&e)))?;
        out.body(bytes.to_vec())
            .map_err(|e| HttpFailure(e.to_string()))
    }
}

fn http_response(status: reqwest::StatusCode) -> oauth2::http::response::Builder {
    oauth2::http::Response::builder().status(status)
}

/// reqwest's error with its causes ("error sending request: connection refused").
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(c) = source {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = c.source();
    }
    if s.contains("UnknownIssuer") {
        s.push_str(
            "; the server's certificate is not from an authority this computer trusts: if the \
             organization has its own, choose its CA certificate in Settings → Sending email",
        );
    }
    s
}

/// JSON of a response body.
trait JsonBytes {
    fn json_bytes<T: serde::de::DeserializeOwned>(self) -> Result<T, String>;
}

impl JsonBytes for reqwest::blocking::Response {
    fn json_bytes<T: serde::de::DeserializeOwned>(self) -> Result<T, String> {
        let bytes = self.bytes().map_err(|e| error_chain(&e))?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in(provider: Provider) -> SignIn {
        SignIn {
            provider,
            client_id: "0000-app".into(),
            client_secret: None,
            tenant: Some("chamber.example".into()),
            issuer: Some("https://id.example".into()),
        }
    }

    #[test]
    fn microsoft_and_google_endpoints_are_fixed_and_the_tenant_is_configuration() {
        let http = Http::new(None).expect("client");
        let e = endpoints(&sign_in(Provider::Microsoft), &http).expect("endpoints");
        assert_eq!(
            e.authorization,
            "https://login.microsoftonline.com/chamber.example/oauth2/v2.0/authorize"
        );
        let mut s = sign_in(Provider::Microsoft);
        s.tenant = None;
        assert!(
            endpoints(&s, &http)
                .expect("endpoints")
                .token
                .contains("/organizations/")
        );
        let g = endpoints(&sign_in(Provider::Google), &http).expect("endpoints");
        assert_eq!(g.token, "https://oauth2.googleapis.com/token");
    }

    #[test]
    fn scopes_follow_the_handover() {
        let m = sign_in(Provider::Microsoft);
        assert!(
            m.scopes(Handover::Smtp)
                .contains(&"https://outlook.office.com/SMTP.Send")
        );
        assert!(
            m.scopes(Handover::Graph)
                .contains(&"https://graph.microsoft.com/Mail.Send")
        );
        assert!(m.scopes(Handover::Smtp).contains(&"offline_access"));
        let g = sign_in(Provider::Google);
        assert!(
            g.scopes(Handover::Smtp)
                .contains(&"https://mail.google.com/")
        );
        assert!(
            g.scopes(Handover::Gmail)
                .contains(&"https://www.googleapis.com/auth/gmail.send")
        );
        assert_eq!(
            g.validate(Handover::Graph)
                .expect_err("google+graph")
                .field()
                .as_deref(),
            Some("handover")
        );
        let mut o = sign_in(Provider::Oidc);
        o.issuer = None;
        assert_eq!(
            o.validate(Handover::Smtp)
                .expect_err("no issuer")
                .field()
                .as_deref(),
            Some("issuer")
        );
    }

    #[test]
    fn an_answer_from_another_issuer_is_refused() {
        let s = sign_in(Provider::Oidc);
        assert!(check_issuer(&s, Some("https://id.example/")).is_ok());
        assert!(
            check_issuer(&s, None).is_ok(),
            "not every provider names itself"
        );
        let e = check_issuer(&s, Some("https://evil.example")).expect_err("mix-up");
        assert!(
            e.to_string()
                .contains("came from https://evil.example, not from https://id.example"),
            "{e}"
        );
        // Microsoft and Google are fixed endpoints; their answers are not compared.
        assert!(check_issuer(&sign_in(Provider::Microsoft), Some("https://x")).is_ok());
    }

    #[test]
    fn the_id_token_names_the_person() {
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"sub":"42","email":"ann@chamber.example"}"#);
        assert_eq!(
            id_token_user(&format!("h.{claims}.s")).as_deref(),
            Some("ann@chamber.example")
        );
        assert_eq!(id_token_user("not a jwt"), None);
    }
}
