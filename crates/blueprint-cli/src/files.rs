//! Which files to check, their configs, and reading them safely.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use blueprint_analysis::config::{self, Config};
use blueprint_analysis::{ConfigErrors, LineIndex};

pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd"];

/// A file to check: where it is, and how to name it in output.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// As given on the command line (relative stays relative).
    pub display: String,
    /// Read from standard input instead of `path`.
    pub stdin: bool,
}

/// Finds each folder's `blueprint.toml` by walking up, and caches it.
#[derive(Default)]
pub struct ConfigFinder {
    explicit: Option<(PathBuf, Config)>,
    by_dir: HashMap<PathBuf, Option<(PathBuf, Config)>>,
    pub errors: Vec<ConfigErrors>,
}

impl ConfigFinder {
    pub fn with_file(path: &Path) -> Result<ConfigFinder, String> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read config: {e}", path.display()))?;
        let config =
            Config::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(ConfigFinder {
            explicit: Some((dir, config)),
            ..ConfigFinder::default()
        })
    }

    /// The config for a file, with the folder it is relative to.
    pub fn for_file(&mut self, file: &Path) -> Option<(PathBuf, Config)> {
        if let Some(explicit) = &self.explicit {
            return Some(explicit.clone());
        }
        let absolute = std::path::absolute(file).ok()?;
        let dir = absolute.parent()?.to_path_buf();
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Option<(PathBuf, Config)> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(config::FILE_NAME);
        let found = if candidate.is_file() {
            match fs::read_to_string(&candidate) {
                Ok(text) => {
                    let name = relative_display(&candidate);
                    match Config::parse(&name, &text) {
                        Ok(config) => Some((dir.to_path_buf(), config)),
                        Err(errors) => {
                            self.errors.push(errors);
                            None
                        }
                    }
                }
                Err(_) => None,
            }
        } else {
            dir.parent().and_then(|parent| self.for_dir(parent))
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// A path relative to the current folder when it is under it.
fn relative_display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    shown.display().to_string()
}

/// Expands the command-line paths into Markdown files: files as given, folders
/// walked honouring `.gitignore`/`.ignore` and the configs' include/exclude.
pub fn collect(paths: &[PathBuf], configs: &mut ConfigFinder) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(format!("{}: no such file or folder", path.display()));
        }
        if path.is_file() {
            inputs.push(Input {
                path: path.clone(),
                display: display_path(path),
                stdin: false,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .hidden(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| e.to_string())?;
            let file = entry.path();
            let is_markdown = file
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_markdown {
                continue;
            }
            if let Some((root, config)) = configs.for_file(file) {
                let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
                let relative = absolute.strip_prefix(&root).unwrap_or(&absolute);
                let relative = relative.to_string_lossy().replace('\\', "/");
                if !config.includes(&relative) {
                    continue;
                }
            }
            inputs.push(Input {
                path: file.to_path_buf(),
                display: display_path(file),
                stdin: false,
            });
        }
    }
    Ok(inputs)
}

fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Why a file could not be checked, and where in it when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// 1-based line and column (Unicode scalars) of the problem.
    pub at: Option<(u32, u32)>,
    pub message: String,
}

impl FileError {
    fn new(message: impl Into<String>) -> Self {
        FileError {
            at: None,
            message: message.into(),
        }
    }

    /// `path:line:column: message`, or `path: message` without a position.
    pub fn located(&self, path: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{path}:{line}:{column}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

/// Reads a document; a clear message when it cannot be checked.
pub fn read(input: &Input) -> Result<String, FileError> {
    let mut bytes = Vec::new();
    let read = if input.stdin {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        fs::File::open(&input.path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    if let Err(error) = read {
        return Err(FileError::new(format!("cannot read: {error}")));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        let prefix = String::from_utf8_lossy(&bytes[..at]);
        let position = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
        return Err(FileError {
            at: Some((position.line, position.column)),
            message: "binary file (contains a NUL byte here), not checked".into(),
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let at = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
        FileError {
            at: Some((at.line, at.column)),
            message: format!("not valid UTF-8 (byte {valid}); save the file as UTF-8"),
        }
    })
}
