//! A small, synchronous LSP client over the real `blueprint lsp` process:
//! Content-Length framing, request/response matching, buffered notifications,
//! and automatic answers to the server's own requests (`workspace/configuration`,
//! `client/registerCapability`, `window/showDocument`), which are recorded so
//! tests can assert on them. Shared by the protocol tests and the benchmark.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(60);

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads one framed message; `None` at end of stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sent invalid JSON"))
}

pub struct Client {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<Value>,
    /// Messages received but not consumed yet (notifications, server requests).
    buffer: VecDeque<Value>,
    next_id: i64,
    /// The answer to `workspace/configuration` (the `blueprint` section).
    pub settings: Arc<Mutex<Value>>,
    stderr: Arc<Mutex<String>>,
}

impl Client {
    /// Starts `blueprint lsp --stdio` with extra arguments.
    pub fn spawn(binary: &Path, extra: &[&str]) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            .arg("--stdio")
            .args(extra)
            .env("BLUEPRINT_LOG", "blueprint_lsp=debug,warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start blueprint lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let settings = Arc::new(Mutex::new(Value::Null));
        let (tx, incoming) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        {
            let stdin = stdin.clone();
            let settings = settings.clone();
            thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                while let Some(message) = read_message(&mut reader) {
                    // Answer the server's requests right away, like an editor.
                    if let (Some(id), Some(method)) =
                        (message.get("id"), message["method"].as_str())
                    {
                        let result = match method {
                            "workspace/configuration" => {
                                let count =
                                    message["params"]["items"].as_array().map_or(1, Vec::len);
                                let value = settings.lock().unwrap().clone();
                                Value::Array(vec![value; count])
                            }
                            "window/showDocument" => json!({ "success": true }),
                            _ => Value::Null,
                        };
                        let reply = json!({ "jsonrpc": "2.0", "id": id, "result": result });
                        let mut stdin = stdin.lock().unwrap();
                        let _ = stdin.write_all(&frame(&reply.to_string()));
                        let _ = stdin.flush();
                    }
                    if tx.send(message).is_err() {
                        break;
                    }
                }
            });
        }
        let stderr_text = Arc::new(Mutex::new(String::new()));
        {
            let sink = stderr_text.clone();
            let mut stderr = child.stderr.take().unwrap();
            thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    sink.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            });
        }
        Client {
            child,
            stdin,
            incoming,
            buffer: VecDeque::new(),
            next_id: 1,
            settings,
            stderr: stderr_text,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut stdin = self.stdin.lock().unwrap();
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(&frame(&message.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The response with this id: `Ok(result)` or `Err(error)`.
    pub fn response(&mut self, id: &Value) -> Result<Value, Value> {
        let message = self.wait_for(&format!("response {id}"), |m| {
            m.get("id") == Some(id) && m.get("method").is_none()
        });
        match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message["result"].clone()),
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.request_async(method, params);
        self.response(&json!(id))
    }

    fn pull(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits for (and consumes) the first message matching `predicate`.
    pub fn wait_for(&mut self, what: &str, predicate: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(TIMEOUT, &predicate).unwrap_or_else(|| {
            panic!(
                "timed out waiting for {what}; unconsumed: {:#?}\nserver log:\n{}",
                self.buffer,
                self.stderr()
            )
        })
    }

    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        predicate: &dyn Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.buffer.iter().position(predicate) {
            return self.buffer.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(message) = self.pull(deadline) {
            if predicate(&message) {
                return Some(message);
            }
            self.buffer.push_back(message);
        }
        None
    }

    /// Everything received within `wait` that matches, consumed.
    pub fn collect(&mut self, wait: Duration, predicate: impl Fn(&Value) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        while let Some(message) = self.pull(deadline) {
            self.buffer.push_back(message);
        }
        let (matching, rest): (Vec<Value>, Vec<Value>) =
            self.buffer.drain(..).partition(|m| predicate(m));
        self.buffer = rest.into();
        matching
    }

    pub fn initialize(&mut self, capabilities: Value, extra: Value) -> Value {
        let mut params = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": capabilities,
            "clientInfo": { "name": "blueprint-test-client" },
        });
        if let (Some(params), Some(extra)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                params.insert(k.clone(), v.clone());
            }
        }
        let result = self.request("initialize", params).expect("initialize");
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Waits for `publishDiagnostics` of `uri` at `version` (any version when
    /// `None`); returns the diagnostics.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} v{version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// `shutdown` then `exit`; the process's exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null), "shutdown result");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end (it must, after `exit`), keeping stdin open
    /// like editors do.
    pub fn wait(mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit; log:\n{}", self.stderr());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// UTF-16 length of a string, computed independently of the server.
pub fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// The (line, UTF-16 column) of the first occurrence of `needle` (after `after`).
pub fn utf16_position(text: &str, needle: &str, after: usize) -> (u32, u32) {
    let at = after + text[after..].find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    (line, utf16_len(&text[line_start..at]))
}

/// Applies LSP text edits (UTF-16 positions) to a text, as an editor would.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let line = pos["line"].as_u64().unwrap() as usize;
        let character = pos["character"].as_u64().unwrap() as usize;
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, ch) in text[start..].char_indices() {
            if units >= character || ch == '\n' {
                return start + i;
            }
            units += ch.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}
