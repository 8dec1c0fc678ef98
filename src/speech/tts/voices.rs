//! The voices folder: Piper voices (`*.onnx` + `*.onnx.json`), ONNX Runtime, espeak-ng data.

use std::path::{Path, PathBuf};

use super::TtsError;

/// Environment variable naming the voices folder (default: `voices/` in the current folder or
/// beside the executable's ancestors).
pub const VOICES_DIR_ENV: &str = "STANDARDISTE_VOICES_DIR";

/// One selectable voice.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceInfo {
    /// The name to select it with (`pico` or the Piper file stem).
    pub name: String,
    /// `pico` (embedded) or `piper`.
    pub engine: &'static str,
    /// The model file, for Piper voices.
    pub model: Option<PathBuf>,
}

/// The voices folder: `$STANDARDISTE_VOICES_DIR`, else `./voices`, else the package's
/// `/var/lib/standardiste/voices`, else the first `voices/` above the executable, else `./voices`.
pub fn voices_dir() -> PathBuf {
    if let Some(d) = std::env::var_os(VOICES_DIR_ENV) {
        return PathBuf::from(d);
    }
    let cwd = PathBuf::from("voices");
    if cwd.is_dir() {
        return cwd;
    }
    let packaged = Path::new(crate::assets::PACKAGE_STATE_DIR).join("voices");
    if packaged.is_dir() {
        return packaged;
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(found) = exe.ancestors().skip(1).map(|a| a.join("voices")).find(|d| d.is_dir()) {
            return found;
        }
    }
    cwd
}

/// The embedded Pico voice followed by every Piper voice in the voices folder, by name.
pub fn list_voices() -> Vec<VoiceInfo> {
    let mut v = vec![VoiceInfo { name: "pico".into(), engine: "pico", model: None }];
    v.extend(piper_voices(&voices_dir()));
    v
}

/// The Piper voices (`NAME.onnx` with a `NAME.onnx.json` beside it) in `dir`, sorted by name.
pub fn piper_voices(dir: &Path) -> Vec<VoiceInfo> {
    let mut found: Vec<VoiceInfo> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "onnx") && config_path(p).is_file())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            Some(VoiceInfo { name, engine: "piper", model: Some(p) })
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The `.onnx.json` config beside a Piper model.
pub fn config_path(model: &Path) -> PathBuf {
    let mut s = model.as_os_str().to_owned();
    s.push(".json");
    PathBuf::from(s)
}

/// The model file for a Piper voice given by name (file stem in the voices folder) or by path.
pub fn resolve_piper(name: &str) -> Result<PathBuf, TtsError> {
    let dir = voices_dir();
    let as_path = Path::new(name);
    let model = if name.ends_with(".onnx") || name.contains('/') { as_path.to_path_buf() } else { dir.join(format!("{name}.onnx")) };
    if !model.is_file() {
        let available: Vec<String> = list_voices().into_iter().map(|v| v.name).collect();
        return Err(TtsError::UnknownVoice { name: name.to_owned(), dir, available: available.join(", ") });
    }
    let config = config_path(&model);
    if !config.is_file() {
        return Err(TtsError::Missing { what: "Piper voice config", path: config });
    }
    Ok(model)
}

/// Environment variable naming the ONNX Runtime shared library (ort's own convention).
pub const ORT_DYLIB_ENV: &str = "ORT_DYLIB_PATH";

/// The ONNX Runtime library: `$ORT_DYLIB_PATH`, else `voices/lib/libonnxruntime.so*`.
pub fn onnxruntime_library() -> Result<PathBuf, TtsError> {
    if let Some(p) = std::env::var_os(ORT_DYLIB_ENV).map(PathBuf::from) {
        return if p.is_file() { Ok(p) } else { Err(TtsError::Missing { what: "ONNX Runtime library ($ORT_DYLIB_PATH)", path: p }) };
    }
    let lib = voices_dir().join("lib");
    let mut libs: Vec<PathBuf> = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("libonnxruntime.so")))
        .collect();
    libs.sort();
    libs.into_iter().next().ok_or(TtsError::Missing { what: "ONNX Runtime library", path: lib.join("libonnxruntime.so") })
}

/// The folder that contains `espeak-ng-data` for Piper's phonemiser:
/// `$PIPER_ESPEAKNG_DATA_DIRECTORY`, else the voices folder, else the system's espeak-ng data.
pub fn espeak_data_parent() -> Result<PathBuf, TtsError> {
    let has = |d: &Path| d.join("espeak-ng-data").join("phondata").is_file();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("PIPER_ESPEAKNG_DATA_DIRECTORY") {
        candidates.push(PathBuf::from(d));
    }
    candidates.push(voices_dir());
    candidates.push(PathBuf::from("/usr/lib/x86_64-linux-gnu"));
    candidates.push(PathBuf::from("/usr/lib/aarch64-linux-gnu"));
    candidates.push(PathBuf::from("/usr/share"));
    candidates.into_iter().find(|d| has(d)).ok_or(TtsError::Missing { what: "espeak-ng data", path: voices_dir().join("espeak-ng-data") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_onnx_files_with_their_config() {
        let dir = std::env::temp_dir().join(format!("std-voices-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b-voice.onnx"), b"x").unwrap();
        std::fs::write(dir.join("b-voice.onnx.json"), b"{}").unwrap();
        std::fs::write(dir.join("a-voice.onnx"), b"x").unwrap();
        std::fs::write(dir.join("a-voice.onnx.json"), b"{}").unwrap();
        std::fs::write(dir.join("lonely.onnx"), b"x").unwrap();
        std::fs::write(dir.join("notes.txt"), b"x").unwrap();
        let names: Vec<String> = piper_voices(&dir).into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["a-voice", "b-voice"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
