//! Text built during constant evaluation: the expansion of `workflow!` composes the ASL and
//! the policy of custom task states in `const` items, where `String` does not exist.
//!
//! A [`Buf`] writes into a fixed array and counts every byte it is given, written or not:
//! the expansion runs a renderer once with `Buf<0>` to learn the length, then again with a
//! buffer of exactly that size.

/// A fixed-capacity UTF-8 text buffer usable in `const fn`.
pub struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Default for Buf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Buf<N> {
    /// An empty buffer.
    pub const fn new() -> Self {
        Buf {
            bytes: [0; N],
            len: 0,
        }
    }

    /// The number of bytes pushed so far (also those past the capacity).
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True when nothing was pushed.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends one byte (counted, and kept if there is room).
    pub const fn push_byte(&mut self, byte: u8) {
        if self.len < N {
            self.bytes[self.len] = byte;
        }
        self.len += 1;
    }

    /// Appends a string.
    pub const fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            self.push_byte(bytes[i]);
            i += 1;
        }
    }

    /// Appends `s` as a JSON string literal, escaped the way `serde_json` escapes it.
    pub const fn push_json_str(&mut self, s: &str) {
        self.push_byte(b'"');
        self.push_escaped(s);
        self.push_byte(b'"');
    }

    /// Appends the JSON escape of `s`, without quotes.
    pub const fn push_escaped(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'"' => self.push_str("\\\""),
                b'\\' => self.push_str("\\\\"),
                b'\n' => self.push_str("\\n"),
                b'\r' => self.push_str("\\r"),
                b'\t' => self.push_str("\\t"),
                0x08 => self.push_str("\\b"),
                0x0c => self.push_str("\\f"),
                0..0x20 => {
                    self.push_str("\\u00");
                    self.push_byte(HEX[(b >> 4) as usize]);
                    self.push_byte(HEX[(b & 0xf) as usize]);
                }
                _ => self.push_byte(b),
            }
            i += 1;
        }
    }

    /// Appends a decimal number.
    pub const fn push_usize(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 {
            count -= 1;
            self.push_byte(digits[count]);
        }
    }

    /// The text. Panics (a compile error in `const`) when more was pushed than fits, which
    /// the two-pass use (count, then write) rules out.
    pub const fn as_str(&self) -> &str {
        if self.len > N {
            panic!("sfn: internal: text buffer too small");
        }
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => panic!("sfn: internal: text is not UTF-8"),
        }
    }

    /// The text kept so far, cut at the capacity (for messages, which may be shortened).
    pub const fn as_truncated_str(&self) -> &str {
        let end = if self.len < N { self.len } else { N };
        let kept = self.bytes.split_at(end).0;
        match core::str::from_utf8(kept) {
            Ok(s) => s,
            // Cut inside a UTF-8 sequence: keep what precedes it.
            Err(e) => match core::str::from_utf8(kept.split_at(e.valid_up_to()).0) {
                Ok(s) => s,
                Err(_) => "",
            },
        }
    }
}

/// Byte-wise equality of two strings, in `const`.
pub const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_serde_json() {
        let s = "a\"b\\c\nd\u{1}e\u{7f}é";
        let mut buf = Buf::<64>::new();
        buf.push_json_str(s);
        assert_eq!(buf.as_str(), serde_json::to_string(s).unwrap());
    }

    #[test]
    fn counts_past_the_capacity() {
        let mut buf = Buf::<0>::new();
        buf.push_str("hello");
        buf.push_usize(1234);
        assert_eq!(buf.len(), 9);
        let mut buf = Buf::<9>::new();
        buf.push_str("hello");
        buf.push_usize(1234);
        assert_eq!(buf.as_str(), "hello1234");
        let mut short = Buf::<2>::new();
        short.push_str("héllo");
        assert_eq!(short.as_truncated_str(), "h");
    }
}
