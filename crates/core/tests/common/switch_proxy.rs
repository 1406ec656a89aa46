//! A loopback TCP proxy that can be switched off, so a test can take the server "off the
//! network" without stopping it: while down, new connections are closed at once and open ones
//! (kept alive by the HTTP client's pool) are cut.

#![allow(dead_code)]

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A running proxy in front of one server.
pub struct SwitchProxy {
    pub url: String,
    down: watch::Sender<bool>,
}

impl SwitchProxy {
    /// Starts a proxy on 127.0.0.1 in front of `upstream` (`host:port`), up.
    pub async fn start(upstream: String) -> SwitchProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("proxy addr"));
        let (down, _) = watch::channel(false);
        let watch = down.subscribe();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if *watch.borrow() {
                    drop(client);
                    continue;
                }
                let (upstream, watch) = (upstream.clone(), watch.clone());
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&upstream).await {
                        pipe(client, server, watch).await;
                    }
                });
            }
        });
        SwitchProxy { url, down }
    }

    /// Takes the server off the network (`true`) or puts it back (`false`).
    pub fn set_down(&self, down: bool) {
        self.down.send_replace(down);
    }

    /// Whether the proxy is off.
    pub fn is_down(&self) -> bool {
        *self.down.borrow()
    }
}

/// Copies both ways until either side closes or the proxy goes down.
async fn pipe(mut client: TcpStream, mut server: TcpStream, mut watch: watch::Receiver<bool>) {
    let copy = tokio::io::copy_bidirectional(&mut client, &mut server);
    let cut = watch.wait_for(|down| *down);
    tokio::select! {
        _ = copy => {}
        _ = cut => {}
    }
}
