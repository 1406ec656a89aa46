//! The data folder: created readable by its owner only (0700 on unix). A folder that already
//! exists is tightened only when it holds nothing but the app's own database files (a folder an
//! older version made); a folder the person chose with other things in it is left as it is.

use std::path::Path;

/// The files the app keeps in its folder.
const OURS: [&str; 4] = [
    "ofis.sqlite",
    "ofis.sqlite-wal",
    "ofis.sqlite-shm",
    "ofis.sqlite-journal",
];

/// Makes sure `dir` exists, private to its owner when the app made it.
pub(crate) fn prepare(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        if only_ours(dir)? {
            restrict(dir)?;
        }
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        // Made meanwhile by another start: the same folder.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

fn only_ours(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        if !OURS.iter().any(|ours| name == *ours) {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(unix)]
fn restrict(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn restrict(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
