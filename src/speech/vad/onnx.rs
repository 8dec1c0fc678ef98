//! The small ONNX models of turn-taking (Silero VAD, Smart Turn) on the project's ONNX Runtime.
//!
//! One single-threaded session per model instance: calls run side by side on few cores, so a
//! session never spreads over several threads. ONNX Runtime itself is loaded at run time from
//! `voices/lib` (see [`crate::speech::tts::voices::onnxruntime_library`]). Without the `onnx`
//! feature every load fails with [`OnnxError::NotBuilt`].

use std::path::{Path, PathBuf};

/// Errors loading or running a turn-taking ONNX model.
#[derive(Debug, thiserror::Error)]
pub enum OnnxError {
    /// The model file is not installed.
    #[error("{what} not installed: {path} missing; run `scripts/install.sh` (step scripts/install/45-turn.sh)")]
    Missing {
        /// Which model.
        what: &'static str,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// ONNX Runtime could not be found or loaded.
    #[error("ONNX Runtime unavailable: {0}")]
    Runtime(String),
    /// The file is not a model ONNX Runtime can load, or not the expected one.
    #[error("{path}: cannot load {what}: {reason}; run `scripts/install.sh` to reinstall it")]
    Load {
        /// Which model.
        what: &'static str,
        /// Its file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Inference failed.
    #[error("{what}: inference failed: {reason}")]
    Run {
        /// Which model.
        what: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// This binary was built without ONNX Runtime support.
    #[error("{0} needs ONNX Runtime, but this binary was built without the `onnx` feature")]
    NotBuilt(&'static str),
}

/// One input tensor.
#[cfg_attr(not(feature = "onnx"), allow(dead_code))]
pub(crate) enum Input<'a> {
    /// 32-bit floats with a shape.
    F32(Vec<i64>, &'a [f32]),
    /// A 64-bit integer scalar (shape `[]`).
    I64Scalar(i64),
}

/// A loaded model: an ONNX Runtime session (uninhabited without the `onnx` feature).
#[cfg(feature = "onnx")]
pub(crate) struct Model {
    what: &'static str,
    session: ort::session::Session,
}

/// A loaded model: an ONNX Runtime session (uninhabited without the `onnx` feature).
#[cfg(not(feature = "onnx"))]
pub(crate) enum Model {}

/// Checks that the model file exists, naming the install step when it does not.
fn check_file(what: &'static str, path: &Path) -> Result<(), OnnxError> {
    if path.is_file() {
        Ok(())
    } else {
        Err(OnnxError::Missing { what, path: path.to_path_buf() })
    }
}

#[cfg(feature = "onnx")]
fn init_runtime() -> Result<(), OnnxError> {
    use std::sync::OnceLock;
    static INIT: OnceLock<Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| {
        let lib = crate::speech::tts::voices::onnxruntime_library().map_err(|e| e.to_string())?;
        // Loading twice (Piper does the same) is a no-op; the first committed environment wins.
        ort::init_from(&lib)
            .map_err(|e| format!("cannot load ONNX Runtime from {}: {e}", lib.display()))?
            .with_name("standardiste")
            .with_logger(std::sync::Arc::new(ort_log))
            .commit();
        tracing::debug!(lib = %lib.display(), "ONNX Runtime ready for the turn-taking models");
        Ok(())
    })
    .clone()
    .map_err(OnnxError::Runtime)
}

/// ONNX Runtime's chatty session logs go to `debug`; only its warnings and errors stay visible.
#[cfg(feature = "onnx")]
fn ort_log(level: ort::logging::LogLevel, category: &str, _id: &str, _at: &str, message: &str) {
    use ort::logging::LogLevel;
    match level {
        LogLevel::Verbose | LogLevel::Info => tracing::debug!(target: "ort", category, "{message}"),
        LogLevel::Warning => tracing::warn!(target: "ort", category, "{message}"),
        LogLevel::Error | LogLevel::Fatal => tracing::error!(target: "ort", category, "{message}"),
    }
}

#[cfg(feature = "onnx")]
impl Model {
    /// Loads `path` into a single-threaded session (one intra-op and one inter-op thread).
    pub(crate) fn load(what: &'static str, path: &Path) -> Result<Self, OnnxError> {
        check_file(what, path)?;
        init_runtime()?;
        let load = |reason: String| OnnxError::Load { what, path: path.to_path_buf(), reason };
        let e = |e: ort::Error<_>| load(e.to_string());
        let session = ort::session::Session::builder()
            .map_err(|e| load(e.to_string()))?
            .with_intra_threads(1)
            .map_err(e)?
            .with_inter_threads(1)
            .map_err(e)?
            .with_parallel_execution(false)
            .map_err(e)?
            .with_optimization_level(ort::session::builder::GraphOptimizationLevel::Level3)
            .map_err(e)?
            .commit_from_file(path)
            .map_err(|e| load(e.to_string()))?;
        Ok(Self { what, session })
    }

    /// The names of the model's inputs then outputs.
    pub(crate) fn io_names(&self) -> (Vec<String>, Vec<String>) {
        let names = |o: &[ort::value::Outlet]| o.iter().map(|o| o.name().to_owned()).collect();
        (names(self.session.inputs()), names(self.session.outputs()))
    }

    /// Runs the model on named inputs; returns the named outputs as flat `f32` vectors, in order.
    pub(crate) fn run(&mut self, inputs: &[(&str, Input<'_>)], outputs: &[&str]) -> Result<Vec<Vec<f32>>, OnnxError> {
        use ort::session::SessionInputValue;
        use ort::value::Tensor;
        let what = self.what;
        let err = |e: ort::Error| OnnxError::Run { what, reason: e.to_string() };
        let mut values: Vec<(std::borrow::Cow<'_, str>, SessionInputValue<'_>)> = Vec::new();
        for (name, input) in inputs {
            let value: SessionInputValue<'_> = match input {
                Input::F32(shape, data) => Tensor::from_array((shape.clone(), data.to_vec())).map_err(err)?.into(),
                Input::I64Scalar(v) => Tensor::from_array(((), vec![*v])).map_err(err)?.into(),
            };
            values.push(((*name).into(), value));
        }
        let out = self.session.run(values).map_err(err)?;
        outputs
            .iter()
            .map(|name| {
                let value = out.get(*name).ok_or_else(|| OnnxError::Run { what, reason: format!("no output `{name}`") })?;
                let (_, data) = value.try_extract_tensor::<f32>().map_err(err)?;
                Ok(data.to_vec())
            })
            .collect()
    }
}

#[cfg(not(feature = "onnx"))]
impl Model {
    /// Without the `onnx` feature: names a missing file first, then the missing feature.
    pub(crate) fn load(what: &'static str, path: &Path) -> Result<Self, OnnxError> {
        check_file(what, path)?;
        Err(OnnxError::NotBuilt(what))
    }

    /// Unreachable: no model can be loaded.
    pub(crate) fn io_names(&self) -> (Vec<String>, Vec<String>) {
        match *self {}
    }

    /// Unreachable: no model can be loaded.
    pub(crate) fn run(&mut self, _: &[(&str, Input<'_>)], _: &[&str]) -> Result<Vec<Vec<f32>>, OnnxError> {
        match *self {}
    }
}
