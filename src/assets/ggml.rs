//! whisper.cpp's ggml model format: writing it from a CTranslate2 Whisper model, and checking a file.

use std::io::{BufWriter, Read, Seek, Write};
use std::path::Path;

use super::ct2::{read_bpe_vocab, Ct2Model, Ct2Type, Ct2Var};
use super::AssetError;

/// The magic number at the start of a ggml Whisper file (`lmgg` on disk).
pub const GGML_MAGIC: u32 = 0x6767_6d6c;
/// Number of base (non-special) tokens written to the vocabulary; whisper.cpp adds the specials.
pub const BASE_TOKENS: usize = 50257;
/// Sample rate Whisper works at.
pub const SAMPLE_RATE: u32 = 16000;
/// FFT size of Whisper's log-mel front end.
pub const N_FFT: usize = 400;

/// Whisper hyper-parameters, in the order of the ggml header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hparams {
    /// Vocabulary size (51865 multilingual, 51864 English-only, 51866 large-v3).
    pub n_vocab: i32,
    /// Encoder positions (1500 = 30 s).
    pub n_audio_ctx: i32,
    /// Encoder width.
    pub n_audio_state: i32,
    /// Encoder attention heads.
    pub n_audio_head: i32,
    /// Encoder layers.
    pub n_audio_layer: i32,
    /// Decoder positions.
    pub n_text_ctx: i32,
    /// Decoder width.
    pub n_text_state: i32,
    /// Decoder attention heads.
    pub n_text_head: i32,
    /// Decoder layers.
    pub n_text_layer: i32,
    /// Mel bins.
    pub n_mels: i32,
    /// Weight type: 0 f32, 1 f16; quantised types add 1000 × ggml's quantisation version (2007 = q8_0).
    pub ftype: i32,
}

impl Hparams {
    /// Whether the model is multilingual (can be told to transcribe French).
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }

    /// whisper.cpp's size name for these dimensions.
    pub fn size_name(&self) -> &'static str {
        match self.n_audio_layer {
            4 => "tiny",
            6 => "base",
            12 => "small",
            24 => "medium",
            32 => "large",
            _ => "unknown",
        }
    }
}

/// Slaney-style mel filter bank as librosa/Whisper compute it: `n_mels × (n_fft/2+1)`, row-major.
pub fn mel_filters(sample_rate: u32, n_fft: usize, n_mels: usize) -> Vec<f32> {
    fn hz_to_mel(f: f64) -> f64 {
        let f_sp = 200.0 / 3.0;
        let logstep = 6.4f64.ln() / 27.0;
        if f >= 1000.0 {
            1000.0 / f_sp + (f / 1000.0).ln() / logstep
        } else {
            f / f_sp
        }
    }
    fn mel_to_hz(m: f64) -> f64 {
        let f_sp = 200.0 / 3.0;
        let logstep = 6.4f64.ln() / 27.0;
        let min_log_mel = 1000.0 / f_sp;
        if m >= min_log_mel {
            1000.0 * (logstep * (m - min_log_mel)).exp()
        } else {
            f_sp * m
        }
    }
    let n_bins = n_fft / 2 + 1;
    let sr = sample_rate as f64;
    let fft_freqs: Vec<f64> = (0..n_bins).map(|i| i as f64 * (sr / 2.0) / (n_bins - 1) as f64).collect();
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(sr / 2.0));
    let mel_f: Vec<f64> = (0..n_mels + 2).map(|i| mel_to_hz(lo + (hi - lo) * i as f64 / (n_mels + 1) as f64)).collect();
    let mut out = Vec::with_capacity(n_mels * n_bins);
    for i in 0..n_mels {
        let (d0, d1) = (mel_f[i + 1] - mel_f[i], mel_f[i + 2] - mel_f[i + 1]);
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for &f in &fft_freqs {
            let lower = (f - mel_f[i]) / d0;
            let upper = (mel_f[i + 2] - f) / d1;
            out.push((lower.min(upper).max(0.0) * enorm) as f32);
        }
    }
    out
}

/// How the big weight matrices are stored in a converted model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WeightType {
    /// 16-bit floats, as CTranslate2 ships them (exact copy).
    F16,
    /// ggml's 8-bit blocks (32 weights + one f16 scale): half the memory traffic, same words.
    #[value(name = "q8_0")]
    Q8_0,
}

impl WeightType {
    /// The `ftype` written in the ggml header (quantised types carry ggml's quantisation version).
    pub fn ftype(self) -> i32 {
        match self {
            WeightType::F16 => 1,
            WeightType::Q8_0 => GGML_FTYPE_MOSTLY_Q8_0 + GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR,
        }
    }
}

/// ggml's file type for "2-D weights in q8_0".
const GGML_FTYPE_MOSTLY_Q8_0: i32 = 7;
/// ggml's quantisation format version, stored in the header's ftype.
const GGML_QNT_VERSION: i32 = 2;
/// Multiplier of the quantisation version in the header's ftype.
const GGML_QNT_VERSION_FACTOR: i32 = 1000;
/// ggml tensor type ids written in each tensor header.
const GGML_TYPE_F32: i32 = 0;
const GGML_TYPE_F16: i32 = 1;
const GGML_TYPE_Q8_0: i32 = 8;
/// Weights per q8_0 block.
const QK8_0: usize = 32;

/// One tensor to write: whisper.cpp name, shape (outermost first), ggml type and raw bytes.
struct Tensor {
    name: String,
    dims: Vec<usize>,
    ttype: i32,
    bytes: Vec<u8>,
}

/// Quantises f16 weights (a whole number of 32-weight blocks) to ggml q8_0 blocks: per 32 weights,
/// scale `d = max|x| / 127` (f16) then `round(x / d)` as i8, as ggml's reference `quantize_row_q8_0`.
pub fn quantize_q8_0(f16_bits: &[u16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(f16_bits.len() / QK8_0 * (2 + QK8_0));
    for block in f16_bits.chunks(QK8_0) {
        let x: Vec<f32> = block.iter().map(|&b| half::f16::from_bits(b).to_f32()).collect();
        let amax = x.iter().fold(0f32, |m, v| m.max(v.abs()));
        let d = amax / 127.0;
        let id = if d != 0.0 { 1.0 / d } else { 0.0 };
        out.extend(half::f16::from_f32(d).to_bits().to_le_bytes());
        out.extend(x.iter().map(|v| (v * id).round() as i8 as u8));
    }
    out
}

/// Slices rows `[from, to)` of a row-major 1-D or 2-D CTranslate2 variable.
fn rows(v: &Ct2Var, from: usize, to: usize) -> Ct2Var {
    let row: usize = v.dims[1..].iter().product();
    let sz = v.dtype.size();
    let mut dims = v.dims.clone();
    dims[0] = to - from;
    Ct2Var { dims, dtype: v.dtype, data: v.data[from * row * sz..to * row * sz].to_vec() }
}

fn tensor(name: String, v: &Ct2Var, dims: Vec<usize>, weights: WeightType) -> Result<Tensor, String> {
    // As whisper.cpp's own converter: 1-D tensors, conv biases and positional embeddings stay f32.
    let f32_store = dims.len() < 2 || name.ends_with("conv1.bias") || name.ends_with("conv2.bias") || name.ends_with("positional_embedding");
    if dims.iter().product::<usize>() != v.len() {
        return Err(format!("{name}: shape {dims:?} does not match {:?}", v.dims));
    }
    if f32_store {
        let f32 = v.to_f32().ok_or_else(|| format!("{name}: unsupported type {:?}", v.dtype))?;
        let bytes = f32.iter().flat_map(|x| x.to_le_bytes()).collect();
        return Ok(Tensor { name, dims, ttype: GGML_TYPE_F32, bytes });
    }
    if v.dtype != Ct2Type::F16 {
        return Err(format!("{name}: {:?} weights; only f16 CTranslate2 models are supported", v.dtype));
    }
    // whisper.cpp quantises only the 2-D matrices; the 3-D convolution kernels stay f16.
    let quantise = weights == WeightType::Q8_0 && dims.len() == 2;
    if quantise {
        if !dims[1].is_multiple_of(QK8_0) {
            return Err(format!("{name}: rows of {} weights cannot be split into q8_0 blocks of {QK8_0}", dims[1]));
        }
        let bits: Vec<u16> = v.data.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        Ok(Tensor { name, dims, ttype: GGML_TYPE_Q8_0, bytes: quantize_q8_0(&bits) })
    } else {
        Ok(Tensor { name, dims, ttype: GGML_TYPE_F16, bytes: v.data.clone() })
    }
}

/// Maps the CTranslate2 Whisper variables to whisper.cpp's tensors (fused QKV / KV split apart).
fn tensors(m: &Ct2Model, hp: &Hparams, weights: WeightType) -> Result<Vec<Tensor>, String> {
    let mut out = Vec::new();
    let mut add = |name: &str, v: &Ct2Var| -> Result<(), String> {
        out.push(tensor(name.to_string(), v, v.dims.clone(), weights)?);
        Ok(())
    };
    let d = hp.n_audio_state as usize;
    // Splits a fused projection into parts of width d; `None` parts (key biases) are checked zero.
    fn split(v: &Ct2Var, d: usize, parts: usize) -> Result<Vec<Ct2Var>, String> {
        if v.dims[0] != d * parts {
            return Err(format!("fused projection of {} rows, expected {}", v.dims[0], d * parts));
        }
        Ok((0..parts).map(|i| rows(v, i * d, (i + 1) * d)).collect())
    }
    let zero_bias = |v: &Ct2Var, what: &str| -> Result<(), String> {
        match v.to_f32() {
            Some(x) if x.iter().all(|&f| f == 0.0) => Ok(()),
            _ => Err(format!("{what}: non-zero key bias, not a Whisper model")),
        }
    };
    let ln = |add: &mut dyn FnMut(&str, &Ct2Var) -> Result<(), String>, src: &str, dst: &str| -> Result<(), String> {
        add(&format!("{dst}.weight"), m.var(&format!("{src}/gamma"))?)?;
        add(&format!("{dst}.bias"), m.var(&format!("{src}/beta"))?)
    };
    let lin = |add: &mut dyn FnMut(&str, &Ct2Var) -> Result<(), String>, src: &str, dst: &str| -> Result<(), String> {
        add(&format!("{dst}.weight"), m.var(&format!("{src}/weight"))?)?;
        add(&format!("{dst}.bias"), m.var(&format!("{src}/bias"))?)
    };
    // Self-attention with fused QKV in linear_0, output in linear_1.
    let self_attn = |add: &mut dyn FnMut(&str, &Ct2Var) -> Result<(), String>, src: &str, dst: &str| -> Result<(), String> {
        let w = split(m.var(&format!("{src}/linear_0/weight"))?, d, 3)?;
        let b = split(m.var(&format!("{src}/linear_0/bias"))?, d, 3)?;
        zero_bias(&b[1], src)?;
        add(&format!("{dst}.query.weight"), &w[0])?;
        add(&format!("{dst}.query.bias"), &b[0])?;
        add(&format!("{dst}.key.weight"), &w[1])?;
        add(&format!("{dst}.value.weight"), &w[2])?;
        add(&format!("{dst}.value.bias"), &b[2])?;
        lin(add, &format!("{src}/linear_1"), &format!("{dst}.out"))
    };

    // Encoder.
    let pos = m.var("encoder/position_encodings/encodings")?;
    add("encoder.positional_embedding", pos)?;
    for conv in ["conv1", "conv2"] {
        add(&format!("encoder.{conv}.weight"), m.var(&format!("encoder/{conv}/weight"))?)?;
        // whisper.cpp wants conv biases as [n, 1].
        let mut b = m.var(&format!("encoder/{conv}/bias"))?.clone();
        b.dims = vec![b.len(), 1];
        add(&format!("encoder.{conv}.bias"), &b)?;
    }
    for l in 0..hp.n_audio_layer {
        let (s, t) = (format!("encoder/layer_{l}"), format!("encoder.blocks.{l}"));
        self_attn(&mut add, &format!("{s}/self_attention"), &format!("{t}.attn"))?;
        ln(&mut add, &format!("{s}/self_attention/layer_norm"), &format!("{t}.attn_ln"))?;
        lin(&mut add, &format!("{s}/ffn/linear_0"), &format!("{t}.mlp.0"))?;
        lin(&mut add, &format!("{s}/ffn/linear_1"), &format!("{t}.mlp.2"))?;
        ln(&mut add, &format!("{s}/ffn/layer_norm"), &format!("{t}.mlp_ln"))?;
    }
    ln(&mut add, "encoder/layer_norm", "encoder.ln_post")?;

    // Decoder.
    add("decoder.positional_embedding", m.var("decoder/position_encodings/encodings")?)?;
    add("decoder.token_embedding.weight", m.var("decoder/embeddings/weight")?)?;
    let dt = hp.n_text_state as usize;
    for l in 0..hp.n_text_layer {
        let (s, t) = (format!("decoder/layer_{l}"), format!("decoder.blocks.{l}"));
        self_attn(&mut add, &format!("{s}/self_attention"), &format!("{t}.attn"))?;
        ln(&mut add, &format!("{s}/self_attention/layer_norm"), &format!("{t}.attn_ln"))?;
        // Cross-attention: query in linear_0, fused KV in linear_1, output in linear_2.
        lin(&mut add, &format!("{s}/attention/linear_0"), &format!("{t}.cross_attn.query"))?;
        let w = split(m.var(&format!("{s}/attention/linear_1/weight"))?, dt, 2)?;
        let b = split(m.var(&format!("{s}/attention/linear_1/bias"))?, dt, 2)?;
        zero_bias(&b[0], &s)?;
        add(&format!("{t}.cross_attn.key.weight"), &w[0])?;
        add(&format!("{t}.cross_attn.value.weight"), &w[1])?;
        add(&format!("{t}.cross_attn.value.bias"), &b[1])?;
        lin(&mut add, &format!("{s}/attention/linear_2"), &format!("{t}.cross_attn.out"))?;
        ln(&mut add, &format!("{s}/attention/layer_norm"), &format!("{t}.cross_attn_ln"))?;
        lin(&mut add, &format!("{s}/ffn/linear_0"), &format!("{t}.mlp.0"))?;
        lin(&mut add, &format!("{s}/ffn/linear_1"), &format!("{t}.mlp.2"))?;
        ln(&mut add, &format!("{s}/ffn/layer_norm"), &format!("{t}.mlp_ln"))?;
    }
    ln(&mut add, "decoder/layer_norm", "decoder.ln")?;
    Ok(out)
}

/// Reads the hyper-parameters of a CTranslate2 Whisper model from its variable shapes.
fn ct2_hparams(m: &Ct2Model) -> Result<Hparams, String> {
    if m.spec != "WhisperSpec" {
        return Err(format!("model spec is {}, not WhisperSpec", m.spec));
    }
    let count = |prefix: &str| (0..).take_while(|l| m.vars.contains_key(&format!("{prefix}/layer_{l}/ffn/linear_0/weight"))).count() as i32;
    let emb = m.var("decoder/embeddings/weight")?;
    let enc_pos = m.var("encoder/position_encodings/encodings")?;
    let dec_pos = m.var("decoder/position_encodings/encodings")?;
    let conv1 = m.var("encoder/conv1/weight")?;
    let heads = |n: &str| -> Result<i32, String> {
        let v = m.var(n)?;
        match (v.dtype, v.data.as_slice()) {
            (Ct2Type::I16, [a, b]) => Ok(i16::from_le_bytes([*a, *b]) as i32),
            (Ct2Type::I32, [a, b, c, d]) => Ok(i32::from_le_bytes([*a, *b, *c, *d])),
            _ => Err(format!("{n}: unexpected encoding")),
        }
    };
    Ok(Hparams {
        n_vocab: emb.dims[0] as i32,
        n_audio_ctx: enc_pos.dims[0] as i32,
        n_audio_state: enc_pos.dims[1] as i32,
        n_audio_head: heads("encoder/num_heads")?,
        n_audio_layer: count("encoder"),
        n_text_ctx: dec_pos.dims[0] as i32,
        n_text_state: emb.dims[1] as i32,
        n_text_head: heads("decoder/num_heads")?,
        n_text_layer: count("decoder"),
        n_mels: conv1.dims[1] as i32,
        ftype: 1,
    })
}

/// Summary of a conversion.
#[derive(Debug, Clone)]
pub struct ConvertReport {
    /// Hyper-parameters written.
    pub hparams: Hparams,
    /// Number of tensors written.
    pub tensors: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Converts the CTranslate2 Whisper model in `ct2_dir` to a whisper.cpp ggml file at `out`, with
/// the big weight matrices stored as `weights`.
///
/// Deterministic: the same input gives byte-identical output. Writes `out` atomically.
pub fn convert_ct2(ct2_dir: &Path, out: &Path, weights: WeightType) -> Result<ConvertReport, AssetError> {
    let model = Ct2Model::read_dir(ct2_dir)?;
    let bad = |reason: String| AssetError::Corrupt { path: ct2_dir.join("model.bin"), reason };
    let mut hp = ct2_hparams(&model).map_err(bad)?;
    hp.ftype = weights.ftype();
    let tensors = tensors(&model, &hp, weights).map_err(bad)?;
    drop(model);
    let vocab = read_bpe_vocab(ct2_dir, BASE_TOKENS)?;
    let filters = mel_filters(SAMPLE_RATE, N_FFT, hp.n_mels as usize);

    let tmp = out.with_extension("bin.partial");
    let io = |source: std::io::Error| AssetError::Io { path: tmp.clone(), source };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| AssetError::Io { path: dir.to_owned(), source })?;
    }
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).map_err(io)?);
    let put = |w: &mut BufWriter<std::fs::File>, x: i32| w.write_all(&x.to_le_bytes());
    for x in [
        GGML_MAGIC as i32,
        hp.n_vocab,
        hp.n_audio_ctx,
        hp.n_audio_state,
        hp.n_audio_head,
        hp.n_audio_layer,
        hp.n_text_ctx,
        hp.n_text_state,
        hp.n_text_head,
        hp.n_text_layer,
        hp.n_mels,
        hp.ftype,
    ] {
        put(&mut w, x).map_err(io)?;
    }
    put(&mut w, hp.n_mels).map_err(io)?;
    put(&mut w, (N_FFT / 2 + 1) as i32).map_err(io)?;
    for f in &filters {
        w.write_all(&f.to_le_bytes()).map_err(io)?;
    }
    put(&mut w, vocab.len() as i32).map_err(io)?;
    for t in &vocab {
        put(&mut w, t.len() as i32).map_err(io)?;
        w.write_all(t).map_err(io)?;
    }
    for t in &tensors {
        put(&mut w, t.dims.len() as i32).map_err(io)?;
        put(&mut w, t.name.len() as i32).map_err(io)?;
        put(&mut w, t.ttype).map_err(io)?;
        for &d in t.dims.iter().rev() {
            put(&mut w, d as i32).map_err(io)?;
        }
        w.write_all(t.name.as_bytes()).map_err(io)?;
        w.write_all(&t.bytes).map_err(io)?;
    }
    let file = w.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    drop(file);
    std::fs::rename(&tmp, out).map_err(|source| AssetError::Io { path: out.to_owned(), source })?;
    Ok(ConvertReport { hparams: hp, tensors: tensors.len(), bytes })
}

/// What a structural walk of a ggml Whisper file found.
#[derive(Debug, Clone)]
pub struct GgmlInfo {
    /// Hyper-parameters from the header.
    pub hparams: Hparams,
    /// Number of tensors.
    pub tensors: usize,
    /// File size in bytes.
    pub bytes: u64,
}

/// Walks a ggml Whisper file (header, filters, vocabulary, every tensor header and extent) without
/// loading it: catches wrong files, bad magic and truncation in milliseconds.
pub fn inspect(path: &Path) -> Result<GgmlInfo, AssetError> {
    let io = |source: std::io::Error| AssetError::Io { path: path.to_owned(), source };
    let corrupt = |reason: String| AssetError::Corrupt { path: path.to_owned(), reason };
    let mut f = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
    let len = f.get_ref().metadata().map_err(io)?.len();
    let i32_at = |f: &mut std::io::BufReader<std::fs::File>, what: &str| -> Result<i32, AssetError> {
        let mut b = [0u8; 4];
        f.read_exact(&mut b).map_err(|_| corrupt(format!("truncated in {what}")))?;
        Ok(i32::from_le_bytes(b))
    };
    let magic = i32_at(&mut f, "the header")? as u32;
    if magic != GGML_MAGIC {
        return Err(corrupt(format!("bad magic {magic:#010x}, not a whisper.cpp ggml model")));
    }
    let mut h = [0i32; 11];
    for x in &mut h {
        *x = i32_at(&mut f, "the header")?;
    }
    let hp = Hparams {
        n_vocab: h[0],
        n_audio_ctx: h[1],
        n_audio_state: h[2],
        n_audio_head: h[3],
        n_audio_layer: h[4],
        n_text_ctx: h[5],
        n_text_state: h[6],
        n_text_head: h[7],
        n_text_layer: h[8],
        n_mels: h[9],
        ftype: h[10],
    };
    let skip = |f: &mut std::io::BufReader<std::fs::File>, n: i64, what: &str| -> Result<(), AssetError> {
        let pos = f.stream_position().map_err(io)?;
        if n < 0 || pos + n as u64 > len {
            return Err(corrupt(format!("truncated in {what} ({len} bytes)")));
        }
        f.seek_relative(n).map_err(io)
    };
    let (rows, cols) = (i32_at(&mut f, "mel filters")?, i32_at(&mut f, "mel filters")?);
    skip(&mut f, rows as i64 * cols as i64 * 4, "mel filters")?;
    let n_words = i32_at(&mut f, "vocabulary")?;
    if !(0..=hp.n_vocab).contains(&n_words) {
        return Err(corrupt(format!("vocabulary of {n_words} tokens")));
    }
    for _ in 0..n_words {
        let l = i32_at(&mut f, "vocabulary")?;
        skip(&mut f, l as i64, "vocabulary")?;
    }
    let mut tensors = 0;
    loop {
        let pos = f.stream_position().map_err(io)?;
        if pos == len {
            break;
        }
        let n_dims = i32_at(&mut f, "a tensor header")?;
        let name_len = i32_at(&mut f, "a tensor header")?;
        let ttype = i32_at(&mut f, "a tensor header")?;
        if !(1..=4).contains(&n_dims) || !(1..=256).contains(&name_len) {
            return Err(corrupt(format!("tensor {tensors}: bad header")));
        }
        let mut count: i64 = 1;
        for _ in 0..n_dims {
            count *= i32_at(&mut f, "a tensor header")? as i64;
        }
        let bytes = match ttype {
            GGML_TYPE_F32 => count * 4,
            GGML_TYPE_F16 => count * 2,
            // Quantised types (q4/q5/q8 blocks of 32): bytes per block.
            2 => count / 32 * 18,
            3 => count / 32 * 20,
            6 => count / 32 * 22,
            7 => count / 32 * 24,
            GGML_TYPE_Q8_0 => count / QK8_0 as i64 * (2 + QK8_0 as i64),
            _ => {
                // Unknown type: trust the loader; stop walking but keep what we learnt.
                tensors += 1;
                break;
            }
        };
        skip(&mut f, name_len as i64, "a tensor name")?;
        skip(&mut f, bytes, "tensor data")?;
        tensors += 1;
    }
    if tensors == 0 {
        return Err(corrupt("no tensors".into()));
    }
    Ok(GgmlInfo { hparams: hp, tensors, bytes: len })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q8_0_blocks_hold_a_scale_and_32_rounded_weights() {
        let f16 = |x: f32| half::f16::from_f32(x).to_bits();
        let mut w: Vec<u16> = (0..32).map(|i| f16(i as f32 / 31.0 - 0.5)).collect();
        w.extend(std::iter::repeat_n(f16(0.0), 32)); // an all-zero block
        let q = quantize_q8_0(&w);
        assert_eq!(q.len(), 2 * 34);
        let d = half::f16::from_bits(u16::from_le_bytes([q[0], q[1]])).to_f32();
        assert!((d - 0.5 / 127.0).abs() < 1e-5, "{d}");
        assert_eq!(q[2] as i8, -127); // −0.5 → −127
        assert_eq!(q[33] as i8, 127); // +0.5 → +127
        for (i, &b) in q[2..34].iter().enumerate() {
            let back = b as i8 as f32 * d;
            assert!((back - (i as f32 / 31.0 - 0.5)).abs() <= d * 0.51 + 1e-3, "weight {i}: {back}");
        }
        assert!(q[34..].iter().all(|&b| b == 0));
    }

    #[test]
    fn mel_filters_are_slaney_triangles() {
        let f = mel_filters(16000, 400, 80);
        assert_eq!(f.len(), 80 * 201);
        // Bin 1 (40 Hz) on the first triangle (0, 37.24, 74.48 Hz): (74.48-40)/37.24 * 2/74.48.
        assert!((f[1] - 0.024_862).abs() < 2e-5, "{}", f[1]);
        assert!(f[201 + 2] > 0.0 && f[2] == 0.0);
        assert_eq!(f[0], 0.0);
        // Slaney normalisation: each triangle's area is constant in Hz (≈ 2 / 200 Hz-bins spacing).
        let row = |i: usize| f[i * 201..(i + 1) * 201].iter().sum::<f32>();
        let (a, b) = (row(10), row(70));
        assert!((a / b - 1.0).abs() < 0.1, "{a} vs {b}");
        assert!(f.iter().all(|x| *x >= 0.0));
    }
}
