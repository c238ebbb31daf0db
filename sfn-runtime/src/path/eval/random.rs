//! A small deterministic generator for callers that need a `random` source.

/// SplitMix64: tiny, fast, deterministic for a given seed. Not cryptographic, which is
/// fine for `States.MathRandom` (documented as not cryptographic) and for UUIDs in
/// local runs, where reproducibility matters more.
///
/// ```
/// let mut rng = sfn_runtime::path::SplitMix64::new(7);
/// let mut again = sfn_runtime::path::SplitMix64::new(7);
/// assert_eq!(rng.next_u64(), again.next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The generator as the `random` callback the evaluation functions take.
    pub fn as_fn(&mut self) -> impl FnMut() -> u64 + '_ {
        move || self.next_u64()
    }
}

impl Default for SplitMix64 {
    /// Seeded with 0, so runs are reproducible unless the caller picks a seed.
    fn default() -> Self {
        SplitMix64::new(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_seeds_differ_and_values_vary() {
        let mut a = SplitMix64::new(1);
        let mut b = SplitMix64::new(2);
        let (a1, a2) = (a.next_u64(), a.next_u64());
        assert_ne!(a1, a2);
        assert_ne!(a1, b.next_u64());
    }
}
