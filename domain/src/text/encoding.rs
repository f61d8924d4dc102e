//! Turning a report's bytes into UTF-8, chunk by chunk, whatever encoding Amazon used.
//!
//! Business Reports come as UTF-8, often with a byte order mark; Excel round trips give UTF-16;
//! flat files from NA and EU are Windows-1252 and those from Japan Shift_JIS; Chinese CSVs saved
//! by Excel (Lingxing exports opened and saved again) are GBK, read as its superset GB18030. The
//! encoding is sniffed from the first bytes; a UTF-8 guess that later meets a byte that cannot be
//! UTF-8 falls back to Windows-1252 for the rest of the file, and the reader notes it.

use encoding_rs::{Decoder, Encoding, GB18030, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The encodings this page reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
    ShiftJis,
    /// GB18030, the superset of GBK and GB2312 that Chinese Windows writes.
    Gb18030,
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
            TextEncoding::Gb18030 => "GB18030",
        }
    }

    fn encoding_rs(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Windows1252 => WINDOWS_1252,
            TextEncoding::ShiftJis => SHIFT_JIS,
            TextEncoding::Gb18030 => GB18030,
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
///
/// This is the first of [`sniff_encodings`]: the most likely reading.
pub fn sniff_encoding(prefix: &[u8], complete: bool) -> SniffedEncoding {
    sniff_encodings(prefix, complete)[0]
}

/// The plausible encodings of a file's first bytes, most likely first; never empty.
///
/// A byte order mark, UTF-16 or valid UTF-8 give one answer. Other bytes can be several legacy
/// encodings at once: Shift_JIS and GBK share most of their byte ranges, and both decode many
/// Windows-1252 accents without error. The candidates are ordered by how plausible the decoded
/// text is, and Windows-1252, which accepts any byte, always comes last; the reader then takes
/// the first candidate under which a known report header appears.
pub fn sniff_encodings(prefix: &[u8], complete: bool) -> Vec<SniffedEncoding> {
    let with_bom = |encoding, bom_len| SniffedEncoding { encoding, bom_len };
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return vec![with_bom(TextEncoding::Utf8, 3)];
    }
    if prefix.starts_with(&[0xFF, 0xFE]) {
        return vec![with_bom(TextEncoding::Utf16Le, 2)];
    }
    if prefix.starts_with(&[0xFE, 0xFF]) {
        return vec![with_bom(TextEncoding::Utf16Be, 2)];
    }
    if let Some(utf16) = sniff_utf16_without_bom(prefix) {
        return vec![with_bom(utf16, 0)];
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => return vec![with_bom(TextEncoding::Utf8, 0)],
        Err(e) if e.error_len().is_none() && !complete => return vec![with_bom(TextEncoding::Utf8, 0)],
        Err(_) => {}
    }
    let shift_jis = looks_like_shift_jis(prefix, complete);
    let gbk = looks_like_gbk(prefix, complete);
    let mut candidates = Vec::with_capacity(3);
    match (shift_jis, gbk) {
        (true, Some(GbkEvidence::Strong)) => candidates.extend([TextEncoding::Gb18030, TextEncoding::ShiftJis]),
        (true, Some(GbkEvidence::Weak)) => candidates.extend([TextEncoding::ShiftJis, TextEncoding::Gb18030]),
        (true, None) => candidates.push(TextEncoding::ShiftJis),
        (false, Some(_)) => candidates.push(TextEncoding::Gb18030),
        (false, None) => {}
    }
    candidates.push(TextEncoding::Windows1252);
    candidates.into_iter().map(|encoding| with_bom(encoding, 0)).collect()
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

/// How strongly the bytes read as GBK Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GbkEvidence {
    /// Every double-byte character is in the GB2312 block, where everyday Chinese lives.
    Strong,
    /// Most of them are; some rarer GBK characters too.
    Weak,
}

/// GBK is plausible when the bytes decode as GB18030 without error and the text holds Chinese
/// characters whose two bytes both lie in 0xA1..=0xFE, the GB2312 block that every everyday
/// character (and every Lingxing header) is in. Decoding cleanly is not enough: a Windows-1252
/// accent followed by a letter (`Tr\xE8s`) is also a valid GBK pair, but its second byte is ASCII,
/// and Shift_JIS kana (`\x83\x5A`) are valid pairs below the GB2312 block. Four-byte GB18030
/// sequences count against the reading: a spreadsheet of Chinese headers never needs them.
fn looks_like_gbk(prefix: &[u8], complete: bool) -> Option<GbkEvidence> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(prefix.len() * 2);
    let (result, _read) = decoder.decode_to_string_without_replacement(prefix, &mut text, complete);
    if !matches!(result, encoding_rs::DecoderResult::InputEmpty) {
        return None;
    }
    let (mut gb2312, mut other) = (0usize, 0usize);
    let mut i = 0;
    while i < prefix.len() {
        let byte = prefix[i];
        if byte < 0x80 {
            i += 1;
            continue;
        }
        match prefix.get(i + 1) {
            // A four-byte sequence: its second byte is a digit.
            Some(second) if second.is_ascii_digit() => {
                other += 1;
                i += 4;
            }
            Some(&second) => {
                if (0xA1..=0xFE).contains(&byte) && (0xA1..=0xFE).contains(&second) {
                    gb2312 += 1;
                } else {
                    other += 1;
                }
                i += 2;
            }
            None => break,
        }
    }
    let has_chinese = text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}'));
    match (gb2312, other) {
        (0, _) => None,
        _ if !has_chinese => None,
        (_, 0) => Some(GbkEvidence::Strong),
        (g, o) if g >= 4 * o => Some(GbkEvidence::Weak),
        _ => None,
    }
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
    /// The text is checked once here, for the whole chunk, so its lines need no check of their own.
    pub fn decode_borrowed<'a>(&mut self, input: &'a [u8], last: bool, scratch: &'a mut Vec<u8>) -> &'a str {
        if matches!(self.mode, DecodeMode::Utf8)
            && self.carry.is_empty()
            && let Ok(text) = std::str::from_utf8(input)
        {
            return text;
        }
        scratch.clear();
        self.decode(input, last, scratch);
        // `decode` writes whole UTF-8 characters only, so this holds the whole of `scratch`.
        match std::str::from_utf8(scratch) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&scratch[..e.valid_up_to()]).unwrap_or_default(),
        }
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
    fn gbk_chinese_is_read_as_gb18030() {
        let (gbk, _, _) = GB18030.encode("日期,国家,销售额,销量,订单量\n2026-09-01,美国,￥1,200.50,3,2\n");
        assert_eq!(sniff_encoding(&gbk, true).encoding, TextEncoding::Gb18030);
        assert_eq!(sniff_encoding(&gbk, false).encoding, TextEncoding::Gb18030);
        // Japanese stays Shift_JIS: its kana are valid GBK pairs, but below the GB2312 block.
        let (sjis, _, _) = SHIFT_JIS.encode("（親）ASIN,セッション数 - 合計,注文商品の売上額\n");
        assert_eq!(sniff_encodings(&sjis, true)[0].encoding, TextEncoding::ShiftJis);
        // Accented Windows-1252 text whose accents pair with a letter is not GBK.
        assert_eq!(sniff_encodings(b"a\tb\nTr\xE8s bien, cr\xE8me br\xFBl\xE9e\n", true).len(), 1);
    }

    #[test]
    fn an_ambiguous_reading_offers_both_and_windows_1252_last() {
        // GBK `表格` (0xB1ED 0xB8F1) decodes cleanly as Shift_JIS too (half-width katakana and a
        // kanji) but holds no kana or full-width forms, so only GB18030 is plausible.
        let (gbk, _, _) = GB18030.encode("表格,销售额\n");
        let candidates: Vec<TextEncoding> = sniff_encodings(&gbk, true).iter().map(|c| c.encoding).collect();
        assert_eq!(candidates, vec![TextEncoding::Gb18030, TextEncoding::Windows1252]);
    }

    #[test]
    fn gb18030_decodes_across_chunk_boundaries() {
        let text = "店铺名称,广告活动,花费\n美国店,自动广告,￥12.50\n";
        let (gbk, _, _) = GB18030.encode(text);
        for chunk in 1..5 {
            assert_eq!(decode_in_chunks(&gbk, TextEncoding::Gb18030, chunk), text);
        }
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
        assert!(std::ptr::eq(decoder.decode_borrowed(input, false, &mut scratch).as_bytes(), input));
        assert_eq!(decoder.decode_borrowed(b"\xE9", true, &mut scratch), "é");
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
