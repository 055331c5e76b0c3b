//! Protocol-level tests of `blueprint lsp`: the real binary over stdio,
//! driven by a plain JSON-RPC client (tests/support/lsp_client.rs).

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::path::{Path, PathBuf};
use std::time::Duration;

use lsp_client::{Client, apply_edits, utf16_len, utf16_position};
use serde_json::{Value, json};

const CA: &str = "cap/ca-distributed-claim";
const FLOAT: &str = "schema/float-for-money";

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_blueprint"))
}

fn capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "textDocument": {
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true,
                                    "codeDescriptionSupport": true, "tagSupport": { "valueSet": [1, 2] } },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix"] } } },
            "hover": { "contentFormat": ["markdown", "plaintext"] }
        },
        "window": { "showDocument": { "support": true } },
        "workspace": { "configuration": true, "workspaceFolders": true,
                       "didChangeWatchedFiles": { "dynamicRegistration": true } }
    })
}

fn started() -> Client {
    let mut client = Client::spawn(binary(), &[]);
    client.initialize(capabilities(), json!({}));
    client
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// Waits for a publish of `uri` whose diagnostics satisfy `done` (earlier
/// publishes, e.g. from a previous change, are skipped); panics on timeout.
fn diagnostics_until(
    client: &mut Client,
    uri: &str,
    what: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let message = client.wait_for(what, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && done(m["params"]["diagnostics"].as_array().unwrap())
    });
    message["params"]["diagnostics"].as_array().unwrap().clone()
}

/// Consumes every publish for `uri` received so far, so later waits only see
/// new ones.
fn drain_publishes(client: &mut Client, uri: &str) {
    client.collect(Duration::ZERO, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
}

fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// A temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("blueprint-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir.canonicalize().unwrap())
    }

    fn uri(&self, relative: &str) -> String {
        format!("file://{}/{relative}", self.0.display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const EMOJI_CJK_LINE: &str =
    "😀 設計ノート: The payments cluster is replicated across three regions. It is a CA system.";

fn design(line: &str) -> String {
    format!("# Design: payments 🌍\n\n## Storage\n\n{line}\n")
}

#[test]
fn lifecycle_follows_the_spec() {
    let mut client = Client::spawn(binary(), &[]);
    // Before `initialize`, requests fail with ServerNotInitialized.
    let early = client.request(
        "textDocument/hover",
        json!({
        "textDocument": { "uri": "file:///x.md" }, "position": position(0, 0) }),
    );
    assert_eq!(early.unwrap_err()["code"], -32002);

    // No folder open: rootUri null, no workspaceFolders.
    let result = client.initialize(json!({}), json!({}));
    let caps = &result["capabilities"];
    assert_eq!(
        caps["positionEncoding"], "utf-16",
        "UTF-16 unless offered otherwise"
    );
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert!(
        caps["codeActionProvider"]["codeActionKinds"]
            .as_array()
            .unwrap()
            .contains(&json!("quickfix"))
    );
    assert!(caps["completionProvider"]["triggerCharacters"].is_array());
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["blueprint.explainRule"])
    );
    assert_eq!(result["serverInfo"]["name"], "blueprint");

    // A second initialize is an invalid request.
    let again = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(again.unwrap_err()["code"], -32600);

    let uri = "untitled:Untitled-1";
    client.open(uri, &design(EMOJI_CJK_LINE));
    let diagnostics = client.diagnostics(uri, Some(1));
    assert_eq!(
        with_code(&diagnostics, CA).len(),
        1,
        "untitled docs are analysed: {diagnostics:#?}"
    );

    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0), "exit after shutdown is 0");
}

#[test]
fn exit_without_shutdown_is_code_1_and_requests_after_shutdown_fail() {
    let mut client = started();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));

    let mut client = started();
    assert_eq!(client.request("shutdown", Value::Null), Ok(Value::Null));
    let after = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///x.md" } }),
    );
    assert_eq!(
        after.unwrap_err()["code"],
        -32600,
        "requests after shutdown are invalid"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(0));
}

#[test]
fn diagnostics_use_utf16_positions_after_emoji_and_cjk() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-utf16/design.md";
    let text = design(EMOJI_CJK_LINE);
    client.open(uri, &text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let ca = with_code(&diagnostics, CA);
    assert_eq!(ca.len(), 1, "{diagnostics:#?}");
    let d = ca[0];
    let (line, character) = utf16_position(&text, "CA system", 0);
    assert_eq!(d["range"]["start"], position(line, character));
    assert_eq!(d["range"]["end"], position(line, character + 2));
    // The emoji is 2 code units, the CJK characters 1 each; bytes would differ.
    assert_ne!(
        character as usize,
        text.lines()
            .nth(line as usize)
            .unwrap()
            .find("CA system")
            .unwrap()
    );
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "blueprint");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/16-reference/rules/cap-ca-distributed-claim.html"),
        "{d:#}"
    );
    let related = d["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related[0]["location"]["uri"], uri);
    assert!(
        related[0]["message"]
            .as_str()
            .unwrap()
            .contains("distributed")
    );
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let mut client = Client::spawn(binary(), &[]);
    let result = client.initialize(
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
        json!({}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/blueprint-lsp-utf8/design.md";
    let text = design(EMOJI_CJK_LINE);
    client.open(uri, &text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let d = with_code(&diagnostics, CA)[0];
    let line = text.lines().position(|l| l.contains("CA system")).unwrap();
    let byte_column = text.lines().nth(line).unwrap().find("CA system").unwrap();
    assert_eq!(
        d["range"]["start"],
        position(line as u32, byte_column as u32)
    );
}

#[test]
fn incremental_edits_update_diagnostics_per_version() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-incremental/design.md";
    let text = design("😀 設計: The payments cluster is replicated across three regions.");
    client.open(uri, &text);
    assert!(with_code(&client.diagnostics(uri, Some(1)), CA).is_empty());

    // Append " It is a CA system." at the end of the emoji line (UTF-16 column).
    let line_text = "😀 設計: The payments cluster is replicated across three regions.";
    let end = utf16_len(line_text);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": position(4, end), "end": position(4, end) },
                                 "text": " It is a CA system." }]
        }),
    );
    let diagnostics = client.diagnostics(uri, Some(2));
    let ca = with_code(&diagnostics, CA);
    assert_eq!(ca.len(), 1, "{diagnostics:#?}");
    assert_eq!(ca[0]["range"]["start"], position(4, end + 9));

    // Replace `CA` by `CP`: the finding goes away.
    client.notify("textDocument/didChange", json!({
        "textDocument": { "uri": uri, "version": 3 },
        "contentChanges": [{ "range": { "start": position(4, end + 9), "end": position(4, end + 11) },
                             "text": "CP" }]
    }));
    assert!(with_code(&client.diagnostics(uri, Some(3)), CA).is_empty());

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
}

#[test]
fn hover_on_a_finding_explains_the_rule() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-hover/design.md";
    let text = design(EMOJI_CJK_LINE);
    client.open(uri, &text);
    client.diagnostics(uri, Some(1));
    let (line, character) = utf16_position(&text, "CA system", 0);
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position(line, character + 1) }),
        )
        .unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains(CA), "{markdown}");
    assert!(markdown.contains("Rule reference"), "{markdown}");
    assert_eq!(hover["range"]["start"], position(line, character));

    // Nothing under the cursor: null.
    let nothing = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position(3, 0) }),
        )
        .unwrap();
    assert_eq!(nothing, Value::Null);
    // A document that is not open: null, not an error.
    let closed = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///nope.md" }, "position": position(0, 0) }),
        )
        .unwrap();
    assert_eq!(closed, Value::Null);
}

#[test]
fn code_actions_suppress_and_explain() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-actions/design.md";
    let mut text = design(EMOJI_CJK_LINE);
    client.open(uri, &text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let ca = with_code(&diagnostics, CA)[0].clone();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
            "textDocument": { "uri": uri }, "range": ca["range"],
            "context": { "diagnostics": [ca], "only": ["quickfix"] } }),
        )
        .unwrap();
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Disable `cap/ca-distributed-claim` for this file"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Explain `cap/ca-distributed-claim`"),
        "{titles:?}"
    );
    let line_action = actions
        .iter()
        .find(|a| a["title"] == "Disable `cap/ca-distributed-claim` for this line")
        .expect("disable for this line");
    assert_eq!(line_action["kind"], "quickfix");
    assert_eq!(line_action["diagnostics"][0]["code"], CA);

    // Apply the edit as an editor would: edit the buffer, send the change.
    let edits = line_action["edit"]["changes"][uri]
        .as_array()
        .unwrap()
        .clone();
    text = apply_edits(&text, &edits);
    assert!(
        text.contains("<!-- blueprint-disable-next-line cap/ca-distributed-claim -->\n😀"),
        "{text}"
    );
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    client.notify(
        "textDocument/didChange",
        json!({
        "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
    );
    let after = client.diagnostics(uri, Some(2));
    assert!(with_code(&after, CA).is_empty(), "{after:#?}");
    assert!(
        with_code(&after, "meta/unused-suppression").is_empty(),
        "the suppression is used: {after:#?}"
    );

    // "Explain" runs a command that opens the rule page.
    let explain = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "blueprint.explainRule", "arguments": [CA] }),
        )
        .unwrap();
    let url = explain["url"].as_str().unwrap().to_string();
    assert!(url.ends_with("cap-ca-distributed-claim.html"));
    assert!(
        explain["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?")
    );
    let show = client.wait_for("window/showDocument", |m| {
        m["method"] == "window/showDocument"
    });
    assert_eq!(show["params"]["uri"], url.as_str());
    assert_eq!(show["params"]["external"], true);

    let unknown = client.request(
        "workspace/executeCommand",
        json!({ "command": "blueprint.explainRule", "arguments": ["cap/ca-distributed"] }),
    );
    let error = unknown.unwrap_err();
    assert_eq!(error["code"], -32602);
    assert!(error["message"].as_str().unwrap().contains("did you mean"));
}

#[test]
fn unused_suppressions_are_faded_and_removable() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-unused/design.md";
    let text = "# Design: orders\n\n<!-- blueprint-disable-next-line cap/all-three-claim -->\nOrders are stored in one table.\n";
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let unused = with_code(&diagnostics, "meta/unused-suppression");
    assert_eq!(unused.len(), 1, "{diagnostics:#?}");
    assert_eq!(unused[0]["tags"], json!([1]), "tagged Unnecessary");
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
            "textDocument": { "uri": uri }, "range": unused[0]["range"],
            "context": { "diagnostics": [unused[0]] } }),
        )
        .unwrap();
    let remove = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Remove the unused suppression")
        .expect("remove action");
    let fixed = apply_edits(text, remove["edit"]["changes"][uri].as_array().unwrap());
    assert_eq!(
        fixed,
        "# Design: orders\n\nOrders are stored in one table.\n"
    );
}

#[test]
fn malformed_messages_get_errors_and_the_server_keeps_serving() {
    let mut client = started();
    // Not JSON at all.
    client.send_raw(&lsp_client::frame("{this is not json"));
    let parse_error = client.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    // JSON, but not a JSON-RPC message.
    client.send_raw(&lsp_client::frame(r#"{"jsonrpc":"2.0","id":77}"#));
    let invalid = client.wait_for("invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(invalid["id"], Value::Null);
    // Wrong parameter types for a known method.
    let bad_params = client.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(bad_params.unwrap_err()["code"], -32602);

    // Still serving.
    let uri = "file:///tmp/blueprint-lsp-malformed/design.md";
    client.open(uri, &design(EMOJI_CJK_LINE));
    assert_eq!(with_code(&client.diagnostics(uri, Some(1)), CA).len(), 1);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn unknown_methods_are_rejected_and_unknown_notifications_ignored() {
    let mut client = started();
    let error = client
        .request("blueprint/doesNotExist", json!({}))
        .unwrap_err();
    assert_eq!(error["code"], -32601);
    client.notify("$/somethingOptional", json!({}));
    client.notify("custom/notification", json!({}));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///none.md" } }),
    );
    assert_eq!(symbols, Ok(Value::Null));
}

#[test]
fn cancelled_requests_are_answered_and_serving_goes_on() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-cancel/design.md";
    let text = big_document(5_000);
    client.open(uri, &text);
    client.diagnostics(uri, Some(1));
    // Change the text so the hover must analyse again, then cancel it at once.
    client.notify("textDocument/didChange", json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": position(0, 0), "end": position(0, 0) }, "text": "x" }] }));
    let id = client.request_async(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(10, 3) }),
    );
    client.notify("$/cancelRequest", json!({ "id": id }));
    // Either it finished first or it was cancelled (-32800); it is answered.
    match client.response(&json!(id)) {
        Ok(_) => {}
        Err(error) => assert_eq!(error["code"], -32800, "{error}"),
    }
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .unwrap();
    assert!(!symbols.as_array().unwrap().is_empty());
}

/// A long design doc: many sections of plain prose, a SQL schema, and one
/// CA claim near the end.
fn big_document(lines: usize) -> String {
    let mut text = String::from("# Design: ledger 📒\n\n");
    let mut n = 2;
    let mut section = 0;
    while n < lines - 12 {
        section += 1;
        text.push_str(&format!("## Part {section}\n\n"));
        n += 2;
        for i in 0..8 {
            text.push_str(&format!(
                "Entry {section}.{i}: the ledger service writes batch {i} to the primary store and acknowledges after commit.\n"
            ));
            n += 1;
        }
        text.push('\n');
        n += 1;
    }
    text.push_str("## Storage\n\n```sql\nCREATE TABLE entries (\n  id BIGINT PRIMARY KEY,\n  amount DOUBLE PRECISION\n);\n```\n\n");
    text.push_str("😀 The ledger is replicated across three regions. It is a CA system.\n");
    text
}

#[test]
fn a_5000_line_document() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-big/design.md";
    let text = big_document(5_000);
    assert!(text.lines().count() >= 4_990, "{}", text.lines().count());
    client.open(uri, &text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let ca = with_code(&diagnostics, CA);
    assert_eq!(ca.len(), 1, "{diagnostics:#?}");
    let (line, character) = utf16_position(&text, "CA system", 0);
    assert_eq!(ca[0]["range"]["start"], position(line, character));
    let float = with_code(&diagnostics, FLOAT);
    assert_eq!(float.len(), 1, "{diagnostics:#?}");
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .unwrap();
    let top = symbols.as_array().unwrap();
    assert_eq!(top.len(), 1);
    assert!(top[0]["children"].as_array().unwrap().len() > 400);
}

#[test]
fn a_thousand_rapid_edits_end_in_the_fresh_analysis() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-rapid/design.md";
    let mut text = design("Intro.");
    client.open(uri, &text);
    client.diagnostics(uri, Some(1));

    // Type sentences one character at a time at the end of line 4, with
    // occasional deletions, 1,000 edits in all.
    let script = " 😀 The cluster is replicated across three regions. It is a CA system. Totals use float columns for money. 設計 ";
    let chars: Vec<char> = script.chars().collect();
    let mut line4 = text.lines().nth(4).unwrap().to_string();
    let mut version = 1;
    let mut typed = 0usize;
    for i in 0..1_000 {
        version += 1;
        let end = utf16_len(&line4);
        let change = if i % 7 == 6 && !line4.is_empty() {
            // Delete the last character; it is typed again next.
            let last = line4.pop().unwrap();
            typed -= 1;
            json!({ "range": { "start": position(4, end - last.len_utf16() as u32), "end": position(4, end) }, "text": "" })
        } else {
            let ch = chars[typed % chars.len()];
            typed += 1;
            line4.push(ch);
            json!({ "range": { "start": position(4, end), "end": position(4, end) }, "text": ch.to_string() })
        };
        client.notify(
            "textDocument/didChange",
            json!({
            "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        );
    }
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[4] = line4;
    text = lines.join("\n") + "\n";

    // Every publish for this document, in arrival order, up to the final version.
    let mut published = Vec::new();
    let final_diagnostics = loop {
        let message = client.wait_for("diagnostics of the rapid edits", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let v = message["params"]["version"].as_i64().unwrap();
        published.push(v);
        if v == version {
            break message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap();
        }
    };
    // Versions only increase (stale results were dropped), and nothing
    // arrives after the final version.
    assert!(published.windows(2).all(|w| w[0] < w[1]), "{published:?}");
    let late = client.collect(Duration::from_millis(800), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert!(
        late.is_empty(),
        "diagnostics after the final version: {late:#?}"
    );

    // The same text analysed fresh gives the same diagnostics.
    let fresh_uri = "file:///tmp/blueprint-lsp-rapid/fresh.md";
    client.open(fresh_uri, &text);
    let mut fresh = client.diagnostics(fresh_uri, Some(1));
    for d in &mut fresh {
        // `get_mut`, not indexing: indexing would insert a null field.
        let related = d
            .get_mut("relatedInformation")
            .and_then(Value::as_array_mut);
        for related in related.into_iter().flatten() {
            related["location"]["uri"] = json!(uri);
        }
    }
    assert_eq!(final_diagnostics, fresh);
    assert!(
        !with_code(&fresh, CA).is_empty(),
        "the typed text has a CA claim: {text}"
    );
}

#[test]
fn document_symbols_and_completion() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-symbols/design.md";
    let text = "# Orders\n\n## Data model\n\n| Entity | Key |\n|---|---|\n| order | id |\n\n```sql\nCREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  total DOUBLE PRECISION\n);\n```\n\n<!-- blueprint-disable-next-line cap/ca, sch\n";
    client.open(uri, text);
    client.diagnostics(uri, Some(1));
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .unwrap();
    assert_eq!(symbols[0]["name"], "Orders");
    let data = &symbols[0]["children"][0];
    assert_eq!(data["name"], "Data model");
    let names: Vec<&str> = data["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["table: Entity | Key", "orders"]);
    assert_eq!(data["children"][1]["children"][1]["name"], "total");

    // Completion after `sch` in the suppression comment.
    let line = text.lines().count() as u32 - 1;
    let last = text.lines().last().unwrap();
    let items = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": position(line, utf16_len(last)) }),
        )
        .unwrap();
    let items = items.as_array().unwrap();
    let float = items
        .iter()
        .find(|i| i["label"] == FLOAT)
        .expect("schema rule offered");
    assert_eq!(
        float["textEdit"]["range"]["start"],
        position(line, utf16_len(last) - 3)
    );
    assert!(items.iter().any(|i| i["label"] == "schema"));
    // Outside a comment: nothing.
    let none = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": position(0, 3) }),
        )
        .unwrap();
    assert_eq!(none, Value::Null);
}

#[test]
fn config_files_and_settings_choose_rules() {
    let dir = TempDir::new("config");
    let a = dir.0.join("a");
    let b = dir.0.join("b");
    std::fs::create_dir_all(a.join("docs")).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("blueprint.toml"), "select = [\"schema\"]\n").unwrap();
    std::fs::write(b.join("blueprint.toml"), "[severity]\ncap = \"info\"\n").unwrap();
    let doc = format!(
        "{}\n```sql\nCREATE TABLE t (\n  id BIGINT PRIMARY KEY,\n  price FLOAT\n);\n```\n",
        design(EMOJI_CJK_LINE)
    );

    let mut client = Client::spawn(binary(), &[]);
    // Multi-root: two folders with different configs.
    client.initialize(
        capabilities(),
        json!({ "workspaceFolders": [
        { "uri": dir.uri("a"), "name": "a" }, { "uri": dir.uri("b"), "name": "b" } ] }),
    );
    let uri_a = dir.uri("a/docs/design.md");
    let uri_b = dir.uri("b/design.md");
    client.open(&uri_a, &doc);
    let in_a = client.diagnostics(&uri_a, Some(1));
    assert!(
        with_code(&in_a, CA).is_empty(),
        "a selects only schema: {in_a:#?}"
    );
    assert_eq!(with_code(&in_a, FLOAT).len(), 1);
    client.open(&uri_b, &doc);
    let in_b = client.diagnostics(&uri_b, Some(1));
    assert_eq!(
        with_code(&in_b, CA)[0]["severity"],
        3,
        "b makes cap info: {in_b:#?}"
    );

    // The server watches blueprint.toml.
    let registration = client.wait_for("watch registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );

    // A broken config: diagnostics on the config file at its line:column; the
    // document falls back to the defaults.
    let config_uri = dir.uri("a/blueprint.toml");
    std::fs::write(
        a.join("blueprint.toml"),
        "# 😀 settings\nselct = [\"schema\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let config_diagnostics = client.wait_for("config diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && !m["params"]["diagnostics"].as_array().unwrap().is_empty()
    });
    let error = &config_diagnostics["params"]["diagnostics"][0];
    assert_eq!(error["range"]["start"], position(1, 0));
    assert_eq!(error["range"]["end"], position(1, 5));
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `select`"),
        "{error:#}"
    );
    diagnostics_until(
        &mut client,
        &uri_a,
        "defaults while the config is broken",
        |d| with_code(d, CA).len() == 1,
    );

    // Fixed again: config diagnostics cleared, config applies.
    drain_publishes(&mut client, &config_uri);
    std::fs::write(a.join("blueprint.toml"), "select = [\"schema\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    client.wait_for("config diagnostics cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    diagnostics_until(&mut client, &uri_a, "the fixed config applied", |d| {
        with_code(d, CA).is_empty() && with_code(d, FLOAT).len() == 1
    });

    // Editor settings: pushed, then pulled through workspace/configuration.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "blueprint": { "ignore": ["schema"] } } }),
    );
    let ignored = diagnostics_until(&mut client, &uri_b, "pushed settings", |d| {
        with_code(d, FLOAT).is_empty()
    });
    assert_eq!(with_code(&ignored, CA).len(), 1);
    *client.settings.lock().unwrap() = json!({ "severity": { CA: "warning" } });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    let pulled = diagnostics_until(&mut client, &uri_b, "pulled settings", |d| {
        with_code(d, CA)
            .first()
            .is_some_and(|ca| ca["severity"] == 2)
    });
    assert_eq!(
        with_code(&pulled, FLOAT).len(),
        1,
        "the pulled settings replaced the pushed ones"
    );

    // Bad settings are shown to the user, not fatal.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "blueprint": { "select": ["capp"] } } }),
    );
    let message = client.wait_for("settings warning", |m| m["method"] == "window/showMessage");
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `cap`"),
        "{message:#}"
    );

    // A broken config that is deleted takes its diagnostics with it.
    let config_b = dir.uri("b/blueprint.toml");
    std::fs::write(b.join("blueprint.toml"), "fail-on = 3\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_b, "type": 2 }] }),
    );
    client.wait_for("config b diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_b.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    });
    drain_publishes(&mut client, &config_b);
    std::fs::remove_file(b.join("blueprint.toml")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_b, "type": 3 }] }),
    );
    client.wait_for("config b diagnostics cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_b.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn logs_go_to_the_log_file_not_stdout() {
    let dir = TempDir::new("log");
    let log = dir.0.join("server.log");
    let mut client = Client::spawn(binary(), &["--log-file", log.to_str().unwrap()]);
    client.initialize(capabilities(), json!({}));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(written.contains("initialize"), "{written}");
}

/// Hovers from the database, SQL, shard-key, estimate and glossary providers.
#[test]
fn domain_hovers() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-domain/design.md";
    let text = "# Design: orders 🌍\n\n## Storage\n\n😀 We store orders in PostgreSQL and shard them by user_id using consistent hashing.\n\nWe expect 10 million orders per day.\n\n```sql\nCREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  user_id BIGINT NOT NULL\n);\n\nSELECT * FROM orders WHERE user_id = 42;\n```\n";
    client.open(uri, text);
    client.diagnostics(uri, Some(1));
    let mut hover = |needle: &str, after: usize| -> String {
        let (line, character) = utf16_position(text, needle, after);
        let result = client
            .request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": position(line, character + 1) }))
            .unwrap();
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let prose = text.find("We store").unwrap();
    let database = hover("PostgreSQL", prose);
    assert!(
        database.contains("PostgreSQL"),
        "database hover: {database}"
    );
    let shard_key = hover("user_id", prose);
    assert!(
        shard_key.contains("user_id"),
        "shard key hover: {shard_key}"
    );
    let term = hover("consistent hashing", prose);
    assert!(
        term.to_lowercase().contains("consistent hashing"),
        "term hover: {term}"
    );
    let estimate = hover("10 million", 0);
    assert!(
        estimate.contains("day") || estimate.contains("/s"),
        "estimate hover: {estimate}"
    );
    let sql = hover("SELECT", 0);
    assert!(sql.to_lowercase().contains("index"), "SQL hover: {sql}");
    // The content, not just any answer: each provider's own judgement.
    assert!(
        database.contains("(relational; consistency: strong"),
        "{database}"
    );
    assert!(
        database.contains("chosen at line 5, in *Storage*"),
        "{database}"
    );
    assert!(shard_key.contains("Cardinality: high"), "{shard_key}");
    assert!(term.starts_with("**Consistent Hashing**"), "{term}");
    assert!(estimate.contains("| 116 |"), "10M/day is 116/s: {estimate}");
    assert!(
        sql.contains("CREATE INDEX orders_user_id_idx ON orders (user_id);"),
        "{sql}"
    );
}

#[test]
fn an_open_config_file_is_checked_as_it_is_typed() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-open-config/blueprint.toml";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1,
                                  "text": "select = [\"cap\"]\n[severity]\n\"cap/ca-distributed-claimz\" = \"warning\"\n" } }),
    );
    let diagnostics = client.diagnostics(uri, None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"], position(2, 0));
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `cap/ca-distributed-claim`")
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": position(2, 25), "end": position(2, 26) }, "text": "" }] }),
    );
    assert_eq!(client.diagnostics(uri, None), Vec::<Value>::new());
}

#[test]
fn malformed_callouts_are_diagnostics_at_the_offending_value() {
    let mut client = started();
    let uri = "file:///tmp/blueprint-lsp-callout/chapter.md";
    // 😀 before the fence: UTF-16 columns are counted on the wire.
    let text = "# Chapter 😀\n\n```quiz\n[[question]]\nprompt = \"Which?\"\nchoices = [\"a\", \"b\"]\ncorrect = [4]\nexplain = \"b\"\n```\n";
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri, Some(1));
    let callout = with_code(&diagnostics, "callout");
    assert_eq!(callout.len(), 1, "{diagnostics:#?}");
    assert_eq!(callout[0]["severity"], 1);
    assert_eq!(callout[0]["range"]["start"]["line"], 6, "{:#?}", callout[0]);
    assert!(
        callout[0]["message"].as_str().unwrap().contains('4'),
        "{:#?}",
        callout[0]
    );
}
