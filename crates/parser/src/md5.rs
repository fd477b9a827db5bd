//! MD5 (RFC 1321) over `osip_MD5_CTX`, as `osip_MD5Init`, `osip_MD5Update`
//! and `osip_MD5Final` compute it: the context is the C struct itself
//! (`state`, the bit count in two 32-bit words, the pending bytes), so an
//! application may copy it mid-way as with Debian's.

use osip_parser_abi::osip_MD5_CTX;

const S: [[u32; 4]; 4] = [
    [7, 12, 17, 22],
    [5, 9, 14, 20],
    [4, 11, 16, 23],
    [6, 10, 15, 21],
];

/// `floor(abs(sin(i + 1)) * 2^32)`, the RFC's table T.
const K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// `osip_MD5Init`: the initial state, no bytes counted.
pub fn init(ctx: &mut osip_MD5_CTX) {
    ctx.state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    ctx.count = [0, 0];
}

fn transform(state: &mut [u32; 4], block: &[u8]) {
    let mut x = [0u32; 16];
    for (w, b) in x.iter_mut().zip(block.chunks_exact(4)) {
        *w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    }
    let [mut a, mut b, mut c, mut d] = *state;
    for i in 0..64 {
        let (f, g) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((b & d) | (c & !d), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let t = a
            .wrapping_add(f)
            .wrapping_add(K[i])
            .wrapping_add(x[g])
            .rotate_left(S[i / 16][i % 4])
            .wrapping_add(b);
        a = d;
        d = c;
        c = b;
        b = t;
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d]) {
        *s = s.wrapping_add(v);
    }
}

/// `osip_MD5Update(ctx, input, len)`: hashes `input` on.
pub fn update(ctx: &mut osip_MD5_CTX, mut input: &[u8]) {
    let index = ((ctx.count[0] >> 3) & 0x3f) as usize;
    let bits = (input.len() as u32).wrapping_shl(3);
    ctx.count[0] = ctx.count[0].wrapping_add(bits);
    if ctx.count[0] < bits {
        ctx.count[1] = ctx.count[1].wrapping_add(1);
    }
    ctx.count[1] = ctx.count[1].wrapping_add((input.len() as u32) >> 29);
    let room = 64 - index;
    if input.len() < room {
        ctx.buffer[index..index + input.len()].copy_from_slice(input);
        return;
    }
    ctx.buffer[index..].copy_from_slice(&input[..room]);
    let block = ctx.buffer;
    transform(&mut ctx.state, &block);
    input = &input[room..];
    let mut blocks = input.chunks_exact(64);
    for block in &mut blocks {
        transform(&mut ctx.state, block);
    }
    let rest = blocks.remainder();
    ctx.buffer[..rest.len()].copy_from_slice(rest);
}

/// `osip_MD5Final(digest, ctx)`: pads, gives the 16-byte digest and zeroes
/// the context (as the RFC's code, and Debian's, do).
pub fn finish(ctx: &mut osip_MD5_CTX) -> [u8; 16] {
    let mut bits = [0u8; 8];
    bits[..4].copy_from_slice(&ctx.count[0].to_le_bytes());
    bits[4..].copy_from_slice(&ctx.count[1].to_le_bytes());
    let index = ((ctx.count[0] >> 3) & 0x3f) as usize;
    let pad_len = if index < 56 { 56 - index } else { 120 - index };
    let mut padding = [0u8; 64];
    padding[0] = 0x80;
    update(ctx, &padding[..pad_len]);
    update(ctx, &bits);
    let mut digest = [0u8; 16];
    for (d, s) in digest.chunks_exact_mut(4).zip(ctx.state) {
        d.copy_from_slice(&s.to_le_bytes());
    }
    ctx.state = [0; 4];
    ctx.count = [0; 2];
    ctx.buffer = [0; 64];
    digest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md5_hex(data: &[u8], step: usize) -> String {
        let mut ctx = osip_MD5_CTX {
            state: [0; 4],
            count: [0; 2],
            buffer: [0; 64],
        };
        init(&mut ctx);
        for chunk in data.chunks(step.max(1)) {
            update(&mut ctx, chunk);
        }
        finish(&mut ctx)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn rfc1321_test_suite() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "d41d8cd98f00b204e9800998ecf8427e"),
            (b"a", "0cc175b9c0f1b6a831c399e269772661"),
            (b"abc", "900150983cd24fb0d6963f7d28e17f72"),
            (b"message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            (
                b"abcdefghijklmnopqrstuvwxyz",
                "c3fcd3d76192e4007dfb496cca67e13b",
            ),
            (
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f",
            ),
            (
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ];
        for (data, hex) in cases {
            for step in [1, 3, 63, 64, 65, 1000] {
                assert_eq!(md5_hex(data, step), hex, "{data:?} step {step}");
            }
        }
    }
}
