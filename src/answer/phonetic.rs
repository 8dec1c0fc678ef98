//! How far apart two phonetic keys ([`super::normalize::phonetic`]) sound on an 8 kHz line: to
//! find the town's name that a recogniser wrote as other letters ("l'Ophi du Tourisme", "le
//! Sud-Artific", "le Carcolaire"), whatever the spelling it chose.

/// Sounds the phone line and the recogniser mix up, as the phonetic key writes them: one
/// fricative for another, voiced for unvoiced, one nasal consonant for the other, one vowel for
/// another.
const NEAR: &[&[u8]] = &[b"FSXJ", b"FV", b"PB", b"TD", b"KG", b"MN", b"AEIOUY"];

/// For each capital letter, the groups of [`NEAR`] it is in, one bit a group.
const GROUPS_OF: [u8; 26] = {
    let mut t = [0u8; 26];
    let mut g = 0;
    while g < NEAR.len() {
        let mut k = 0;
        while k < NEAR[g].len() {
            t[(NEAR[g][k] - b'A') as usize] |= 1 << g;
            k += 1;
        }
        g += 1;
    }
    t
};

/// Whether two sounds of a phonetic key are near ones (see [`NEAR`]).
fn near(a: u8, b: u8) -> bool {
    let groups = |c: u8| if c.is_ascii_uppercase() { GROUPS_OF[(c - b'A') as usize] } else { 0 };
    groups(a) & groups(b) != 0
}

/// The edit distance between two phonetic keys, where a near sound costs half a change.
pub fn distance(a: &str, b: &str) -> f32 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<f32> = (0..=b.len()).map(|j| j as f32).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = (i + 1) as f32;
        for (j, &y) in b.iter().enumerate() {
            let swap = if x == y {
                0.0
            } else if near(x, y) {
                0.5
            } else {
                1.0
            };
            let best = (diag + swap).min(row[j] + 1.0).min(row[j + 1] + 1.0);
            diag = row[j + 1];
            row[j + 1] = best;
        }
    }
    row[b.len()]
}

/// Whether two phonetic keys start alike: the same first sound or a near one.
pub fn same_onset(a: &str, b: &str) -> bool {
    match (a.bytes().next(), b.bytes().next()) {
        (Some(x), Some(y)) => x == y || near(x, y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::phonetic;
    use super::*;

    #[test]
    fn near_sounds_cost_half_a_change() {
        let d = |a: &str, b: &str| distance(&phonetic(a), &phonetic(b));
        assert_eq!(d("office", "ofice"), 0.0);
        assert_eq!(d("sudartific", "feudartifice"), 1.5, "f heard s, then the last sound");
        assert_eq!(d("ophidutourisme", "officedutourisme"), 1.0);
        assert_eq!(d("carcolaire", "carscolaire"), 1.0);
        assert!(d("piscine", "mairie") >= 2.5, "{}", d("piscine", "mairie"));
        assert!(same_onset(&phonetic("sermes"), &phonetic("fermes")));
        assert!(same_onset(&phonetic("vermes"), &phonetic("fermes")), "voiced for unvoiced");
        assert!(!same_onset(&phonetic("mairie"), &phonetic("piscine")));
    }
}
