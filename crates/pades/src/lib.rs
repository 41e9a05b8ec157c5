//! PAdES B-B digital signatures for the letters Amicus lays out.
//!
//! [`sign`] appends an incremental update to a finished PDF: a signature
//! field (invisible, on the first page), and a signature dictionary whose
//! `/Contents` is a detached CMS SignedData (ETSI.CAdES.detached) over every
//! byte of the file except that value. The signed attributes are the content
//! type, the message digest and the signing certificate (ESS
//! signing-certificate-v2), as PAdES baseline B-B asks; the signing time is
//! the dictionary's `/M`. [`verify`] checks such a file: the digest over its
//! byte range, the signature against the certificate it carries, and that
//! nothing was appended after it. Whether the certificate is trusted is the
//! reader's question (a validator with the organization's CA); Amicus checks
//! that what it archived is what was signed.
//!
//! Keys come from PKCS#12 files (`p12-keystore`); RSA keys sign with
//! PKCS #1 v1.5 and SHA-256. No system OpenSSL is involved. A certificate
//! that validators would reject — expired, not yet valid, or whose key
//! usage does not allow signing documents — is refused before anything is
//! signed ([`Signer::check_usable`]).

use chrono::{DateTime, NaiveDate, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use lopdf::{Dictionary, IncrementalDocument, Object, StringFormat};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::Verifier;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// Room kept for the CMS value, in bytes (twice that in hex in the file):
/// a signature and a chain of a few certificates fit with room to spare.
const CONTENTS_BYTES: usize = 16_384;
/// Placeholder numbers, replaced in place once the file's length is known.
const RANGE_PLACEHOLDER: [i64; 3] = [1_111_111_111, 2_222_222_222, 3_333_333_333];

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_CE_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");

#[derive(Debug, thiserror::Error)]
pub enum PadesError {
    #[error("the certificate file cannot be opened: it is not a PKCS#12 (.p12 or .pfx) file ({0})")]
    Certificate(String),
    #[error("the password is wrong for this certificate file")]
    WrongPassword,
    #[error("the certificate file holds no private key with its certificate")]
    NoKey,
    #[error("only RSA keys can sign for now; this certificate's key is of another kind ({0})")]
    UnsupportedKey(String),
    #[error("the PDF cannot be signed: {0}")]
    Pdf(String),
    #[error("the PDF has no digital signature")]
    Unsigned,
    #[error("the digital signature is damaged: {0}")]
    Damaged(String),
    #[error("the PDF was changed after it was signed")]
    Altered,
    #[error("something was appended to the PDF after it was signed")]
    Appended,
    #[error("the digital signature does not match the certificate it names")]
    BadSignature,
    #[error(
        "the certificate '{name}' expired on {on}; readers would say \"Certificate has Expired\". Sign with a renewed certificate"
    )]
    Expired { name: String, on: NaiveDate },
    #[error(
        "the certificate '{name}' is not valid until {from}; readers would reject a signature made before then. Sign with a certificate valid today"
    )]
    NotYetValid { name: String, from: NaiveDate },
    #[error(
        "the certificate '{name}' is not allowed to sign documents (its key usage lacks digital signature and non-repudiation); ask for a signing certificate"
    )]
    NotForSigning { name: String },
    #[error("the certificate '{name}' cannot be used: {why}")]
    Unusable { name: String, why: String },
}

pub type Result<T> = std::result::Result<T, PadesError>;

/// A signing key with its certificate (and the chain that came with it).
pub struct Signer {
    key: SigningKey<Sha256>,
    chain: Vec<Certificate>,
    /// The certificate's common name ("Jordan A. Whitfield").
    pub name: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// Open a PKCS#12 file with its password.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Signer> {
        let store = p12_keystore::KeyStore::from_pkcs12(
            bytes,
            password,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .map_err(|e| match e {
            // The file's integrity check (its MAC, keyed by the password)
            // fails, or its contents decrypt to nonsense: the password.
            p12_keystore::error::Error::MacError(_) | p12_keystore::error::Error::UnpadError => {
                PadesError::WrongPassword
            }
            e => PadesError::Certificate(e.to_string()),
        })?;
        let (_, chain) = store.private_key_chain().ok_or(PadesError::NoKey)?;
        let key = RsaPrivateKey::from_pkcs8_der(chain.key().as_der())
            .map_err(|_| PadesError::UnsupportedKey(chain.key().oid().to_string()))?;
        let chain: Vec<Certificate> = chain
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| PadesError::Certificate(e.to_string()))?;
        let cert = chain.first().ok_or(PadesError::NoKey)?;
        Ok(Signer {
            name: common_name(cert),
            key: SigningKey::<Sha256>::new(key),
            chain,
        })
    }

    /// The signing certificate's first day of validity.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.chain.first().map_or(DateTime::<Utc>::MIN_UTC, |c| {
            time_of(&c.tbs_certificate.validity.not_before)
        })
    }

    /// When the signing certificate expires.
    pub fn not_after(&self) -> DateTime<Utc> {
        self.chain.first().map_or(DateTime::<Utc>::MIN_UTC, |c| {
            time_of(&c.tbs_certificate.validity.not_after)
        })
    }

    /// Refuse a certificate a validator would reject for a signature made
    /// at `now`: expired, not yet valid, or with a key usage that does not
    /// include signing (digital signature or non-repudiation). A
    /// certificate without a key-usage extension may sign.
    pub fn check_usable(&self, now: DateTime<Utc>) -> Result<()> {
        let cert = self.chain.first().ok_or(PadesError::NoKey)?;
        let name = self.name.clone();
        if now < self.not_before() {
            return Err(PadesError::NotYetValid {
                name,
                from: self.not_before().date_naive(),
            });
        }
        if now > self.not_after() {
            return Err(PadesError::Expired {
                name,
                on: self.not_after().date_naive(),
            });
        }
        let usage = cert
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == ID_CE_KEY_USAGE);
        if let Some(ext) = usage {
            let usage = KeyUsage::from_der(ext.extn_value.as_bytes()).map_err(|e| {
                PadesError::Unusable {
                    name: name.clone(),
                    why: format!("its key usage cannot be read ({e})"),
                }
            })?;
            if !usage.digital_signature() && !usage.non_repudiation() {
                return Err(PadesError::NotForSigning { name });
            }
        }
        Ok(())
    }
}

/// A certificate's time as a UTC instant.
fn time_of(t: &x509_cert::time::Time) -> DateTime<Utc> {
    let d = t.to_unix_duration();
    DateTime::<Utc>::from_timestamp(
        i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        d.subsec_nanos(),
    )
    .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The certificate subject's common name, or the whole subject without one.
fn common_name(cert: &Certificate) -> String {
    let subject = &cert.tbs_certificate.subject;
    for rdn in subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == ID_COMMON_NAME {
                if let Ok(s) = atv.value.decode_as::<der::asn1::Utf8StringRef<'_>>() {
                    return s.as_str().to_string();
                }
                if let Ok(s) = atv.value.decode_as::<der::asn1::PrintableStringRef<'_>>() {
                    return s.as_str().to_string();
                }
            }
        }
    }
    subject.to_string()
}

/// Sign `pdf` as `signer` at `at`: the same bytes with a signature appended
/// as an incremental update.
pub fn sign(pdf: &[u8], signer: &Signer, at: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut out = with_signature_field(pdf, &signer.name, at)?;
    let (range_at, range_len) = find_range(&out, pdf.len())?;
    let (contents_start, contents_end) = find_contents(&out, pdf.len())?;
    let range = [0, contents_start, contents_end, out.len() - contents_end];
    let text = format!("[{} {} {} {}]", range[0], range[1], range[2], range[3]);
    if text.len() > range_len {
        return Err(PadesError::Pdf("the byte range does not fit".into()));
    }
    let padded = format!("{text:<range_len$}");
    out[range_at..range_at + range_len].copy_from_slice(padded.as_bytes());

    let digest = digest_of(&out, &range);
    let cms = signed_data(signer, &digest)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(PadesError::Pdf(format!(
            "the signature takes {} bytes, more than the {CONTENTS_BYTES} kept for it",
            cms.len()
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// A text string: ASCII as it is, anything else UTF-16BE with its mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s.to_string());
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// In a tagged PDF, the signature's widget joins the structure tree (as
/// PDF/UA asks of every annotation): a `Form` element at the end of the
/// document's, pointing at the widget, which points back through the
/// parent tree. An untagged PDF is left as it is.
fn tag_widget(
    doc: &mut IncrementalDocument,
    root: lopdf::ObjectId,
    page: lopdf::ObjectId,
    widget: lopdf::ObjectId,
    name: &str,
) -> Result<()> {
    let bad = |e: lopdf::Error| PadesError::Pdf(e.to_string());
    let prev = doc.get_prev_documents();
    let Ok(tree) = prev
        .get_dictionary(root)
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
    else {
        return Ok(());
    };
    let top = prev
        .get_dictionary(tree)
        .and_then(|t| t.get(b"K"))
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let next = prev
        .get_dictionary(tree)
        .and_then(|t| t.get(b"ParentTreeNextKey"))
        .and_then(Object::as_i64)
        .map_err(bad)?;

    let mut objr = Dictionary::new();
    objr.set("Type", Object::Name(b"OBJR".to_vec()));
    objr.set("Obj", Object::Reference(widget));
    objr.set("Pg", Object::Reference(page));
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"StructElem".to_vec()));
    form.set("S", Object::Name(b"Form".to_vec()));
    form.set("P", Object::Reference(top));
    form.set("Pg", Object::Reference(page));
    form.set("K", Object::Dictionary(objr));
    form.set("Alt", text_string(&format!("Digital signature of {name}")));
    let form_id = doc.new_document.add_object(Object::Dictionary(form));

    doc.new_document
        .get_object_mut(widget)
        .and_then(Object::as_dict_mut)
        .map_err(bad)?
        .set("StructParent", Object::Integer(next));

    doc.opt_clone_object_to_new_document(top).map_err(bad)?;
    let top_dict = doc
        .new_document
        .get_object_mut(top)
        .and_then(Object::as_dict_mut)
        .map_err(bad)?;
    let mut kids = match top_dict.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(one) => vec![one.clone()],
        Err(_) => Vec::new(),
    };
    kids.push(Object::Reference(form_id));
    top_dict.set("K", Object::Array(kids));

    doc.opt_clone_object_to_new_document(tree).map_err(bad)?;
    let tree_dict = doc
        .new_document
        .get_object_mut(tree)
        .and_then(Object::as_dict_mut)
        .map_err(bad)?;
    let mut parents = match tree_dict.get(b"ParentTree") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => {
            return Err(PadesError::Pdf(
                "the structure's parent tree is not inline".into(),
            ));
        }
    };
    let mut nums = match parents.get(b"Nums") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    nums.push(Object::Integer(next));
    nums.push(Object::Reference(form_id));
    parents.set("Nums", Object::Array(nums));
    tree_dict.set("ParentTree", Object::Dictionary(parents));
    tree_dict.set("ParentTreeNextKey", Object::Integer(next + 1));
    Ok(())
}

/// The PDF with an empty signature appended (placeholders for the byte
/// range and the CMS value).
fn with_signature_field(pdf: &[u8], name: &str, at: DateTime<Utc>) -> Result<Vec<u8>> {
    let bad = |e: lopdf::Error| PadesError::Pdf(e.to_string());
    let prev = lopdf::Document::load_mem(pdf).map_err(bad)?;
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let page = *prev
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| PadesError::Pdf("the PDF has no pages".into()))?;
    let mut doc = IncrementalDocument::create_from(pdf.to_vec(), prev);

    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    let mut range = vec![Object::Integer(0)];
    range.extend(RANGE_PLACEHOLDER.iter().map(|n| Object::Integer(*n)));
    sig.set("ByteRange", Object::Array(range));
    sig.set(
        "Contents",
        Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
    );
    sig.set(
        "M",
        Object::string_literal(at.format("D:%Y%m%d%H%M%S+00'00'").to_string()),
    );
    sig.set("Name", Object::string_literal(name.to_string()));
    let sig_id = doc.new_document.add_object(Object::Dictionary(sig));

    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("T", Object::string_literal("Signature1"));
    widget.set("V", Object::Reference(sig_id));
    widget.set("F", Object::Integer(132));
    widget.set("P", Object::Reference(page));
    widget.set(
        "Rect",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    widget.set("TU", text_string(&format!("Digital signature of {name}")));
    let widget_id = doc.new_document.add_object(Object::Dictionary(widget));
    tag_widget(&mut doc, root, page, widget_id, name)?;

    doc.opt_clone_object_to_new_document(page).map_err(bad)?;
    let page_dict = doc
        .new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(bad)?;
    let mut annots = match page_dict.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(_) => {
            return Err(PadesError::Pdf(
                "the first page's annotations are not inline".into(),
            ));
        }
        Err(_) => Vec::new(),
    };
    annots.push(Object::Reference(widget_id));
    page_dict.set("Annots", Object::Array(annots));

    doc.opt_clone_object_to_new_document(root).map_err(bad)?;
    let catalog = doc
        .new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(bad)?;
    if catalog.has(b"AcroForm") {
        return Err(PadesError::Pdf("the PDF already has a form".into()));
    }
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(vec![Object::Reference(widget_id)]));
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));

    let mut out = Vec::with_capacity(pdf.len() + CONTENTS_BYTES * 2 + 4096);
    doc.save_to(&mut out)
        .map_err(|e| PadesError::Pdf(e.to_string()))?;
    if !out.starts_with(pdf) {
        return Err(PadesError::Pdf(
            "the update did not keep the original bytes".into(),
        ));
    }
    Ok(out)
}

/// Where the byte range placeholder is (after `from`): its offset and length.
fn find_range(out: &[u8], from: usize) -> Result<(usize, usize)> {
    let first = RANGE_PLACEHOLDER[0].to_string();
    let last = RANGE_PLACEHOLDER[2].to_string();
    let tail = &out[from..];
    let at = find(tail, first.as_bytes())
        .ok_or_else(|| PadesError::Pdf("no byte range in the update".into()))?;
    let open = tail[..at]
        .iter()
        .rposition(|&b| b == b'[')
        .ok_or_else(|| PadesError::Pdf("no byte range in the update".into()))?;
    let end = find(&tail[at..], last.as_bytes())
        .map(|e| at + e + last.len())
        .ok_or_else(|| PadesError::Pdf("no byte range in the update".into()))?;
    let close = tail[end..]
        .iter()
        .position(|&b| b == b']')
        .map(|c| end + c + 1)
        .ok_or_else(|| PadesError::Pdf("no byte range in the update".into()))?;
    Ok((from + open, close - open))
}

/// Where the `/Contents` hex string is (after `from`): from its `<` to just past its `>`.
fn find_contents(out: &[u8], from: usize) -> Result<(usize, usize)> {
    let missing = || PadesError::Pdf("no signature value in the update".into());
    // The signature dictionary's /Contents is a string (a page's is a reference).
    let mut key = from;
    let start = loop {
        key += find(&out[key..], b"/Contents").ok_or_else(missing)? + b"/Contents".len();
        let value = key
            + out[key..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        if out.get(value) == Some(&b'<') {
            break value;
        }
    };
    let end = out[start..]
        .iter()
        .position(|&b| b == b'>')
        .ok_or_else(missing)?
        + start
        + 1;
    if end - start != CONTENTS_BYTES * 2 + 2 {
        return Err(missing());
    }
    Ok((start, end))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// SHA-256 over the two parts of `bytes` a byte range names.
fn digest_of(bytes: &[u8], range: &[usize; 4]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(&bytes[range[0]..range[0] + range[1]]);
    h.update(&bytes[range[2]..range[2] + range[3]]);
    h.finalize().to_vec()
}

/// DER of a SEQUENCE holding `content`.
fn sequence(content: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn cannot_make(e: impl std::fmt::Display) -> PadesError {
    PadesError::Pdf(format!("the signature cannot be made: {e}"))
}

/// The detached CMS SignedData over `digest`, DER-encoded.
fn signed_data(signer: &Signer, digest: &[u8]) -> Result<Vec<u8>> {
    let cert = signer.chain.first().ok_or(PadesError::NoKey)?;
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut info = SignerInfoBuilder::new(&signer.key, sid, sha256.clone(), &content, Some(digest))
        .map_err(cannot_make)?;
    // ESS signing-certificate-v2: the certificate's SHA-256 (the hash
    // algorithm is the default, so it is left out).
    let cert_hash = Sha256::digest(cert.to_der().map_err(cannot_make)?);
    let hash = OctetString::new(cert_hash.to_vec()).map_err(cannot_make)?;
    let ess_cert_id = sequence(&hash.to_der().map_err(cannot_make)?);
    let signing_certificate = sequence(&sequence(&ess_cert_id));
    let mut values = SetOfVec::new();
    values
        .insert(Any::from_der(&signing_certificate).map_err(cannot_make)?)
        .map_err(cannot_make)?;
    info.add_signed_attribute(Attribute {
        oid: ID_SIGNING_CERTIFICATE_V2,
        values,
    })
    .map_err(cannot_make)?;

    let mut builder = SignedDataBuilder::new(&content);
    builder.add_digest_algorithm(sha256).map_err(cannot_make)?;
    for c in &signer.chain {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(cannot_make)?;
    }
    builder
        .add_signer_info::<SigningKey<Sha256>, Signature>(info)
        .map_err(cannot_make)?;
    builder
        .build()
        .map_err(cannot_make)?
        .to_der()
        .map_err(cannot_make)
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The signing certificate's common name.
    pub signer: String,
    /// Where the signature's value starts: whatever the file held before
    /// it was signed lies before this offset.
    pub value_at: usize,
    /// The signing certificate (DER): two signatures were made with the
    /// same certificate when these are equal.
    pub certificate: Vec<u8>,
}

/// Check the last signature of `pdf`: it covers the whole file but its own
/// value, its digest matches, and it was made by the certificate it carries.
pub fn verify(pdf: &[u8]) -> Result<Verified> {
    let at = pdf
        .windows(b"/ByteRange".len())
        .rposition(|w| w == b"/ByteRange")
        .ok_or(PadesError::Unsigned)?;
    let open = at
        + pdf[at..]
            .iter()
            .position(|&b| b == b'[')
            .ok_or_else(|| PadesError::Damaged("no byte range".into()))?;
    let close = open
        + pdf[open..]
            .iter()
            .position(|&b| b == b']')
            .ok_or_else(|| PadesError::Damaged("no byte range".into()))?;
    let numbers: Vec<usize> = std::str::from_utf8(&pdf[open + 1..close])
        .map_err(|_| PadesError::Damaged("the byte range is not numbers".into()))?
        .split_whitespace()
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| PadesError::Damaged("the byte range is not numbers".into()))?;
    let range: [usize; 4] = numbers
        .try_into()
        .map_err(|_| PadesError::Damaged("the byte range is not four numbers".into()))?;
    if range[0] != 0 || range[1] >= range[2] || range[2] > pdf.len() {
        return Err(PadesError::Damaged(
            "the byte range does not fit the file".into(),
        ));
    }
    match (range[2] + range[3]).cmp(&pdf.len()) {
        std::cmp::Ordering::Less => return Err(PadesError::Appended),
        std::cmp::Ordering::Greater => return Err(PadesError::Altered),
        std::cmp::Ordering::Equal => {}
    }
    let hex = &pdf[range[1]..range[2]];
    if hex.first() != Some(&b'<') || hex.last() != Some(&b'>') {
        return Err(PadesError::Damaged(
            "the signature value is not where the byte range says".into(),
        ));
    }
    let der_bytes = decode_hex(&hex[1..hex.len() - 1])?;
    let damaged = |e: der::Error| PadesError::Damaged(e.to_string());
    let mut reader = der::SliceReader::new(&der_bytes).map_err(damaged)?;
    let info: ContentInfo = der::Decode::decode(&mut reader).map_err(damaged)?;
    let signed: SignedData = info.content.decode_as().map_err(damaged)?;
    let signer_info = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or_else(|| PadesError::Damaged("no signer".into()))?;
    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| PadesError::Damaged("no signed attributes".into()))?;
    let stated = attrs
        .iter()
        .find(|a| a.oid == ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .ok_or_else(|| PadesError::Damaged("no message digest".into()))?
        .decode_as::<OctetString>()
        .map_err(damaged)?;
    if stated.as_bytes() != digest_of(pdf, &range).as_slice() {
        return Err(PadesError::Altered);
    }
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(PadesError::Damaged(
            "the signer is not named by issuer and serial number".into(),
        ));
    };
    let cert = signed
        .certificates
        .as_ref()
        .and_then(|set| {
            set.0.iter().find_map(|c| match c {
                CertificateChoices::Certificate(c)
                    if c.tbs_certificate.serial_number == sid.serial_number
                        && c.tbs_certificate.issuer == sid.issuer =>
                {
                    Some(c)
                }
                _ => None,
            })
        })
        .ok_or_else(|| PadesError::Damaged("the signer's certificate is not included".into()))?;
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(damaged)?;
    let key = RsaPublicKey::from_public_key_der(&spki)
        .map_err(|e| PadesError::Damaged(format!("the signer's key cannot be read: {e}")))?;
    let signature = Signature::try_from(signer_info.signature.as_bytes())
        .map_err(|_| PadesError::BadSignature)?;
    let signed_attrs = attrs.to_der().map_err(damaged)?;
    VerifyingKey::<Sha256>::new(key)
        .verify(&signed_attrs, &signature)
        .map_err(|_| PadesError::BadSignature)?;
    Ok(Verified {
        signer: common_name(cert),
        value_at: range[1],
        certificate: cert.to_der().map_err(damaged)?,
    })
}

fn decode_hex(hex: &[u8]) -> Result<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return Err(PadesError::Damaged(
            "the signature value has an odd number of digits".into(),
        ));
    }
    digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or_else(|| PadesError::Damaged("the signature value is not hexadecimal".into()))
        })
        .collect()
}
