//! Installed models and voices: where they live, checking them, converting Whisper to ggml.

pub mod ct2;
pub mod ggml;

use std::path::{Path, PathBuf};

pub use ggml::{convert_ct2, inspect, ConvertReport, GgmlInfo, Hparams, WeightType};

/// The command that installs or repairs every model.
pub const INSTALL_COMMAND: &str = "scripts/install.sh";
/// Environment variable naming the Whisper model file to use.
pub const MODEL_ENV: &str = "STANDARDISTE_WHISPER_MODEL";
/// Environment variable naming the models folder.
pub const MODELS_DIR_ENV: &str = "STANDARDISTE_MODELS_DIR";
/// File name of the default Whisper model (converted by the install step, 8-bit weights).
pub const DEFAULT_MODEL: &str = "ggml-base-q8_0.bin";

/// Errors finding, reading or converting models.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A file exists but is not what it should be.
    #[error("{path}: corrupt or wrong model file ({reason}); run `{INSTALL_COMMAND}` to reinstall it")]
    Corrupt { path: PathBuf, reason: String },
    /// No Whisper model is installed.
    #[error("{path}: no Whisper model installed; run `{INSTALL_COMMAND}` to fetch and convert it")]
    Missing { path: PathBuf },
    /// The model cannot transcribe French.
    #[error("{path}: English-only Whisper model, French needs a multilingual one; run `{INSTALL_COMMAND}`")]
    NotMultilingual { path: PathBuf },
}

/// Where the Debian package's service keeps its models and voices (`standardiste models install`).
pub const PACKAGE_STATE_DIR: &str = "/var/lib/standardiste";

/// The models folder: `$STANDARDISTE_MODELS_DIR`, else `./models`, else the package's
/// `/var/lib/standardiste/models`, else the source tree's `models/`.
pub fn models_dir() -> PathBuf {
    if let Some(d) = std::env::var_os(MODELS_DIR_ENV) {
        return PathBuf::from(d);
    }
    let local = PathBuf::from("models");
    if local.is_dir() {
        return local;
    }
    let packaged = Path::new(PACKAGE_STATE_DIR).join("models");
    if packaged.is_dir() {
        return packaged;
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    if built.is_dir() {
        built
    } else {
        local
    }
}

/// A Whisper ggml model found in the models folder.
#[derive(Debug, Clone)]
pub struct FoundModel {
    /// Its path.
    pub path: PathBuf,
    /// What its header says, or why it could not be read.
    pub info: Result<GgmlInfo, String>,
}

impl FoundModel {
    /// Ranking key: usable multilingual first, then bigger models (more layers), then the installed
    /// default among models of one size, then bigger files.
    fn rank(&self) -> (bool, i32, bool, u64) {
        let is_default = self.path.file_name().is_some_and(|n| n == DEFAULT_MODEL);
        match &self.info {
            Ok(i) => (i.hparams.is_multilingual(), i.hparams.n_audio_layer, is_default, i.bytes),
            Err(_) => (false, -1, false, 0),
        }
    }
}

/// Every `ggml-*.bin` in `dir`, inspected, best first.
pub fn list_whisper_models(dir: &Path) -> Vec<FoundModel> {
    let mut found: Vec<FoundModel> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("ggml-") && name.ends_with(".bin") && p.is_file()
        })
        .map(|path| {
            let info = inspect(&path).map_err(|e| e.to_string());
            FoundModel { path, info }
        })
        .collect();
    found.sort_by(|a, b| b.rank().cmp(&a.rank()).then_with(|| a.path.cmp(&b.path)));
    found
}

/// Checks that `path` is a readable multilingual ggml Whisper model.
pub fn check_whisper_model(path: &Path) -> Result<GgmlInfo, AssetError> {
    if !path.exists() {
        return Err(AssetError::Missing { path: path.to_owned() });
    }
    let info = inspect(path)?;
    if !info.hparams.is_multilingual() {
        return Err(AssetError::NotMultilingual { path: path.to_owned() });
    }
    Ok(info)
}

/// The Whisper model to use: `$STANDARDISTE_WHISPER_MODEL`, else the best multilingual `ggml-*.bin`
/// in the models folder, checked.
pub fn whisper_model() -> Result<PathBuf, AssetError> {
    if let Some(p) = std::env::var_os(MODEL_ENV).filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        check_whisper_model(&p)?;
        return Ok(p);
    }
    let dir = models_dir();
    let found = list_whisper_models(&dir);
    match found.first() {
        Some(FoundModel { path, info: Ok(i) }) if i.hparams.is_multilingual() => Ok(path.clone()),
        // Nothing usable: report on the default file (missing or corrupt), or the best broken one.
        _ => {
            let default = dir.join(DEFAULT_MODEL);
            let target = if default.exists() || found.is_empty() { default } else { found[0].path.clone() };
            check_whisper_model(&target).map(|_| target)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> tempfile::TempDir {
        tempfile::Builder::new().prefix(&format!("std-assets-{tag}-")).tempdir().unwrap()
    }

    /// A structurally valid miniature ggml file with the given vocabulary size and layer count.
    fn fake_ggml(path: &Path, n_vocab: i32, layers: i32) {
        let mut b = Vec::new();
        for x in [ggml::GGML_MAGIC as i32, n_vocab, 1500, 512, 8, layers, 448, 512, 8, layers, 80, 1, 1, 2] {
            b.extend(x.to_le_bytes());
        }
        b.extend([0u8; 8]); // 1×2 filters
        b.extend(1i32.to_le_bytes());
        b.extend(1i32.to_le_bytes());
        b.push(b'a');
        for x in [1i32, 1, 0, 3] {
            b.extend(x.to_le_bytes());
        }
        b.push(b'x');
        b.extend([0u8; 12]);
        std::fs::write(path, b).unwrap();
    }

    #[test]
    fn inspect_walks_and_rejects_bad_files() {
        let d = tmpdir("inspect");
        let d = d.path();
        let good = d.join("ggml-base.bin");
        fake_ggml(&good, 51865, 6);
        let info = inspect(&good).unwrap();
        assert_eq!(info.tensors, 1);
        assert_eq!(info.hparams.size_name(), "base");
        // Truncated.
        let bytes = std::fs::read(&good).unwrap();
        let cut = d.join("ggml-cut.bin");
        std::fs::write(&cut, &bytes[..bytes.len() - 5]).unwrap();
        let e = inspect(&cut).unwrap_err().to_string();
        assert!(e.contains("truncated") && e.contains("scripts/install.sh"), "{e}");
        // Bad magic.
        let junk = d.join("ggml-junk.bin");
        std::fs::write(&junk, b"GIF89a not a model at all").unwrap();
        let e = inspect(&junk).unwrap_err().to_string();
        assert!(e.contains("bad magic") && e.contains("ggml-junk.bin"), "{e}");
        // Missing.
        let e = check_whisper_model(&d.join("nope.bin")).unwrap_err().to_string();
        assert!(e.contains("nope.bin") && e.contains("scripts/install.sh"), "{e}");
        // English-only.
        let en = d.join("ggml-tiny.en.bin");
        fake_ggml(&en, 51864, 4);
        assert!(matches!(check_whisper_model(&en), Err(AssetError::NotMultilingual { .. })));
    }

    #[test]
    fn discovery_prefers_the_installed_default_among_one_size() {
        let d = tmpdir("discover-default");
        let d = d.path();
        fake_ggml(&d.join("ggml-base.bin"), 51865, 6);
        fake_ggml(&d.join(DEFAULT_MODEL), 51865, 6);
        fake_ggml(&d.join("ggml-tiny.bin"), 51865, 4);
        let found = list_whisper_models(d);
        assert!(found[0].path.ends_with(DEFAULT_MODEL), "{:?}", found[0].path);
        assert!(found[1].path.ends_with("ggml-base.bin"));
        fake_ggml(&d.join("ggml-small.bin"), 51865, 12);
        assert!(list_whisper_models(d)[0].path.ends_with("ggml-small.bin"));
    }

    #[test]
    fn discovery_prefers_the_biggest_multilingual_model() {
        let d = tmpdir("discover");
        let d = d.path();
        fake_ggml(&d.join("ggml-base.bin"), 51865, 6);
        fake_ggml(&d.join("ggml-small.bin"), 51865, 12);
        fake_ggml(&d.join("ggml-medium.en.bin"), 51864, 24);
        std::fs::write(d.join("ggml-broken.bin"), b"xx").unwrap();
        std::fs::write(d.join("notes.bin"), b"xx").unwrap();
        let found = list_whisper_models(d);
        assert_eq!(found.len(), 4);
        assert!(found[0].path.ends_with("ggml-small.bin"), "{:?}", found[0].path);
        assert!(found[1].path.ends_with("ggml-base.bin"));
        assert!(found[3].info.is_err());
    }
}
