//! HTTPS for the sandbox: a rustls server configuration (the `ring` provider) from PEM.

use std::io::{Error, ErrorKind};
use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::TlsIdentity;

/// The rustls configuration serving `identity`, HTTP/1.1 over TLS 1.2 or 1.3.
pub(crate) fn server_config(identity: &TlsIdentity) -> std::io::Result<RustlsConfig> {
    let invalid = |what: &str, e: &dyn std::fmt::Display| {
        Error::new(ErrorKind::InvalidInput, format!("sandbox TLS {what}: {e}"))
    };
    let certs = CertificateDer::pem_slice_iter(identity.cert_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid("certificate", &e))?;
    if certs.is_empty() {
        return Err(invalid("certificate", &"no certificate in cert_pem"));
    }
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| invalid("private key", &e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| invalid("protocol versions", &e))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| invalid("identity", &e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(RustlsConfig::from_config(Arc::new(config)))
}
