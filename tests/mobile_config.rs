//! The mobile configuration (Dioxus.toml and the override files it points at) stays correct even
//! though these machines cannot build Android or iOS packages.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dioxus_toml() -> toml::Value {
    let text = std::fs::read_to_string(root().join("Dioxus.toml")).expect("Dioxus.toml exists");
    text.parse().expect("Dioxus.toml is valid TOML")
}

fn get<'a>(v: &'a toml::Value, path: &str) -> &'a toml::Value {
    path.split('.').fold(v, |v, key| {
        v.get(key)
            .unwrap_or_else(|| panic!("Dioxus.toml has no {path}"))
    })
}

#[test]
fn dioxus_toml_names_the_app_and_one_identifier_everywhere() {
    let cfg = dioxus_toml();
    assert_eq!(get(&cfg, "application.name").as_str(), Some("ОФИС"));
    let id = get(&cfg, "bundle.identifier").as_str().unwrap();
    assert_eq!(get(&cfg, "android.identifier").as_str(), Some(id));
    assert_eq!(get(&cfg, "ios.identifier").as_str(), Some(id));
    let camera = get(&cfg, "permissions.camera.description")
        .as_str()
        .unwrap();
    assert!(
        camera.contains("QR"),
        "the camera permission says why: {camera}"
    );
}

#[test]
fn android_overrides_grant_internet_camera_and_a_file_provider() {
    let cfg = dioxus_toml();
    let manifest_path = root().join(get(&cfg, "android.manifest").as_str().unwrap());
    let manifest =
        std::fs::read_to_string(&manifest_path).expect("the Android manifest override exists");
    for needle in [
        "android.permission.INTERNET",
        "android.permission.CAMERA",
        "androidx.core.content.FileProvider",
        "@xml/file_paths",
        "ru.gorod.ofis.fileprovider",
    ] {
        assert!(
            manifest.contains(needle),
            "AndroidManifest.xml lacks {needle}"
        );
    }
    let paths = std::fs::read_to_string(root().join("android/res/xml/file_paths.xml"))
        .expect("file_paths.xml");
    assert!(
        paths.contains("<cache-path"),
        "photos stay in the app's cache"
    );
}

#[test]
fn ios_overrides_explain_the_camera() {
    let cfg = dioxus_toml();
    let plist = std::fs::read_to_string(root().join(get(&cfg, "ios.info_plist").as_str().unwrap()))
        .expect("the Info.plist override exists");
    assert!(plist.contains("<key>NSCameraUsageDescription</key>"));
    assert!(plist.contains("QR-код"));
}

#[test]
fn the_mobile_feature_uses_dioxus_mobile() {
    let manifest: toml::Value = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mobile = get(&manifest, "features.mobile").as_array().unwrap();
    assert!(mobile.iter().any(|f| f.as_str() == Some("dioxus/mobile")));
    let default = get(&manifest, "features.default").as_array().unwrap();
    assert!(default.iter().any(|f| f.as_str() == Some("desktop")));
}

#[test]
fn the_test_run_checks_the_mobile_build() {
    let script = std::fs::read_to_string(root().join("scripts/test")).expect("scripts/test");
    assert!(
        script
            .lines()
            .any(|l| l.trim() == "cargo check --no-default-features --features mobile"),
        "scripts/test (what CI runs) compiles the mobile feature"
    );
}
