use crate::helpers::vitrine_command;
use std::time::Duration;

/// In production the development secrets are refused at start-up, with instructions.
#[tokio::test]
async fn production_refuses_the_default_secrets_and_says_how_to_set_them() {
    let data_dir = tempfile::tempdir().unwrap();
    let output = tokio::time::timeout(
        Duration::from_secs(60),
        tokio::process::Command::from(vitrine_command(
            &["subgraph", "accounts", "--port", "0"],
            data_dir.path(),
        ))
        .env("VITRINE_ENV", "production")
        .output(),
    )
    .await
    .expect("exits promptly")
    .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("VITRINE_JWT_SECRET") && stderr.contains("openssl rand"),
        "{stderr}"
    );
}
