//! `blueprint lsp` driven by a real editor: headless Neovim runs
//! tests/nvim/lsp_test.lua through its built-in LSP client.
//!
//! Needs `nvim` (Debian: `apt-get install -y neovim`; `scripts/test-all.sh`
//! installs it). Without it the test fails and says how to install it.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn neovim_drives_the_language_server() {
    let available = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        available,
        "nvim is not installed: run scripts/install-test-deps.sh (apt-get install -y neovim)"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp_test.lua");
    let dir = std::env::temp_dir().join(format!("blueprint-nvim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("BLUEPRINT_BIN", env!("CARGO_BIN_EXE_blueprint"))
        .env("BLUEPRINT_NVIM_DIR", &dir)
        .env("BLUEPRINT_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let status =
        status.unwrap_or_else(|| panic!("nvim timed out\nstdout:\n{stdout}\nstderr:\n{stderr}"));
    assert!(
        status.success() && stdout.contains("nvim-lsp: all checks passed"),
        "nvim checks failed ({status})\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    eprintln!("{}", stdout.trim());
}
