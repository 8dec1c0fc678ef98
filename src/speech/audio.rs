//! Mono PCM audio shared by the engines: WAV in and out, channel mixing, resampling (rubato).

use std::path::{Path, PathBuf};

use rubato::{FftFixedIn, Resampler};

/// Errors reading, writing or converting audio.
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file is not a WAV file hound can parse.
    #[error("{path}: not a readable WAV file ({reason})")]
    NotWav { path: PathBuf, reason: String },
    /// The WAV file holds no samples.
    #[error("{path}: the WAV file holds no audio")]
    Empty { path: PathBuf },
    /// Writing a WAV file failed.
    #[error("{path}: cannot write WAV: {reason}")]
    Write { path: PathBuf, reason: String },
    /// The resampler refused the conversion.
    #[error("resampling {from} Hz → {to} Hz failed: {reason}")]
    Resample { from: u32, to: u32, reason: String },
}

/// Mono audio: samples in [-1, 1] at `rate` Hz.
#[derive(Debug, Clone, PartialEq)]
pub struct Audio {
    /// Sample rate in Hz.
    pub rate: u32,
    /// Mono samples in [-1.0, 1.0].
    pub samples: Vec<f32>,
}

impl Audio {
    /// Wraps mono f32 samples.
    pub fn new(rate: u32, samples: Vec<f32>) -> Self {
        Self { rate, samples }
    }

    /// Builds mono audio from signed 16-bit samples.
    pub fn from_i16(rate: u32, samples: &[i16]) -> Self {
        Self::new(rate, samples.iter().map(|&s| s as f32 / 32768.0).collect())
    }

    /// The samples as signed 16-bit, clipped.
    pub fn to_i16(&self) -> Vec<i16> {
        self.samples.iter().map(|&s| (s.clamp(-1.0, 1.0) * 32767.0).round() as i16).collect()
    }

    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        if self.rate == 0 {
            0.0
        } else {
            self.samples.len() as f64 / self.rate as f64
        }
    }

    /// Reads a WAV file (any rate, mono or multi-channel, integer or float) and mixes it to mono.
    pub fn read_wav(path: &Path) -> Result<Self, AudioError> {
        let file = std::fs::File::open(path).map_err(|source| AudioError::Io { path: path.to_owned(), source })?;
        let reader = hound::WavReader::new(std::io::BufReader::new(file)).map_err(|e| AudioError::NotWav { path: path.to_owned(), reason: e.to_string() })?;
        let spec = reader.spec();
        let channels = spec.channels.max(1) as usize;
        let bad = |e: hound::Error| AudioError::NotWav { path: path.to_owned(), reason: e.to_string() };
        let interleaved: Vec<f32> = match spec.sample_format {
            hound::SampleFormat::Float => reader.into_samples::<f32>().collect::<Result<_, _>>().map_err(bad)?,
            hound::SampleFormat::Int => {
                let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
                reader.into_samples::<i32>().map(|s| s.map(|v| v as f32 * scale)).collect::<Result<_, _>>().map_err(bad)?
            }
        };
        let samples: Vec<f32> = interleaved.chunks(channels).map(|frame| frame.iter().sum::<f32>() / frame.len() as f32).collect();
        if samples.is_empty() {
            return Err(AudioError::Empty { path: path.to_owned() });
        }
        Ok(Self::new(spec.sample_rate, samples))
    }

    /// Writes the audio as a mono 16-bit WAV file.
    pub fn write_wav(&self, path: &Path) -> Result<(), AudioError> {
        let err = |e: hound::Error| AudioError::Write { path: path.to_owned(), reason: e.to_string() };
        let spec = hound::WavSpec { channels: 1, sample_rate: self.rate, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
        let mut w = hound::WavWriter::create(path, spec).map_err(err)?;
        for s in self.to_i16() {
            w.write_sample(s).map_err(err)?;
        }
        w.finalize().map_err(err)
    }

    /// The same audio at another sample rate.
    pub fn resampled(&self, to: u32) -> Result<Self, AudioError> {
        Ok(Self::new(to, resample(&self.samples, self.rate, to)?))
    }
}

/// Resamples a whole mono buffer from `from` Hz to `to` Hz (FFT resampler, delay compensated).
pub fn resample(samples: &[f32], from: u32, to: u32) -> Result<Vec<f32>, AudioError> {
    if from == to || samples.is_empty() {
        return Ok(samples.to_vec());
    }
    let fail = |e: &dyn std::fmt::Display| AudioError::Resample { from, to, reason: e.to_string() };
    let mut r = FftFixedIn::<f32>::new(from as usize, to as usize, 1024, 2, 1).map_err(|e| fail(&e))?;
    let delay = r.output_delay();
    let expected = (samples.len() as u64 * to as u64 / from as u64) as usize;
    let mut out = Vec::with_capacity(expected + delay + 2048);
    let mut pos = 0;
    while pos + r.input_frames_next() <= samples.len() {
        let n = r.input_frames_next();
        let o = r.process(&[&samples[pos..pos + n]], None).map_err(|e| fail(&e))?;
        out.extend_from_slice(&o[0]);
        pos += n;
    }
    // rubato reads an empty slice as an inactive channel: only pass a non-empty tail.
    if pos < samples.len() {
        let o = r.process_partial(Some(&[&samples[pos..]]), None).map_err(|e| fail(&e))?;
        out.extend_from_slice(&o[0]);
    }
    while out.len() < expected + delay {
        let o = r.process_partial::<&[f32]>(None, None).map_err(|e| fail(&e))?;
        if o[0].is_empty() {
            break;
        }
        out.extend_from_slice(&o[0]);
    }
    out.drain(..delay.min(out.len()));
    out.truncate(expected);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(rate: u32, hz: f32, secs: f32) -> Vec<f32> {
        (0..(rate as f32 * secs) as usize).map(|i| (2.0 * std::f32::consts::PI * hz * i as f32 / rate as f32).sin() * 0.5).collect()
    }

    #[test]
    fn resampling_keeps_length_and_pitch() {
        let x = tone(8000, 440.0, 1.0);
        let y = resample(&x, 8000, 16000).unwrap();
        assert_eq!(y.len(), 16000);
        // Same tone at 16 kHz: zero crossings per second stay ≈ 880.
        let crossings = y.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count();
        assert!((430..=450).contains(&crossings), "{crossings}");
        let back = resample(&y, 16000, 8000).unwrap();
        assert_eq!(back.len(), 8000);
        let err: f32 = x[200..7800].iter().zip(&back[200..7800]).map(|(a, b)| (a - b).abs()).sum::<f32>() / 7600.0;
        assert!(err < 0.02, "mean abs error {err}");
    }

    #[test]
    fn resamples_lengths_that_are_whole_chunks() {
        // 2048 samples = two whole 1024-sample chunks: no tail left for the partial call.
        let y = resample(&tone(8000, 440.0, 0.256), 8000, 16000).unwrap();
        assert_eq!(y.len(), 4096);
    }

    #[test]
    fn wav_round_trip_and_errors() {
        let dir = tempfile::Builder::new().prefix("std-audio-").tempdir().unwrap();
        let dir = dir.path();
        let p = dir.join("a.wav");
        let a = Audio::new(16000, tone(16000, 300.0, 0.1));
        a.write_wav(&p).unwrap();
        let b = Audio::read_wav(&p).unwrap();
        assert_eq!(b.rate, 16000);
        assert_eq!(b.samples.len(), a.samples.len());
        let txt = dir.join("x.wav");
        std::fs::write(&txt, "not audio").unwrap();
        assert!(matches!(Audio::read_wav(&txt), Err(AudioError::NotWav { .. })));
        let empty = dir.join("e.wav");
        Audio::new(8000, vec![]).write_wav(&empty).unwrap();
        assert!(matches!(Audio::read_wav(&empty), Err(AudioError::Empty { .. })));
        assert!(matches!(Audio::read_wav(&dir.join("missing.wav")), Err(AudioError::Io { .. })));
    }
}
