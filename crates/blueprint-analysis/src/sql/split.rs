//! Splits a SQL script into statements at top-level semicolons, skipping
//! semicolons inside quotes, comments and PostgreSQL dollar-quoted bodies.

/// Byte range of one statement inside the script, trimmed, without its `;`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
}

pub fn statements(script: &str) -> Vec<Piece> {
    let bytes = script.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' | b'`' => i = skip_quoted(bytes, i),
            b'-' if bytes.get(i + 1) == Some(&b'-') => i = skip_until(bytes, i, b"\n"),
            b'#' if i == 0 || bytes[i - 1] == b'\n' => i = skip_until(bytes, i, b"\n"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_until(bytes, i + 2, b"*/"),
            b'$' => i = skip_dollar_quoted(script, i),
            b';' => {
                push(script, start, i, &mut pieces);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    push(script, start, bytes.len(), &mut pieces);
    pieces
}

fn push(script: &str, start: usize, end: usize, pieces: &mut Vec<Piece>) {
    let text = &script[start..end];
    // A piece of only comments and white space is no statement.
    let meaningful = text.lines().any(|line| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with("--")
    });
    if !meaningful {
        return;
    }
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    pieces.push(Piece {
        start: start + lead,
        end: start + lead + trimmed.len(),
    });
}

fn skip_quoted(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == b'\\' && quote != b'`' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2; // doubled quote inside the string
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn skip_until(bytes: &[u8], from: usize, end: &[u8]) -> usize {
    bytes[from..]
        .windows(end.len())
        .position(|w| w == end)
        .map_or(bytes.len(), |p| from + p + end.len())
}

/// `$$ ... $$` or `$tag$ ... $tag$`; a lone `$1` parameter is not a quote.
fn skip_dollar_quoted(script: &str, open: usize) -> usize {
    let rest = &script[open + 1..];
    let tag_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if !rest[tag_len..].starts_with('$')
        || rest[..tag_len].starts_with(|c: char| c.is_ascii_digit())
    {
        return open + 1;
    }
    let delimiter = &script[open..open + tag_len + 2];
    let body = open + delimiter.len();
    script[body..]
        .find(delimiter)
        .map_or(script.len(), |i| body + i + delimiter.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(script: &str) -> Vec<&str> {
        statements(script)
            .iter()
            .map(|p| &script[p.start..p.end])
            .collect()
    }

    #[test]
    fn splits_on_top_level_semicolons_only() {
        let script = "SELECT ';'; -- a; comment\nSELECT 2 /* ; */;\nCREATE FUNCTION f() AS $$ BEGIN; END $$;\n  ";
        assert_eq!(
            texts(script),
            vec![
                "SELECT ';'",
                "-- a; comment\nSELECT 2 /* ; */",
                "CREATE FUNCTION f() AS $$ BEGIN; END $$"
            ]
        );
    }

    #[test]
    fn comment_only_pieces_are_dropped() {
        assert_eq!(texts("-- just a note\n"), Vec::<&str>::new());
        assert_eq!(texts("SELECT 1;\n-- trailing\n"), vec!["SELECT 1"]);
    }
}
