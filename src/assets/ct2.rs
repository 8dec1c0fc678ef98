//! Reader for CTranslate2 model directories (`model.bin` v6 + `tokenizer.json`).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::AssetError;

/// Element type of a CTranslate2 variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ct2Type {
    /// 32-bit float.
    F32,
    /// Signed 8-bit integer.
    I8,
    /// Signed 16-bit integer.
    I16,
    /// Signed 32-bit integer.
    I32,
    /// IEEE half float.
    F16,
    /// bfloat16.
    Bf16,
}

impl Ct2Type {
    fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0 => Self::F32,
            1 => Self::I8,
            2 => Self::I16,
            3 => Self::I32,
            4 => Self::F16,
            5 => Self::Bf16,
            _ => return None,
        })
    }

    /// Size of one element in bytes.
    pub fn size(self) -> usize {
        match self {
            Self::I8 => 1,
            Self::I16 | Self::F16 | Self::Bf16 => 2,
            Self::F32 | Self::I32 => 4,
        }
    }
}

/// One named variable of a CTranslate2 model.
#[derive(Debug, Clone)]
pub struct Ct2Var {
    /// Shape, outermost dimension first.
    pub dims: Vec<usize>,
    /// Element type.
    pub dtype: Ct2Type,
    /// Raw little-endian element bytes.
    pub data: Vec<u8>,
}

impl Ct2Var {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.dims.iter().product()
    }

    /// Whether the variable holds no element.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements as f32 (from f32 or f16 storage).
    pub fn to_f32(&self) -> Option<Vec<f32>> {
        match self.dtype {
            Ct2Type::F32 => Some(self.data.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()),
            Ct2Type::F16 => Some(self.data.chunks_exact(2).map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]]))).collect()),
            _ => None,
        }
    }
}

/// Converts an IEEE 754 half-precision bit pattern to f32 (exact).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h as u32) & 0x8000) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, m) => {
            // Subnormal: normalise the mantissa.
            let shift = m.leading_zeros() - 21;
            let m = (m << shift) & 0x3ff;
            sign | ((127 - 15 + 1 - shift) << 23) | (m << 13)
        }
        (0x1f, m) => sign | 0x7f80_0000 | (m << 13),
        (e, m) => sign | ((e + 127 - 15) << 23) | (m << 13),
    };
    f32::from_bits(bits)
}

/// A CTranslate2 model: its variables by name (aliases resolved) and its spec name.
#[derive(Debug)]
pub struct Ct2Model {
    /// Model spec, e.g. `WhisperSpec`.
    pub spec: String,
    /// Variables by their slash-separated name.
    pub vars: HashMap<String, Ct2Var>,
}

impl Ct2Model {
    /// Reads `DIR/model.bin`.
    pub fn read_dir(dir: &Path) -> Result<Self, AssetError> {
        let path = dir.join("model.bin");
        let bytes = std::fs::read(&path).map_err(|source| AssetError::Io { path: path.clone(), source })?;
        Self::parse(&bytes).map_err(|reason| AssetError::Corrupt { path, reason })
    }

    /// Parses the bytes of a `model.bin` (format version 6).
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Cursor { b: bytes, pos: 0 };
        let version = r.u32()?;
        if !(5..=6).contains(&version) {
            return Err(format!("unsupported CTranslate2 model version {version} (expected 6)"));
        }
        let spec = r.string()?;
        let _revision = r.u32()?;
        let n = r.u32()? as usize;
        let mut vars = HashMap::with_capacity(n);
        for _ in 0..n {
            let name = r.string()?;
            let rank = r.u8()? as usize;
            let dims = (0..rank).map(|_| r.u32().map(|d| d as usize)).collect::<Result<Vec<_>, _>>()?;
            let code = r.u8()?;
            let dtype = Ct2Type::from_code(code).ok_or_else(|| format!("{name}: unknown type code {code}"))?;
            let nbytes = r.u32()? as usize;
            let count: usize = dims.iter().product();
            if count * dtype.size() != nbytes {
                return Err(format!("{name}: {nbytes} bytes for shape {dims:?}"));
            }
            let data = r.take(nbytes)?.to_vec();
            vars.insert(name, Ct2Var { dims, dtype, data });
        }
        let n_alias = r.u32()? as usize;
        for _ in 0..n_alias {
            let alias = r.string()?;
            let target = r.string()?;
            let var = vars.get(&target).ok_or_else(|| format!("alias {alias} → missing {target}"))?.clone();
            vars.insert(alias, var);
        }
        if r.pos != bytes.len() {
            return Err(format!("{} trailing bytes", bytes.len() - r.pos));
        }
        Ok(Self { spec, vars })
    }

    /// The variable `name`, or an error naming it.
    pub fn var(&self, name: &str) -> Result<&Ct2Var, String> {
        self.vars.get(name).ok_or_else(|| format!("missing variable {name}"))
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("truncated file")?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Result<String, String> {
        let n = self.u16()? as usize;
        let b = self.take(n)?;
        let b = b.strip_suffix(&[0]).unwrap_or(b);
        String::from_utf8(b.to_vec()).map_err(|_| "non-UTF-8 name".to_string())
    }
}

/// The byte-level BPE vocabulary of `tokenizer.json`: token bytes by id, for ids `0..n`.
pub fn read_bpe_vocab(dir: &Path, n: usize) -> Result<Vec<Vec<u8>>, AssetError> {
    let path: PathBuf = dir.join("tokenizer.json");
    let mut text = String::new();
    std::fs::File::open(&path).and_then(|mut f| f.read_to_string(&mut text)).map_err(|source| AssetError::Io { path: path.clone(), source })?;
    let corrupt = |reason: String| AssetError::Corrupt { path: path.clone(), reason };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
    let vocab = json.pointer("/model/vocab").and_then(|v| v.as_object()).ok_or_else(|| corrupt("no model.vocab object".into()))?;
    let decoder = byte_decoder();
    let mut tokens: Vec<Option<Vec<u8>>> = vec![None; n];
    for (text, id) in vocab {
        let Some(id) = id.as_u64().map(|i| i as usize) else { continue };
        if id >= n {
            continue;
        }
        let bytes = text
            .chars()
            .map(|c| decoder.get(&c).copied().ok_or_else(|| corrupt(format!("token {id}: char {c:?} outside the byte alphabet"))))
            .collect::<Result<Vec<u8>, _>>()?;
        tokens[id] = Some(bytes);
    }
    tokens.into_iter().enumerate().map(|(i, t)| t.ok_or_else(|| corrupt(format!("token id {i} missing")))).collect()
}

/// GPT-2's reversible map from the unicode characters of byte-level BPE back to bytes.
pub fn byte_decoder() -> HashMap<char, u8> {
    let mut printable: Vec<u32> = (b'!' as u32..=b'~' as u32).collect();
    printable.extend(0xA1..=0xAC);
    printable.extend(0xAE..=0xFF);
    let mut map = HashMap::with_capacity(256);
    let mut extra = 0u32;
    for b in 0u32..256 {
        let c = if printable.contains(&b) {
            b
        } else {
            extra += 1;
            255 + extra
        };
        map.insert(char::from_u32(c).expect("valid code point"), b as u8);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_convert_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert!(f16_to_f32(0x7c00).is_infinite());
    }

    #[test]
    fn byte_decoder_is_gpt2s() {
        let d = byte_decoder();
        assert_eq!(d.len(), 256);
        assert_eq!(d[&'Ġ'], b' ');
        assert_eq!(d[&'!'], b'!');
        assert_eq!(d[&'Ċ'], b'\n');
        assert_eq!(d[&'Ã'], 0xC3);
        assert_eq!(d[&'©'], 0xA9);
    }

    #[test]
    fn parses_a_tiny_model_and_rejects_truncation() {
        let mut b = Vec::new();
        b.extend(6u32.to_le_bytes());
        let s = |b: &mut Vec<u8>, t: &str| {
            b.extend(((t.len() + 1) as u16).to_le_bytes());
            b.extend(t.as_bytes());
            b.push(0);
        };
        s(&mut b, "WhisperSpec");
        b.extend(3u32.to_le_bytes());
        b.extend(1u32.to_le_bytes());
        s(&mut b, "a/w");
        b.push(1);
        b.extend(2u32.to_le_bytes());
        b.push(4);
        b.extend(4u32.to_le_bytes());
        b.extend([0x00, 0x3c, 0x00, 0xc0]);
        b.extend(1u32.to_le_bytes());
        s(&mut b, "b/w");
        s(&mut b, "a/w");
        let m = Ct2Model::parse(&b).unwrap();
        assert_eq!(m.spec, "WhisperSpec");
        assert_eq!(m.var("b/w").unwrap().to_f32().unwrap(), vec![1.0, -2.0]);
        assert!(Ct2Model::parse(&b[..b.len() - 3]).is_err());
    }
}
