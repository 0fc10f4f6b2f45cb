//! "Copy my data" and "Paste my data": a backup as a block of text that can
//! go through the clipboard (from a Safari tab to the Home Screen app, which
//! has storage of its own). The block is a short header — a marker, the
//! backup's length in bytes and a checksum — then the backup in base64, so a
//! paste that was cut short or changed on the way is noticed before the
//! backup is read. What it decodes to is only ever read as a backup file
//! ([`super::backup::import`]), never run.

use super::lock::{base64_decode, base64_encode};

const MARKER: &str = "STEADY-DATA";
const VERSION: &str = "1";
/// The explanation above the data, for a person who comes across the copied
/// text; it is written in the language in use and read by nobody else (the
/// marker line below it is what [`decode`] looks for).
fn first_line() -> &'static str {
    tr!("My Steady data. To bring it back: Steady › Settings › Paste my data.")
}

/// FNV-1a, 32 bits: enough to notice a changed or missing piece.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The text block for a backup's text.
pub fn encode(backup_text: &str) -> String {
    let bytes = backup_text.as_bytes();
    format!("{}\n{MARKER} {VERSION} {} {:08x}\n{}\n", first_line(), bytes.len(), checksum(bytes), base64_encode(bytes))
}

fn cut_short() -> String {
    tr!("The pasted text is cut short — part of it is missing. Go back to Steady in Safari, tap Copy my data again, and paste all of it.")
    .into()
}

fn damaged() -> String {
    tr!("The pasted text has been changed on the way, so Steady can't trust it. Go back to Steady in Safari, tap Copy my data again, and paste it without editing.")
    .into()
}

/// The backup text inside a pasted block (still to be checked as a backup
/// file). A backup file's own text, pasted as it is, is passed on too.
pub fn decode(pasted: &str) -> Result<String, String> {
    let pasted = pasted.trim();
    if pasted.is_empty() {
        return Err(tr!("Nothing is pasted yet. Tap in the box, paste, then check again.").into());
    }
    if pasted.starts_with('{') {
        return Ok(pasted.to_owned());
    }
    let Some(start) = pasted.find(MARKER) else {
        return Err(tr!("That doesn't look like data copied from Steady. Use Copy my data in Steady, then paste here.").into());
    };
    let (header, body) = pasted[start..].split_once('\n').unwrap_or((&pasted[start..], ""));
    let fields: Vec<&str> = header.split_whitespace().collect();
    let (length, sum) = match fields.as_slice() {
        [_, v, length, sum] if *v == VERSION => (length.parse::<usize>().ok(), u32::from_str_radix(sum, 16).ok()),
        [_, v, ..] if v.parse::<u32>().is_ok_and(|v| v > 1) => {
            return Err(tr!("That was copied from a newer version of Steady. Update this one (reload it while online), then paste again.").into());
        }
        _ => return Err(cut_short()),
    };
    let (Some(length), Some(sum)) = (length, sum) else { return Err(damaged()) };
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.len() < length.div_ceil(3) * 4 {
        return Err(cut_short());
    }
    let bytes = base64_decode(&body).ok_or_else(damaged)?;
    if bytes.len() != length || checksum(&bytes) != sum {
        return Err(damaged());
    }
    String::from_utf8(bytes).map_err(|_| damaged())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKUP: &str = r#"{"format":"steady-backup","version":1,"note":"Café ☕ — día 3"}"#;

    #[test]
    fn a_copied_block_pastes_back_exactly() {
        let block = encode(BACKUP);
        assert!(block.starts_with(first_line()));
        assert_eq!(decode(&block).as_deref(), Ok(BACKUP));
        // Pasted into a note first: wrapped lines, extra spaces, text around it.
        let wrapped: String = block.chars().enumerate().flat_map(|(i, c)| {
            let extra = (i % 40 == 39 && i > 120).then_some('\n');
            std::iter::once(c).chain(extra)
        }).collect();
        assert_eq!(decode(&format!("  \r\n{wrapped}\n\n  ")).as_deref(), Ok(BACKUP));
        let header_only = block.split_once('\n').unwrap().1;
        assert_eq!(decode(header_only).as_deref(), Ok(BACKUP), "the explanatory first line is optional");
    }

    #[test]
    fn a_block_cut_short_anywhere_is_refused_as_cut_short() {
        let block = encode(BACKUP);
        let marker_at = block.find(MARKER).unwrap();
        let body_at = block.rfind('\n').unwrap();
        for cut in (marker_at + 1)..body_at {
            if !block.is_char_boundary(cut) {
                continue;
            }
            let pasted = &block[..cut];
            assert!(decode(pasted).is_err(), "cut at {cut} was accepted");
            if cut > marker_at + MARKER.len() + 10 {
                assert_eq!(decode(pasted), Err(cut_short()), "cut at {cut}");
            }
        }
    }

    #[test]
    fn a_changed_block_is_refused() {
        let block = encode(BACKUP);
        let last_line_at = block.trim_end().rfind('\n').unwrap() + 1;
        let mut changed = block.clone().into_bytes();
        let i = last_line_at + 10;
        changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
        assert_eq!(decode(std::str::from_utf8(&changed).unwrap()), Err(damaged()));
        let wrong_length = block.replacen(&format!(" {} ", BACKUP.len()), &format!(" {} ", BACKUP.len() - 1), 1);
        assert_eq!(decode(&wrong_length), Err(damaged()));
        assert_eq!(decode(&format!("{block}QUJD")), Err(damaged()), "extra text after the end");
    }

    #[test]
    fn other_text_is_refused_and_a_backup_file_passes_through() {
        assert!(decode("   ").unwrap_err().contains("Nothing is pasted"));
        assert!(decode("hello there").unwrap_err().contains("doesn't look like"));
        assert!(decode("STEADY-DATA 7 10 00000000\nAAAA").unwrap_err().contains("newer version"));
        assert_eq!(decode(&format!("\n{BACKUP}\n")).as_deref(), Ok(BACKUP));
    }
}
