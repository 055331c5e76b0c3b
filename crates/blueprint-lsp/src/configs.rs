//! `blueprint.toml` discovery for open documents: the nearest one walking up
//! from the document's folder, as `blueprint check` finds it. Parsed files are
//! cached and re-read when their size or modification time changes (and the
//! cache is dropped when the client reports a watched change), so edits to the
//! config apply without a restart. A config that does not parse is reported
//! as diagnostics on the config file; its documents fall back to the defaults.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use blueprint_analysis::config::FILE_NAME;
use blueprint_analysis::{Config, ConfigErrors};

#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    meta.is_file().then(|| Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

#[derive(Clone, Debug)]
pub enum Loaded {
    Valid(Config),
    /// The text as read (for positions) and what is wrong with it.
    Invalid {
        text: String,
        errors: ConfigErrors,
    },
    Unreadable(String),
}

#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    loaded: Loaded,
}

/// A config file read (or re-read) during a lookup, for the caller to
/// publish its diagnostics.
#[derive(Clone, Debug)]
pub struct Reloaded {
    pub path: PathBuf,
    pub loaded: Loaded,
}

#[derive(Debug, Default)]
pub struct ConfigStore {
    files: HashMap<PathBuf, Entry>,
}

impl ConfigStore {
    /// Forgets every parsed file (a watched config changed).
    pub fn invalidate(&mut self) {
        self.files.clear();
    }

    /// The config for a document at `path` (`None` for untitled documents),
    /// and the config files that were (re)read to find it.
    pub fn for_document(
        &mut self,
        path: Option<&Path>,
    ) -> (Config, Option<PathBuf>, Vec<Reloaded>) {
        let mut reloaded = Vec::new();
        let Some(path) = path else {
            return (Config::default(), None, reloaded);
        };
        let mut dir = path.parent();
        while let Some(current) = dir {
            let candidate = current.join(FILE_NAME);
            if let Some(stamp) = stamp(&candidate) {
                let config = self.load(&candidate, stamp, &mut reloaded);
                return (config, Some(candidate), reloaded);
            }
            // A config that disappeared: forget it, and report it as valid so
            // the caller clears its diagnostics.
            if self.files.remove(&candidate).is_some() {
                reloaded.push(Reloaded {
                    path: candidate,
                    loaded: Loaded::Valid(Config::default()),
                });
            }
            dir = current.parent();
        }
        (Config::default(), None, reloaded)
    }

    fn load(&mut self, path: &Path, stamp: Stamp, reloaded: &mut Vec<Reloaded>) -> Config {
        if let Some(entry) = self.files.get(path).filter(|e| e.stamp == stamp) {
            return config_of(&entry.loaded);
        }
        let loaded = match fs::read_to_string(path) {
            Ok(text) => match Config::parse(&path.display().to_string(), &text) {
                Ok(config) => Loaded::Valid(config),
                Err(errors) => {
                    tracing::warn!(path = %path.display(), "invalid configuration:\n{errors}");
                    Loaded::Invalid { text, errors }
                }
            },
            Err(error) => {
                tracing::warn!(path = %path.display(), "cannot read configuration: {error}");
                Loaded::Unreadable(format!("cannot read {}: {error}", path.display()))
            }
        };
        let config = config_of(&loaded);
        reloaded.push(Reloaded {
            path: path.to_path_buf(),
            loaded: loaded.clone(),
        });
        self.files
            .insert(path.to_path_buf(), Entry { stamp, loaded });
        config
    }
}

fn config_of(loaded: &Loaded) -> Config {
    match loaded {
        Loaded::Valid(config) => config.clone(),
        // The defaults, so the document still gets findings; the config file
        // itself shows what is wrong.
        Loaded::Invalid { .. } | Loaded::Unreadable(_) => Config::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "blueprint-lsp-configs-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("docs/deep")).unwrap();
        dir
    }

    #[test]
    fn finds_the_nearest_config_and_reloads_on_change() {
        let dir = temp_dir("reload");
        let config = dir.join(FILE_NAME);
        fs::write(&config, "select = [\"cap\"]\n").unwrap();
        let doc = dir.join("docs/deep/design.md");
        let mut store = ConfigStore::default();

        let (found, path, reloaded) = store.for_document(Some(&doc));
        assert_eq!(path.as_deref(), Some(config.as_path()));
        assert_eq!(reloaded.len(), 1);
        assert!(!found.rule_set().is_enabled("schema/float-for-money"));

        // Cached while unchanged.
        let (_, _, reloaded) = store.for_document(Some(&doc));
        assert!(reloaded.is_empty());

        // A different length is a change even within one mtime tick.
        fs::write(&config, "select = [\"cap\", \"schema\"]\n").unwrap();
        let (found, _, reloaded) = store.for_document(Some(&doc));
        assert_eq!(reloaded.len(), 1);
        assert!(found.rule_set().is_enabled("schema/float-for-money"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_config_falls_back_to_defaults_and_is_reported() {
        let dir = temp_dir("broken");
        fs::write(
            dir.join(FILE_NAME),
            "select = [\"cap\"]\nfail-on = \"sometimes\"\n",
        )
        .unwrap();
        let mut store = ConfigStore::default();
        let (found, _, reloaded) = store.for_document(Some(&dir.join("docs/a.md")));
        assert!(found.rule_set().is_enabled("schema/float-for-money"));
        match &reloaded[0].loaded {
            Loaded::Invalid { errors, .. } => {
                assert_eq!((errors.0[0].line, errors.0[0].column), (2, 11));
            }
            other => panic!("expected an invalid config, got {other:?}"),
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn untitled_documents_use_defaults() {
        let (config, path, reloaded) = ConfigStore::default().for_document(None);
        assert!(path.is_none() && reloaded.is_empty());
        assert!(config.rule_set().is_enabled("cap/ca-distributed-claim"));
    }
}
