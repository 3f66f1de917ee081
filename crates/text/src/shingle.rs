use crate::segment::Token;

/// 64-bit hash of a string (xxh3): stable across runs and machines, so hashes can be stored.
pub fn hash_str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// Hashes of every run of `k` consecutive tokens, with the index of the run's first token.
/// Fewer than `k` tokens give no shingles.
pub fn shingles(tokens: &[Token], k: usize) -> Vec<(u64, usize)> {
    if k == 0 || tokens.len() < k {
        return Vec::new();
    }
    let mut buf = String::new();
    (0..=tokens.len() - k)
        .map(|i| {
            buf.clear();
            for t in &tokens[i..i + k] {
                buf.push_str(&t.norm);
                buf.push(' ');
            }
            (hash_str(&buf), i)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens;

    #[test]
    fn light_edits_keep_most_shingles() {
        let a = tokens("The U.S. has recognised the opposition leader as head of state");
        let b = tokens("The US has recognised the opposition leader as head of state");
        let sa: Vec<u64> = shingles(&a, 4).into_iter().map(|s| s.0).collect();
        let sb: Vec<u64> = shingles(&b, 4).into_iter().map(|s| s.0).collect();
        assert_eq!(sa, sb);
        assert!(shingles(&a[..3], 4).is_empty());
    }
}
