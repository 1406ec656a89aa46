//! A noxious proxy (Toxiproxy's Rust port) run in process on 127.0.0.1 and driven the way
//! noxious' own server drives it: toxics go to the running proxy over its event channel, which
//! applies them to the connections already open as well as to new ones.

#![allow(dead_code)]

use noxious::proxy::{ProxyConfig, ProxyRunner, Runner, Toxics};
use noxious::signal::{Close, Stop, Stopper};
use noxious::socket::TcpListener;
use noxious::toxic::{
    StreamDirection, Toxic, ToxicEvent, ToxicEventKind, ToxicEventResult, ToxicKind,
};

/// One noxious proxy on 127.0.0.1, driven through its toxic event channel.
pub struct Noxious {
    name: String,
    pub url: String,
    events: bmrng::RequestSender<ToxicEvent, ToxicEventResult>,
    stopper: Stopper,
}

impl Noxious {
    /// Starts a proxy named `name` in front of `upstream` (`host:port`), with no toxics.
    pub async fn start(name: &str, upstream: String) -> Noxious {
        // noxious binds the address it is given and does not tell which port the OS chose, so
        // a free port is found first; another test may take it in between, hence the retries.
        for _ in 0..20 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let config = ProxyConfig {
                name: name.to_string(),
                listen: format!("127.0.0.1:{port}"),
                upstream: upstream.clone(),
                enabled: true,
                // Jitter is drawn from this seed: the same delays every run.
                rand_seed: Some(2026),
            };
            let (listener, info) =
                match ProxyRunner::initialize_proxy::<TcpListener>(config, Toxics::empty()).await {
                    Ok(bound) => bound,
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                    Err(e) => panic!("noxious proxy {name}: {e}"),
                };
            let (events, receiver) = bmrng::channel(1);
            let (stop, stopper) = Stop::new();
            let (_close, closer) = Close::new();
            tokio::spawn(ProxyRunner::run_proxy::<TcpListener>(
                listener, info, receiver, stop, closer,
            ));
            return Noxious {
                name: name.to_string(),
                url: format!("http://127.0.0.1:{port}"),
                events,
                stopper,
            };
        }
        panic!("noxious proxy {name}: no free port in 20 tries");
    }

    /// Adds `kind` on the answers (server to app), always active, to open connections as well
    /// as new ones; returns its name.
    pub async fn poison_answers(&self, kind: ToxicKind) -> String {
        let name = format!("{}_downstream", kind.get_name());
        let toxic = Toxic {
            kind,
            name: name.clone(),
            toxicity: 1.0,
            direction: StreamDirection::Downstream,
        };
        self.send(ToxicEventKind::AddToxic(toxic)).await;
        name
    }

    /// Removes the toxic named `name`.
    pub async fn cure(&self, name: String) {
        self.send(ToxicEventKind::RemoveToxic(name)).await;
    }

    async fn send(&self, kind: ToxicEventKind) {
        let event = ToxicEvent::new(self.name.clone(), kind);
        self.events
            .send_receive(event)
            .await
            .expect("the noxious proxy is running")
            .expect("noxious took the toxic update");
    }

    /// Stops the proxy: no new connections, the open ones cut.
    pub fn stop(self) {
        self.stopper.stop();
    }
}
