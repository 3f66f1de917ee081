//! Reading from the file system: a file, or a directory walked recursively in sorted order so a
//! batch is read the same way on every machine.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::sources::read_bytes;
use crate::ReadOutcome;

/// See [`crate::read_path`].
pub fn read_path(path: &Path) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let mut seen_dirs = HashSet::new();
    visit(path, &mut outcome, &mut seen_dirs);
    outcome
}

fn visit(path: &Path, outcome: &mut ReadOutcome, seen_dirs: &mut HashSet<PathBuf>) {
    let source = path.display().to_string();
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(err) => return outcome.rejections.push(Error::from(err).into_rejection(source)),
    };
    if !metadata.is_dir() {
        return read_file(path, &source, outcome);
    }
    // A symlink back up the tree would otherwise be walked forever.
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen_dirs.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) => return outcome.rejections.push(Error::from(err).into_rejection(source)),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(err) => outcome.rejections.push(Error::from(err).into_rejection(source.clone())),
        }
    }
    children.sort();
    for child in children {
        // Hidden files and folders (.git, .DS_Store, editor swap files) are not articles.
        let hidden = child.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            visit(&child, outcome, seen_dirs);
        }
    }
}

fn read_file(path: &Path, source: &str, outcome: &mut ReadOutcome) {
    match fs::read(path) {
        Ok(bytes) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| source.to_string());
            outcome.extend(read_bytes(&name, source, &bytes));
        }
        Err(err) => outcome.rejections.push(Error::from(err).into_rejection(source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_one_rejection() {
        let out = read_path(Path::new("/nonexistent/wiretrace/ingest/corpus"));
        assert!(out.articles.is_empty());
        assert_eq!(out.rejections.len(), 1);
        assert_eq!(out.rejections[0].reason, "no such file or directory");
        assert_eq!(out.rejections[0].source, "/nonexistent/wiretrace/ingest/corpus");
    }
}
