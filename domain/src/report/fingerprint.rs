//! A fast 64-bit hash of a file's bytes that does not depend on how the bytes were chunked.

/// Hashes bytes eight at a time with the FxHash mixing step, carrying the bytes of an unfinished
/// word between chunks, so pushing a file in any pieces gives the same fingerprint.
#[derive(Clone, Debug, Default)]
pub struct Fingerprint {
    state: u64,
    pending: [u8; 8],
    pending_len: usize,
    total: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fingerprint {
    /// Adds the next bytes of the file.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.pending_len > 0 {
            let take = (8 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.pending));
            self.pending_len = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(word);
            self.mix(u64::from_le_bytes(buf));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    fn mix(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(SEED);
    }

    /// The fingerprint of everything added so far.
    pub fn value(&self) -> u64 {
        let mut copy = self.clone();
        let mut last = [0u8; 8];
        last[..copy.pending_len].copy_from_slice(&copy.pending[..copy.pending_len]);
        copy.mix(u64::from_le_bytes(last));
        copy.mix(copy.total);
        // A final avalanche so files differing in one byte differ in many bits.
        let mut h = copy.state;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking_does_not_change_the_fingerprint() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Fingerprint::default();
        whole.update(&data);
        for size in [1, 3, 7, 8, 13, 999] {
            let mut parts = Fingerprint::default();
            data.chunks(size).for_each(|c| parts.update(c));
            assert_eq!(parts.value(), whole.value(), "chunk size {size}");
        }
        let mut shorter = Fingerprint::default();
        shorter.update(&data[..999]);
        assert_ne!(shorter.value(), whole.value());
    }
}
