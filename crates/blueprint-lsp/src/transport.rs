//! Framing around the protocol library.
//!
//! tower-lsp-server stops reading input at the first message it cannot
//! decode (its framed reader ends after a decode error), so one bad message
//! would end the session. Here the framing is read first: valid JSON-RPC
//! messages go to the library unchanged; anything else is answered with the
//! JSON-RPC error the spec asks for (`-32700` parse error, `-32600` invalid
//! request, `id: null`) and dropped. The library's output is re-framed into
//! the same writer, so error responses never interleave inside a message.

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{ErrorCode, Request, Response};

/// Bodies larger than this are skipped (with an error response) instead of
/// being buffered.
const MAX_BODY: usize = 256 * 1024 * 1024;

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_response(code: ErrorCode, message: impl Into<String>) -> Vec<u8> {
    let response = json!({
        "jsonrpc": "2.0",
        "error": { "code": code.code(), "message": message.into() },
        "id": null,
    });
    frame(response.to_string().as_bytes())
}

/// One message read from a stream.
enum Framed {
    Body(Vec<u8>),
    /// The header was unusable or the body too large; the error response.
    Bad(Vec<u8>),
}

/// Reads the next framed message; `None` at end of input.
async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> Option<Framed> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("invalid Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    Some(match length {
        Some(Ok(n)) if n <= MAX_BODY => {
            let mut body = vec![0; n];
            input.read_exact(&mut body).await.ok()?;
            Framed::Body(body)
        }
        Some(Ok(n)) => {
            let mut skip = input.take(n as u64);
            tokio::io::copy(&mut skip, &mut tokio::io::sink())
                .await
                .ok()?;
            Framed::Bad(error_response(
                ErrorCode::InvalidRequest,
                format!("message too large ({n} bytes)"),
            ))
        }
        Some(Err(message)) => Framed::Bad(error_response(ErrorCode::ParseError, message)),
        None => Framed::Bad(error_response(
            ErrorCode::ParseError,
            "missing Content-Length header",
        )),
    })
}

/// Whether a JSON value is a JSON-RPC 2.0 request, notification or
/// response (the library is laxer: it reads `{"id": 1}` as a request).
fn is_message(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    let id_ok = |id: Option<&Value>| {
        id.is_none_or(|id| id.is_string() || id.is_i64() || id.is_u64() || id.is_null())
    };
    match object.get("method") {
        Some(method) => method.is_string() && id_ok(object.get("id")),
        None => {
            object.contains_key("id")
                && id_ok(object.get("id"))
                && (object.contains_key("result") != object.contains_key("error"))
        }
    }
}

/// `None` when the library can take the body as it is, else the error
/// response to send instead.
pub fn check(body: &[u8]) -> Option<Vec<u8>> {
    let value = match serde_json::from_slice::<Value>(body) {
        Ok(value) => value,
        Err(error) => {
            tracing::warn!("malformed message (not JSON): {error}");
            return Some(error_response(
                ErrorCode::ParseError,
                format!("Parse error: {error}"),
            ));
        }
    };
    let decodable = || {
        serde_json::from_value::<Request>(value.clone()).is_ok()
            || serde_json::from_value::<Response>(value.clone()).is_ok()
    };
    if is_message(&value) && decodable() {
        return None;
    }
    tracing::warn!("malformed message (not a JSON-RPC 2.0 request, notification or response)");
    Some(error_response(
        ErrorCode::InvalidRequest,
        "Invalid request: not a JSON-RPC 2.0 request, notification or response",
    ))
}

/// Copies valid messages from `input` to `to_server`; sends error responses
/// for the others to `errors`. Returns at end of input.
pub async fn guard<I, O>(input: I, mut to_server: O, errors: mpsc::Sender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    while let Some(framed) = read_frame(&mut input).await {
        match framed {
            Framed::Body(body) => match check(&body) {
                None => {
                    let sent = to_server.write_all(&frame(&body)).await;
                    if sent.is_err() || to_server.flush().await.is_err() {
                        return;
                    }
                }
                Some(error) => {
                    let _ = errors.send(error).await;
                }
            },
            Framed::Bad(error) => {
                let _ = errors.send(error).await;
            }
        }
    }
}

/// Re-frames the library's output into whole messages.
pub async fn pump<I: AsyncRead + Unpin>(from_server: I, frames: mpsc::Sender<Vec<u8>>) {
    let mut input = BufReader::new(from_server);
    while let Some(framed) = read_frame(&mut input).await {
        let bytes = match framed {
            Framed::Body(body) => frame(&body),
            Framed::Bad(_) => continue,
        };
        if frames.send(bytes).await.is_err() {
            return;
        }
    }
}

/// Writes whole messages from the library and error responses to `output`,
/// until the library's output ends.
pub async fn write_out<O: AsyncWrite>(
    mut frames: mpsc::Receiver<Vec<u8>>,
    mut errors: mpsc::Receiver<Vec<u8>>,
    output: O,
) {
    tokio::pin!(output);
    loop {
        let bytes = tokio::select! {
            frame = frames.recv() => match frame {
                Some(frame) => frame,
                None => break,
            },
            Some(error) = errors.recv() => error,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(out: &[u8]) -> Vec<String> {
        String::from_utf8_lossy(out)
            .split("Content-Length: ")
            .skip(1)
            .map(|m| m.split_once("\r\n\r\n").unwrap().1.to_string())
            .collect()
    }

    #[tokio::test]
    async fn valid_messages_pass_and_bad_ones_get_error_responses() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = frame(good.as_bytes());
        input.extend(frame(b"{not json"));
        input.extend(frame(br#"{"jsonrpc":"2.0","id":7}"#));
        input.extend(frame(br#"[1, 2]"#));
        input.extend(frame(br#"{"jsonrpc":"1.0","method":"x"}"#));
        input.extend(b"X-Other: 1\r\n\r\n");
        input.extend(frame(good.as_bytes()));
        let (writer, mut reader) = tokio::io::duplex(1 << 16);
        let (tx, mut rx) = mpsc::channel(16);
        guard(&input[..], writer, tx).await;

        let mut passed = Vec::new();
        reader.read_to_end(&mut passed).await.unwrap();
        assert_eq!(bodies(&passed), [good, good]);

        let mut errors = Vec::new();
        while let Ok(error) = rx.try_recv() {
            errors.extend(bodies(&error));
        }
        let codes: Vec<i64> = errors
            .iter()
            .map(|e| {
                let v: Value = serde_json::from_str(e).unwrap();
                assert_eq!(v["id"], Value::Null);
                v["error"]["code"].as_i64().unwrap()
            })
            .collect();
        assert_eq!(codes, [-32700, -32600, -32600, -32600, -32700]);
    }
}
