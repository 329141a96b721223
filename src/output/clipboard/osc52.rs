//! OSC 52: asking the terminal itself to set the clipboard, which works
//! over SSH and inside tmux. The terminal never says whether it did.

/// Base64 longer than this may be cut off or ignored by terminals (many
/// cap an OSC 52 payload near 100 KB).
pub const WARN_BASE64_BYTES: usize = 74_994;

/// The escape sequence that puts `text` on the clipboard:
/// `ESC ] 52 ; c ; <base64> BEL`. Inside tmux (`tmux` true) the sequence is
/// sent twice: as is, for tmux's own `set-clipboard on`, and wrapped for
/// passthrough to the outer terminal (`ESC P tmux; ESC ESC ] 52 ; c ; … BEL
/// ESC \`, for `allow-passthrough on`). Either setting then suffices.
pub fn sequence(text: &str, tmux: bool) -> String {
    let b64 = base64(text.as_bytes());
    let plain = format!("\x1b]52;c;{b64}\x07");
    if tmux {
        format!("{plain}\x1bPtmux;\x1b\x1b]52;c;{b64}\x07\x1b\\")
    } else {
        plain
    }
}

/// The base64 length of `n` bytes.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(base64_len(bytes.len()));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |shift: u32| char::from(ALPHABET[((n >> shift) & 63) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
            assert_eq!(base64_len(plain.len()), encoded.len());
        }
        assert_eq!(
            base64("Müller 株式会社".as_bytes()),
            "TcO8bGxlciDmoKrlvI/kvJrnpL4="
        );
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn sequences() {
        assert_eq!(sequence("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            sequence("hi", true),
            "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }
}
