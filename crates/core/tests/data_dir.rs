//! The data folder is the owner's only: created 0700; an existing folder holding nothing but the
//! app's database (made by an older version) is tightened to 0700; a folder the person chose with
//! other things in it keeps its mode.

#![cfg(unix)]

mod common {
    pub mod app;
}

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::app;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_data_folder_is_created_private_and_an_old_one_of_ours_is_tightened() {
    let sandbox = app::sandbox().await;
    let root = tempfile::tempdir().unwrap();

    let fresh = root.path().join("new/deeper/ofis");
    let ofis = app::open(&sandbox.gorod_url, &fresh).await;
    assert_eq!(mode(&fresh), 0o700, "created 0700");
    assert!(fresh.join("ofis.sqlite").is_file());
    drop(ofis);

    // An older version made it 0755: only the database is in it.
    let old = root.path().join("old");
    std::fs::create_dir(&old).unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).unwrap();
    drop(ofis_store::Store::open(&old.join("ofis.sqlite")).unwrap());
    drop(app::open(&sandbox.gorod_url, &old).await);
    assert_eq!(mode(&old), 0o700, "an old folder of ours is tightened");

    // A folder the person chose, with other things in it: left as it is.
    let chosen = root.path().join("chosen");
    std::fs::create_dir(&chosen).unwrap();
    std::fs::write(chosen.join("notes.txt"), "мои заметки").unwrap();
    std::fs::set_permissions(&chosen, std::fs::Permissions::from_mode(0o750)).unwrap();
    drop(app::open(&sandbox.gorod_url, &chosen).await);
    assert_eq!(mode(&chosen), 0o750, "not ours to change");
    sandbox.shutdown().await;
}
