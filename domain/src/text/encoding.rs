//! Turning a report's bytes into UTF-8, chunk by chunk, whatever encoding Amazon used.
//!
//! Business Reports come as UTF-8, often with a byte order mark; Excel round trips give UTF-16;
//! flat files from NA and EU are Windows-1252 and those from Japan Shift_JIS. The encoding is
//! sniffed from the first bytes; a UTF-8 guess that later meets a byte that cannot be UTF-8
//! falls back to Windows-1252 for the rest of the file, and the reader notes it.

use encoding_rs::{Decoder, Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The encodings this page reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
    ShiftJis,
}

impl TextEncoding {
    /// The encoding's usual name, for notes shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::ShiftJis => "Shift_JIS",
        }
    }

    fn encoding_rs(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Windows1252 => WINDOWS_1252,
            TextEncoding::ShiftJis => SHIFT_JIS,
        }
    }
}

/// What the first bytes of a file say about its encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SniffedEncoding {
    pub encoding: TextEncoding,
    /// How many bytes of byte order mark to skip.
    pub bom_len: usize,
}

/// Sniffs the encoding from a file's first bytes; `complete` says whether they are the whole file
/// (otherwise a character cut at the end of `prefix` is not held against UTF-8).
pub fn sniff_encoding(prefix: &[u8], complete: bool) -> SniffedEncoding {
    let with_bom = |encoding, bom_len| SniffedEncoding { encoding, bom_len };
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return with_bom(TextEncoding::Utf8, 3);
    }
    if prefix.starts_with(&[0xFF, 0xFE]) {
        return with_bom(TextEncoding::Utf16Le, 2);
    }
    if prefix.starts_with(&[0xFE, 0xFF]) {
        return with_bom(TextEncoding::Utf16Be, 2);
    }
    if let Some(utf16) = sniff_utf16_without_bom(prefix) {
        return with_bom(utf16, 0);
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => return with_bom(TextEncoding::Utf8, 0),
        Err(e) if e.error_len().is_none() && !complete => return with_bom(TextEncoding::Utf8, 0),
        Err(_) => {}
    }
    if looks_like_shift_jis(prefix, complete) {
        return with_bom(TextEncoding::ShiftJis, 0);
    }
    with_bom(TextEncoding::Windows1252, 0)
}

/// UTF-16 without a byte order mark shows as ASCII with every other byte zero.
fn sniff_utf16_without_bom(prefix: &[u8]) -> Option<TextEncoding> {
    let sample = &prefix[..prefix.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 9 && zero_even == 0 {
        Some(TextEncoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 9 && zero_odd == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Shift_JIS is chosen when the bytes decode without error and give kana or full-width forms,
/// which every Japanese report header has (`セッション数`, `（親）ASIN`); kanji alone are not
/// enough, because Windows-1252 accents such as `è` followed by a letter also decode as kanji.
/// Otherwise Windows-1252, which accepts any byte, is the safer reading.
fn looks_like_shift_jis(prefix: &[u8], complete: bool) -> bool {
    let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(prefix.len() * 2);
    let (result, _read) = decoder.decode_to_string_without_replacement(prefix, &mut text, complete);
    let clean = matches!(result, encoding_rs::DecoderResult::InputEmpty);
    clean && text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{ff01}'..='\u{ff60}'))
}

/// A streaming decoder that appends UTF-8 to a buffer, keeping characters cut between chunks.
pub struct StreamDecoder {
    mode: DecodeMode,
    /// The start of a UTF-8 character cut at the end of the previous chunk.
    carry: Vec<u8>,
    encoding: TextEncoding,
    fell_back: bool,
    had_replacements: bool,
}

enum DecodeMode {
    /// UTF-8 input is validated and copied as it is: the fast path for most files.
    Utf8,
    Other(Decoder),
}

impl StreamDecoder {
    /// A decoder for the sniffed encoding; the byte order mark must already be skipped.
    pub fn new(encoding: TextEncoding) -> StreamDecoder {
        let mode = match encoding {
            TextEncoding::Utf8 => DecodeMode::Utf8,
            other => DecodeMode::Other(other.encoding_rs().new_decoder_without_bom_handling()),
        };
        StreamDecoder { mode, carry: Vec::new(), encoding, fell_back: false, had_replacements: false }
    }

    /// The encoding being decoded now (after a fallback, the fallback).
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// Whether a UTF-8 guess met invalid bytes and the rest was read as Windows-1252.
    pub fn fell_back(&self) -> bool {
        self.fell_back
    }

    /// Whether some bytes could not be decoded and were replaced by U+FFFD.
    pub fn had_replacements(&self) -> bool {
        self.had_replacements
    }

    /// Decodes `input`, borrowing it as it is when it is already valid UTF-8 (the common case,
    /// which then costs one validation pass and no copy); otherwise decodes into `scratch`.
    pub fn decode_borrowed<'a>(&mut self, input: &'a [u8], last: bool, scratch: &'a mut Vec<u8>) -> &'a [u8] {
        if matches!(self.mode, DecodeMode::Utf8) && self.carry.is_empty() && std::str::from_utf8(input).is_ok() {
            return input;
        }
        scratch.clear();
        self.decode(input, last, scratch);
        scratch
    }

    /// Decodes `input` and appends the UTF-8 to `out`; `last` marks the end of the file.
    pub fn decode(&mut self, input: &[u8], last: bool, out: &mut Vec<u8>) {
        let mut input = input;
        if matches!(self.mode, DecodeMode::Utf8) && !self.carry.is_empty() {
            // Complete the character cut at the previous chunk's end, one byte at a time.
            while !input.is_empty() && self.carry.len() < 4 {
                self.carry.push(input[0]);
                input = &input[1..];
                match std::str::from_utf8(&self.carry) {
                    Ok(_) => break,
                    Err(e) if e.error_len().is_some() => break,
                    Err(_) => {}
                }
            }
            let carry = std::mem::take(&mut self.carry);
            match std::str::from_utf8(&carry) {
                Ok(_) => out.extend_from_slice(&carry),
                Err(e) if e.error_len().is_none() && !last && input.is_empty() => {
                    self.carry = carry;
                    return;
                }
                Err(_) => {
                    self.switch_to_fallback();
                    self.decode_other(&carry, false, out);
                }
            }
        }
        match self.mode {
            DecodeMode::Utf8 => match std::str::from_utf8(input) {
                Ok(_) => out.extend_from_slice(input),
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.extend_from_slice(&input[..valid]);
                    if e.error_len().is_none() && !last {
                        self.carry.extend_from_slice(&input[valid..]);
                    } else {
                        self.switch_to_fallback();
                        self.decode_other(&input[valid..], last, out);
                    }
                }
            },
            DecodeMode::Other(_) => self.decode_other(input, last, out),
        }
    }

    fn switch_to_fallback(&mut self) {
        self.mode = DecodeMode::Other(WINDOWS_1252.new_decoder_without_bom_handling());
        self.encoding = TextEncoding::Windows1252;
        self.fell_back = true;
    }

    fn decode_other(&mut self, input: &[u8], last: bool, out: &mut Vec<u8>) {
        let DecodeMode::Other(decoder) = &mut self.mode else {
            return;
        };
        let start = out.len();
        let needed = decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
        out.resize(start + needed, 0);
        let (_result, _read, written, replaced) = decoder.decode_to_utf8(input, &mut out[start..], last);
        out.truncate(start + written);
        self.had_replacements |= replaced;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_chunks(bytes: &[u8], encoding: TextEncoding, chunk: usize) -> String {
        let mut decoder = StreamDecoder::new(encoding);
        let mut out = Vec::new();
        for piece in bytes.chunks(chunk.max(1)) {
            decoder.decode(piece, false, &mut out);
        }
        decoder.decode(&[], true, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn boms_are_recognised() {
        assert_eq!(sniff_encoding(b"\xEF\xBB\xBFa,b", true), SniffedEncoding { encoding: TextEncoding::Utf8, bom_len: 3 });
        assert_eq!(sniff_encoding(b"\xFF\xFEa\0", true).encoding, TextEncoding::Utf16Le);
        assert_eq!(sniff_encoding(b"\xFE\xFF\0a", true).encoding, TextEncoding::Utf16Be);
    }

    #[test]
    fn legacy_encodings_are_told_apart() {
        let (sjis, _, _) = SHIFT_JIS.encode("日付,注文商品の売上額\n");
        assert_eq!(sniff_encoding(&sjis, true).encoding, TextEncoding::ShiftJis);
        assert_eq!(sniff_encoding(b"sku\tproduct-name\nA\tCaf\xE9 cr\xE8me\n", true).encoding, TextEncoding::Windows1252);
        assert_eq!(sniff_encoding(b"a\tb\nTr\xE8s bien\n", true).encoding, TextEncoding::Windows1252);
        assert_eq!(sniff_encoding("héllo".as_bytes(), true).encoding, TextEncoding::Utf8);
        // A cut character at the end of a partial prefix is not evidence against UTF-8.
        assert_eq!(sniff_encoding(&"héllo".as_bytes()[..2], false).encoding, TextEncoding::Utf8);
    }

    #[test]
    fn characters_cut_between_chunks_survive() {
        let text = "(Parent) ASIN,（親）ASIN,₹75,565.26\n";
        for chunk in 1..8 {
            assert_eq!(decode_in_chunks(text.as_bytes(), TextEncoding::Utf8, chunk), text);
        }
        let japanese = "（親）ASIN,注文商品の売上額\n";
        let (sjis, _, _) = SHIFT_JIS.encode(japanese);
        assert_eq!(decode_in_chunks(&sjis, TextEncoding::ShiftJis, 1), japanese);
    }

    #[test]
    fn valid_utf8_is_borrowed_not_copied() {
        let mut decoder = StreamDecoder::new(TextEncoding::Utf8);
        let mut scratch = Vec::new();
        let input = "a,b\n".as_bytes();
        assert!(std::ptr::eq(decoder.decode_borrowed(input, false, &mut scratch), input));
        assert_eq!(decoder.decode_borrowed(b"\xE9", true, &mut scratch), "é".as_bytes());
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let bytes = b"a,b\nCaf\xE9,1\n";
        let mut decoder = StreamDecoder::new(TextEncoding::Utf8);
        let mut out = Vec::new();
        decoder.decode(bytes, true, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "a,b\nCafé,1\n");
        assert!(decoder.fell_back());
    }
}
