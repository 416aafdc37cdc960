//! This installation's session identity: the secret key of its endpoint, kept in the data folder
//! as `session.key` (32 bytes, readable by the owner only) so that a shopper recognises a stylist
//! who paired before, and a stylist reaches the same shopper. Not in the store's backups: a
//! restored backup on another machine is another machine. A damaged file is moved aside (named)
//! and a new identity made: stylists then pair again with a code.

use std::path::{Path, PathBuf};

/// The identity file's name in the data folder.
pub const FILE: &str = "session.key";

/// The identity kept in `dir`, made at first use; the second value names a damaged file moved
/// aside, if one was.
pub fn load_or_create(dir: &Path) -> Result<([u8; 32], Option<PathBuf>), String> {
    let path = dir.join(FILE);
    let mut moved = None;
    match std::fs::read(&path) {
        Ok(bytes) => match <[u8; 32]>::try_from(bytes.as_slice()) {
            Ok(key) => return Ok((key, None)),
            Err(_) => {
                let aside = dir.join(format!("{FILE}.damaged"));
                std::fs::rename(&path, &aside).map_err(|e| {
                    format!(
                        "the session identity {} is damaged and could not be moved aside: {e}",
                        path.display()
                    )
                })?;
                moved = Some(aside);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(format!(
                "the session identity {} cannot be read: {e}",
                path.display()
            ));
        }
    }
    let key = super::link::new_secret();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::atomic_write::write_atomically(&path, &key).map_err(|e| {
        format!(
            "the session identity {} cannot be written: {e}",
            path.display()
        )
    })?;
    owner_only(&path);
    Ok((key, moved))
}

#[cfg(unix)]
fn owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) {}
