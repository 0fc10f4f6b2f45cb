//! WebCrypto for the passcode lock: PBKDF2-SHA256 to turn a passcode into an
//! AES-GCM key the page can use but never read out, and a fresh random IV for
//! every encryption, with the name the value is stored under as additional
//! data (see [`lock::seal_text`]).

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AesDerivedKeyParams, AesGcmParams, Blob, Crypto, CryptoKey, Pbkdf2Params, ReadableWritablePair, Response, SubtleCrypto,
};

use crate::domain::lock::{self, base64_decode, base64_encode, open_text, seal_text, IV_BYTES};
use crate::domain::{protected, share};

/// Why a crypto step failed, in words for the person.
fn no_crypto() -> String {
    tr!("This browser can't encrypt here (it needs a secure https connection), so the lock can't be used.").into()
}

fn crypto() -> Result<Crypto, String> {
    web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(no_crypto)
}

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = crypto()?;
    // `crypto.subtle` is undefined outside secure contexts.
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).map_err(|_| no_crypto())?;
    subtle.dyn_into::<SubtleCrypto>().map_err(|_| no_crypto())
}

/// Whether the lock can work in this browser.
pub fn available() -> bool {
    subtle().is_ok()
}

pub fn random_bytes(count: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; count];
    crypto()?.get_random_values_with_u8_array(&mut bytes).map_err(|_| no_crypto())?;
    Ok(bytes)
}

async fn run(promise: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// `text` in a Unicode normal form ("NFC" or "NFD"): passcodes are turned into
/// keys in NFC form (see [`lock::passcode_forms`]).
pub fn normalized(text: &str, form: &str) -> String {
    js_sys::JsString::from(text).normalize(form).into()
}

/// Derives the AES-256-GCM key for `passcode` exactly as given (the caller picks
/// the form: [`normalized`]). Non-extractable: it lives only in this page's
/// memory, and only while unlocked.
pub async fn derive_key(passcode: &str, salt_base64: &str, iterations: u32) -> Result<CryptoKey, String> {
    let fail = |_| tr!("Couldn't prepare the encryption key.").to_string();
    let subtle = subtle()?;
    let salt = base64_decode(salt_base64).ok_or(tr!("The lock's salt is damaged."))?;
    let secret = Uint8Array::from(passcode.as_bytes());
    let usages = Array::of1(&"deriveKey".into());
    let base = run(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages)).await.map_err(fail)?;
    let params = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(&salt[..]));
    let target = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = subtle
        .derive_key_with_object_and_object(&params, &base.unchecked_into(), &target, false, &usages);
    Ok(run(key).await.map_err(fail)?.unchecked_into())
}

/// Encrypts `text` under `key` with a fresh random IV, bound to `name`, compressed
/// first where the browser can (see [`lock::seal_text`]): a plan link's contents.
/// (Stored documents are sealed with their names inside: [`encrypt_named`].)
pub async fn encrypt(key: &CryptoKey, name: &str, text: &str) -> Result<String, String> {
    match deflate(text.as_bytes(), true).await {
        Some(squeezed) => seal(key, name, &squeezed, true).await,
        None => seal(key, name, text.as_bytes(), false).await,
    }
}

/// Encrypts the document `name` to be stored under the opaque name `stored_as` (see
/// [`lock::Names`]): bound to `stored_as`, with `name` inside, compressed where the browser can.
pub async fn encrypt_named(key: &CryptoKey, stored_as: &str, name: &str, text: &str) -> Result<String, String> {
    let payload = lock::with_name(name, text);
    let (bytes, compressed) = match deflate(payload.as_bytes(), true).await {
        Some(squeezed) => (squeezed, true),
        None => (payload.into_bytes(), false),
    };
    let (iv, sealed) = seal_bytes(key, stored_as, &bytes).await?;
    Ok(lock::seal_named(&iv, &sealed, compressed))
}

/// The secret [`lock::Names`] is made from: a known text encrypted under `key` with an IV no
/// stored value uses (all zeros; every other IV is random), so only the passcode makes it,
/// the same in every tab, and it is never stored.
pub async fn name_secret(key: &CryptoKey) -> Result<Vec<u8>, String> {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&[0u8; IV_BYTES][..]));
    params.set_additional_data_u8_array(&Uint8Array::from(&b"steady.names"[..]));
    let made = run(subtle()?.encrypt_with_object_and_u8_array(&params, key, b"Names of stored documents"))
        .await
        .map_err(|_| tr!("Couldn't prepare the encryption key.").to_string())?;
    Ok(Uint8Array::new(&made).to_vec())
}

/// Encrypts `text` as it is: for what an older build must still open (a
/// protected backup, the lock's check value).
pub async fn encrypt_as_is(key: &CryptoKey, name: &str, text: &str) -> Result<String, String> {
    seal(key, name, text.as_bytes(), false).await
}

async fn seal(key: &CryptoKey, name: &str, bytes: &[u8], compressed: bool) -> Result<String, String> {
    let (iv, sealed) = seal_bytes(key, name, bytes).await?;
    Ok(seal_text(&iv, &sealed, compressed))
}

/// A fresh random IV, and `bytes` encrypted under `key` with it, bound to `name`.
async fn seal_bytes(key: &CryptoKey, name: &str, bytes: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let fail = |_| tr!("Couldn't encrypt your data, so it wasn't saved.").to_string();
    let iv = random_bytes(IV_BYTES)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    params.set_additional_data_u8_array(&Uint8Array::from(name.as_bytes()));
    let sealed = run(subtle()?.encrypt_with_object_and_u8_array(&params, key, bytes)).await.map_err(fail)?;
    Ok((iv, Uint8Array::new(&sealed).to_vec()))
}

/// Decrypts a sealed value stored under `name`. Fails for a wrong key, for
/// damaged text and for a value moved from another name alike (AES-GCM checks
/// all three). Values sealed before names were bound open without it.
pub async fn decrypt(key: &CryptoKey, name: &str, sealed: &str) -> Result<String, String> {
    let parts = open_text(sealed).ok_or(tr!("This isn't encrypted the way Steady stores data."))?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&parts.iv[..]));
    if parts.bound {
        params.set_additional_data_u8_array(&Uint8Array::from(name.as_bytes()));
    }
    let plain = run(subtle()?.decrypt_with_object_and_u8_array(&params, key, &parts.data))
        .await
        .map_err(|_| tr!("Couldn't decrypt this — the passcode is wrong or the data is damaged.").to_string())?;
    let mut plain = Uint8Array::new(&plain).to_vec();
    if parts.compressed {
        plain = deflate(&plain, false).await.ok_or(tr!("This browser can't unpack Steady's stored data (it needs a newer version)."))?;
    }
    String::from_utf8(plain).map_err(|_| tr!("The decrypted data isn't text.").into())
}

/// Whether this browser can compress (every supported one can). Inlined: a plan link's
/// code calls it too, and a function shared with a split-off module stays in the first load.
#[inline(always)]
pub fn can_compress() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"CompressionStream".into()).unwrap_or(false)
}

/// `bytes` through the browser's own raw DEFLATE (`CompressionStream`, in every
/// supported browser): compressed, or (`squeeze` false) decompressed. `None`
/// where the browser hasn't one, or the data doesn't decompress.
async fn deflate(bytes: &[u8], squeeze: bool) -> Option<Vec<u8>> {
    // Made through the global constructor: web-sys lists these streams as unstable APIs.
    let name = if squeeze { "CompressionStream" } else { "DecompressionStream" };
    let make: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?.dyn_into().ok()?;
    let pair: ReadableWritablePair = js_sys::Reflect::construct(&make, &Array::of1(&"deflate-raw".into())).ok()?.unchecked_into();
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).ok()?;
    let response = Response::new_with_opt_readable_stream(Some(&blob.stream().pipe_through(&pair))).ok()?;
    let buffer = run(response.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// A new random salt, base64.
pub fn new_salt() -> Result<String, String> {
    Ok(base64_encode(&random_bytes(lock::SALT_BYTES)?))
}

/// `text` (a backup) protected with `passphrase`: sealed under a key made as the
/// lock makes one (NFC form, a new salt, the lock's iterations), in the wrapper
/// of [`protected`]. Only Settings uses this.
pub async fn protect(passphrase: &str, text: &str) -> Result<String, String> {
    let salt = new_salt()?;
    let key = derive_key(&normalized(passphrase, "NFC"), &salt, lock::ITERATIONS).await?;
    let data = encrypt_as_is(&key, protected::BOUND_TO, text).await?;
    Ok(protected::wrap(salt, lock::ITERATIONS, data))
}

/// The backup inside a protected copy; `Err` for a wrong passphrase (or a damaged copy).
pub async fn unprotect(copy: &protected::Protected, passphrase: &str) -> Result<String, String> {
    let key = derive_key(&normalized(passphrase, "NFC"), &copy.salt, copy.iterations).await?;
    decrypt(&key, protected::BOUND_TO, &copy.data).await
}

/// The contents of a plan link for `json` (a [`share::SharedPlan`]): compressed where the
/// browser can, and sealed under `passphrase` (four words, [`share::passphrase_key`]) if given,
/// the way the lock seals a stored value (its sealed text is taken apart for the link).
pub async fn pack_link(json: &str, passphrase: Option<&str>) -> Result<share::Packed, String> {
    let Some(passphrase) = passphrase else {
        return Ok(match deflate(json.as_bytes(), true).await {
            Some(data) => share::Packed { deflated: true, sealed: None, data },
            None => share::Packed { deflated: false, sealed: None, data: json.as_bytes().to_vec() },
        });
    };
    let salt = random_bytes(lock::SALT_BYTES)?;
    // The lock's own messages speak of saving data; nothing is saved here.
    let failed = |_| tr!("Steady couldn't protect this link, so none was made. Try again.").to_string();
    let key = derive_key(&share::passphrase_key(passphrase), &base64_encode(&salt), share::ITERATIONS).await.map_err(failed)?;
    let parts = open_text(&encrypt(&key, share::BOUND_TO, json).await.map_err(failed)?).ok_or_else(no_crypto)?;
    let sealed = (salt.try_into().map_err(|_| no_crypto())?, parts.iv.try_into().map_err(|_| no_crypto())?);
    Ok(share::Packed { deflated: parts.compressed, sealed: Some(sealed), data: parts.data })
}

/// The plan in a link's contents; a protected link needs its passphrase.
pub async fn unpack_link(packed: &share::Packed, passphrase: &str) -> Result<share::SharedPlan, share::LinkProblem> {
    use share::LinkProblem;
    if packed.deflated && !can_compress() {
        return Err(LinkProblem::Unsupported);
    }
    let text = match &packed.sealed {
        Some((salt, iv)) => {
            let key = derive_key(&share::passphrase_key(passphrase), &base64_encode(salt), share::ITERATIONS)
                .await
                .map_err(|_| LinkProblem::Unsupported)?;
            // AES-GCM checks key and contents alike; a link cut short was refused before (its length).
            let sealed = seal_text(iv, &packed.data, packed.deflated);
            decrypt(&key, share::BOUND_TO, &sealed).await.map_err(|_| LinkProblem::WrongPassphrase)?
        }
        None => {
            let bytes = match packed.deflated {
                true => deflate(&packed.data, false).await.ok_or(LinkProblem::Damaged)?,
                false => packed.data.clone(),
            };
            // Not `String::from_utf8`, shared with the first load's code: a damaged link can't
            // come this far whole anyway (its length, DEFLATE and JSON all check it).
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    share::SharedPlan::from_json(&text)
}
