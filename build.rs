//! Build script: finds SVOX Pico's French resources (shipped by `ttspico-sys`) so they can be
//! embedded in the binary, and links `sonic` for piper-rs's espeak-ng build.

use std::path::{Path, PathBuf};

const PICO_FILES: [&str; 2] = ["fr-FR_ta.bin", "fr-FR_nk0_sg.bin"];

fn main() {
    println!("cargo:rerun-if-env-changed=STANDARDISTE_PICO_LANG_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = pico_lang_dir().unwrap_or_else(|| {
        panic!(
            "cannot find SVOX Pico's French resources ({}) from the ttspico-sys crate; \
             set STANDARDISTE_PICO_LANG_DIR to the folder that holds them",
            PICO_FILES.join(", ")
        )
    });
    println!("cargo:rustc-env=STANDARDISTE_PICO_LANG_DIR={}", dir.display());
    if std::env::var_os("CARGO_FEATURE_PIPER").is_some() {
        // espeak-ng (built by espeak-rs-sys for piper-rs) calls into libsonic.
        println!("cargo:rustc-link-lib=sonic");
    }
}

/// The folder holding Pico's fr-FR resources: an explicit override, else ttspico-sys's sources
/// in the Cargo registry or a vendor folder.
fn pico_lang_dir() -> Option<PathBuf> {
    let has_all = |d: &Path| PICO_FILES.iter().all(|f| d.join(f).is_file());
    if let Some(d) = std::env::var_os("STANDARDISTE_PICO_LANG_DIR").map(PathBuf::from) {
        return has_all(&d).then_some(d);
    }
    let version = "ttspico-sys-0.1.5";
    let sub = Path::new("build/pico/lang");
    let mut roots: Vec<PathBuf> = Vec::new();
    let cargo_home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        if let Ok(entries) = std::fs::read_dir(home.join("registry/src")) {
            roots.extend(entries.flatten().map(|e| e.path()));
        }
    }
    if let Some(m) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) {
        roots.push(m.join("vendor"));
    }
    roots.into_iter().map(|r| r.join(version).join(sub)).find(|d| has_all(d))
}
