//! Test certificates, made in-process with `rcgen`: a CA, a server
//! certificate for 127.0.0.1 (the SMTP and PostgreSQL TLS tests), and
//! signers' certificates with the names, dates and key usages a test needs,
//! in PKCS#12 files as staff import them. RSA keys, because the signatures
//! Amicus makes are RSA (`pades`).
//!
//! Two RSA keys are made per test process (the CA's and one for every
//! certificate it issues): each certificate is still its own, and the
//! tests take seconds, not a key generation each.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, PKCS_RSA_SHA256, SanType,
};
use rsa::pkcs8::EncodePrivateKey;

pub use rcgen::KeyUsagePurpose;

/// The password of every PKCS#12 file made here.
pub const P12_PASSWORD: &str = "letters";

/// An RSA-2048 key in PKCS#8 DER.
fn new_rsa_key() -> Vec<u8> {
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).expect("RSA key");
    key.to_pkcs8_der().expect("PKCS#8").as_bytes().to_vec()
}

fn key_pair(der: &[u8]) -> KeyPair {
    KeyPair::from_pkcs8_der_and_sign_algo(&der.into(), &PKCS_RSA_SHA256).expect("RSA key pair")
}

fn ca_key() -> &'static [u8] {
    static KEY: OnceLock<Vec<u8>> = OnceLock::new();
    KEY.get_or_init(new_rsa_key)
}

fn leaf_key() -> &'static [u8] {
    static KEY: OnceLock<Vec<u8>> = OnceLock::new();
    KEY.get_or_init(new_rsa_key)
}

fn name(common: &str, organization: Option<&str>) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common);
    if let Some(o) = organization {
        dn.push(DnType::OrganizationName, o);
    }
    dn
}

/// A date as `YYYY-MM-DD`, midnight UTC.
fn date(ymd: &str) -> time::OffsetDateTime {
    let part = |i: usize| -> u32 {
        ymd.split('-')
            .nth(i)
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("{ymd:?} is not YYYY-MM-DD"))
    };
    rcgen::date_time_ymd(part(0) as i32, part(1) as u8, part(2) as u8)
}

/// A certificate authority of the test's own.
pub struct Ca {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
    der: Vec<u8>,
    /// The key of every certificate this CA issues.
    leaf_key: &'static [u8],
}

impl Ca {
    /// A CA named `common` (and `organization`), valid 2000–2099, with the
    /// process's shared test keys.
    pub fn new(common: &str, organization: Option<&str>) -> Ca {
        Ca::with_keys(common, organization, ca_key(), leaf_key())
    }

    /// As [`Ca::new`], with keys of its own (for itself and what it issues):
    /// another authority, whose certificates share nothing with the first's.
    pub fn with_own_keys(common: &str, organization: Option<&str>) -> Ca {
        let own = |k: Vec<u8>| -> &'static [u8] { Box::leak(k.into_boxed_slice()) };
        Ca::with_keys(common, organization, own(new_rsa_key()), own(new_rsa_key()))
    }

    fn with_keys(
        common: &str,
        organization: Option<&str>,
        ca_key: &[u8],
        leaf_key: &'static [u8],
    ) -> Ca {
        let mut params = CertificateParams::default();
        params.distinguished_name = name(common, organization);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = date("2000-01-01");
        params.not_after = date("2099-01-01");
        let key = key_pair(ca_key);
        let cert = params.self_signed(&key).expect("CA certificate");
        Ca {
            issuer: Issuer::new(params, key),
            pem: cert.pem(),
            der: cert.der().to_vec(),
            leaf_key,
        }
    }

    /// The CA's certificate, PEM.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// A certificate for a TLS server at 127.0.0.1 (and `localhost`).
    pub fn server(&self) -> Issued {
        let mut params = CertificateParams::default();
        params.distinguished_name = name("127.0.0.1", None);
        params.subject_alt_names = vec![
            SanType::IpAddress([127, 0, 0, 1].into()),
            SanType::DnsName("localhost".try_into().expect("DNS name")),
        ];
        params.is_ca = IsCa::ExplicitNoCa;
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.not_before = date("2020-01-01");
        params.not_after = date("2099-01-01");
        self.issue(params)
    }

    /// A signer's certificate for `common` (and `organization`), valid from
    /// `from` to `until` (`YYYY-MM-DD`), with `usages` (none: the extension
    /// is left out, as a CA may).
    pub fn signer(
        &self,
        common: &str,
        organization: Option<&str>,
        (from, until): (&str, &str),
        usages: &[KeyUsagePurpose],
    ) -> Issued {
        let mut params = CertificateParams::default();
        params.distinguished_name = name(common, organization);
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = usages.to_vec();
        params.not_before = date(from);
        params.not_after = date(until);
        self.issue(params)
    }

    fn issue(&self, params: CertificateParams) -> Issued {
        let key = key_pair(self.leaf_key);
        let cert = params.signed_by(&key, &self.issuer).expect("certificate");
        Issued {
            der: cert.der().to_vec(),
            pem: cert.pem(),
            key_der: self.leaf_key.to_vec(),
            key_pem: key.serialize_pem(),
            chain: vec![self.der.clone()],
        }
    }
}

/// A certificate a [`Ca`] issued, with its key.
pub struct Issued {
    pub der: Vec<u8>,
    pub pem: String,
    pub key_der: Vec<u8>,
    pub key_pem: String,
    /// The issuing CA's certificate (DER).
    chain: Vec<Vec<u8>>,
}

impl Issued {
    /// A PKCS#12 file of the key, this certificate and the CA's, protected
    /// by [`P12_PASSWORD`].
    pub fn p12(&self) -> Vec<u8> {
        self.p12_with_chain(true)
    }

    /// As [`Issued::p12`], with or without the CA's certificate.
    pub fn p12_with_chain(&self, with_ca: bool) -> Vec<u8> {
        use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
        let mut certs = vec![Certificate::from_der(&self.der).expect("certificate")];
        if with_ca {
            for ca in &self.chain {
                certs.push(Certificate::from_der(ca).expect("CA certificate"));
            }
        }
        let chain = PrivateKeyChain::new(
            b"amicus-test".as_slice(),
            PrivateKey::from_der(&self.key_der).expect("private key"),
            certs,
        );
        let mut store = KeyStore::new();
        store.add_entry("signer", KeyStoreEntry::PrivateKeyChain(chain));
        store.writer(P12_PASSWORD).write().expect("PKCS#12")
    }
}

/// A self-signed signer's certificate for `common`, valid from yesterday
/// for `days` days from now, as a PKCS#12 file (password [`P12_PASSWORD`]).
pub fn self_signed_p12(common: &str, days: i64) -> Vec<u8> {
    let now = time::OffsetDateTime::now_utc();
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common, None);
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(days);
    let key = key_pair(leaf_key());
    let cert = params.self_signed(&key).expect("certificate");
    Issued {
        der: cert.der().to_vec(),
        pem: cert.pem(),
        key_der: leaf_key().to_vec(),
        key_pem: key.serialize_pem(),
        chain: Vec::new(),
    }
    .p12()
}

/// A CA and a server certificate for 127.0.0.1 signed by it, written to
/// `dir` as `ca.pem`, `server.pem` and `server.key` (the key readable by
/// its owner only, as PostgreSQL requires).
pub fn server_certificates(dir: &Path) {
    let ca = Ca::new("Amicus Test CA", None);
    let server = ca.server();
    std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();
    std::fs::write(dir.join("server.pem"), &server.pem).unwrap();
    let key = dir.join("server.key");
    std::fs::write(&key, &server.key_pem).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Writes `bytes` to `dir/file` and returns the path.
pub fn write(dir: &Path, file: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    path
}
