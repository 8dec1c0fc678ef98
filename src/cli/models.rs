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
