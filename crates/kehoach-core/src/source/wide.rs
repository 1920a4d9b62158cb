//! [`LineMarks::scan`] sixteen bytes at a time, where the target has SIMD lanes
//! (x86-64's SSE2, always there; wasm's `simd128`, which the check worker's module is
//! built with). The byte loop costs about nine instructions a byte and every line of
//! every text goes through it; a block of plain words and single spaces here costs
//! about two. What it finds is what [`LineMarks::scan_bytes`] finds (a property test).

use super::{LineMarks, BYTE};
use lanes::*;

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod lanes {
    use core::arch::x86_64::*;
    pub type V = __m128i;
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn load(b: &[u8; 16]) -> V {
        let (lo, hi) = super::halves(b);
        _mm_set_epi64x(hi, lo)
    }
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn splat(c: u8) -> V {
        _mm_set1_epi8(c as i8)
    }
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn eq(a: V, b: V) -> V {
        _mm_cmpeq_epi8(a, b)
    }
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn or(a: V, b: V) -> V {
        _mm_or_si128(a, b)
    }
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn and(a: V, b: V) -> V {
        _mm_and_si128(a, b)
    }
    /// Lanes as signed bytes: `a > b`, `a < b`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn gt(a: V, b: V) -> V {
        _mm_cmpgt_epi8(a, b)
    }
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn lt(a: V, b: V) -> V {
        _mm_cmplt_epi8(a, b)
    }
    /// Each lane's top bit, lane 0 in bit 0.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn bits(a: V) -> u32 {
        _mm_movemask_epi8(a) as u32
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::*;
    pub type V = v128;
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn load(b: &[u8; 16]) -> V {
        let (lo, hi) = super::halves(b);
        i64x2(lo, hi)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn splat(c: u8) -> V {
        u8x16_splat(c)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn eq(a: V, b: V) -> V {
        u8x16_eq(a, b)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn or(a: V, b: V) -> V {
        v128_or(a, b)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn and(a: V, b: V) -> V {
        v128_and(a, b)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn gt(a: V, b: V) -> V {
        i8x16_gt(a, b)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn lt(a: V, b: V) -> V {
        i8x16_lt(a, b)
    }
    #[inline]
    #[target_feature(enable = "simd128")]
    pub fn bits(a: V) -> u32 {
        u32::from(u8x16_bitmask(a))
    }
}

/// A block's two halves as little-endian words, low first: how both targets' lanes
/// are loaded without a pointer (so without `unsafe`).
fn halves(b: &[u8; 16]) -> (i64, i64) {
    let word = |h: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(h);
        i64::from_le_bytes(w)
    };
    (word(&b[..8]), word(&b[8..]))
}

/// The marks of `b`'s whole blocks of sixteen bytes, the class of the last byte
/// read (as `BYTE` gives it), and the bytes left for the byte loop.
pub(super) fn scan_blocks(b: &[u8]) -> (u16, usize, &[u8]) {
    // SAFETY: this module is compiled for x86-64 only where SSE2 is enabled (every
    // x86-64 processor has it; only soft-float targets turn it off), and the
    // function only reads the slice it is given.
    #[cfg(target_arch = "x86_64")]
    return unsafe { scan_blocks_with_lanes(b) };
    // (Calling a wasm target feature's function is safe: a module built with
    // `simd128` does not load in an engine without it.)
    #[cfg(target_arch = "wasm32")]
    scan_blocks_with_lanes(b)
}

#[cfg_attr(target_arch = "x86_64", target_feature(enable = "sse2"))]
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn scan_blocks_with_lanes(b: &[u8]) -> (u16, usize, &[u8]) {
    let (blocks, rest) = b.as_chunks::<16>();
    let Some(last) = blocks.last().map(|block| block[15]) else {
        return (0, 0, b);
    };
    let marks_of = |v: V| {
        // Each mark's bytes; asked one by one only when a block holds any of them.
        let pipe = eq(v, splat(b'|'));
        let tab = eq(v, splat(b'\t'));
        let emphasis = or(eq(v, splat(b'*')), eq(v, splat(b'_')));
        let backtick = eq(v, splat(b'`'));
        let bracket = or(
            or(eq(v, splat(b'(')), eq(v, splat(b')'))),
            eq(v, splat(b'"')),
        );
        let form_feed = eq(v, splat(0x0C));
        let c2 = eq(v, splat(0xC2));
        let e2 = eq(v, splat(0xE2));
        let hash = eq(v, splat(b'#'));
        let all = or(
            or(or(pipe, tab), or(emphasis, backtick)),
            or(or(bracket, form_feed), or(or(c2, e2), hash)),
        );
        if bits(all) == 0 {
            return 0;
        }
        [
            (pipe, LineMarks::PIPE),
            (tab, LineMarks::TAB),
            (emphasis, LineMarks::EMPHASIS),
            (backtick, LineMarks::BACKTICK),
            (bracket, LineMarks::BRACKET),
            (form_feed, LineMarks::FORM_FEED),
            (c2, LineMarks::LEAD_C2),
            (e2, LineMarks::LEAD_E2),
            (hash, LineMarks::HASH),
        ]
        .into_iter()
        .filter(|&(lanes, _)| bits(lanes) != 0)
        .fold(0, |m, (_, mark)| m | mark)
    };
    let (mut marks, mut space_before, mut punct_before) = (0u16, 0u32, 0u32);
    for block in blocks {
        let v = load(block);
        marks |= marks_of(v);
        let space = bits(eq(v, splat(b' ')));
        let punct = bits(or(
            or(eq(v, splat(b',')), eq(v, splat(b';'))),
            or(eq(v, splat(b':')), eq(v, splat(b'.'))),
        ));
        // A letter: any byte from 0x80 (its top bit), or an ASCII letter in either
        // case (as signed bytes, everything from 0x80 is below `a`).
        let lower = or(v, splat(0x20));
        let ascii_letter = and(gt(lower, splat(b'a' - 1)), lt(lower, splat(b'z' + 1)));
        let letter = bits(v) | bits(ascii_letter);
        // Bit i: byte i-1 is a space (a punctuation mark); the block before's last
        // byte comes in as bit 0.
        let after_space = space << 1 | space_before;
        let after_punct = punct << 1 | punct_before;
        if space & after_space != 0 {
            marks |= LineMarks::SPACES2;
        }
        if (punct & after_space) | (letter & after_punct) != 0 {
            marks |= LineMarks::PUNCT_SPACING;
        }
        (space_before, punct_before) = (space >> 15, punct >> 15);
    }
    (marks, usize::from(BYTE[usize::from(last)] >> 12), rest)
}
