//! A hostile or broken server over loopback (raw HTTP/1.1 written by hand, so the answers are
//! exactly as bad as meant): a redirect is never followed — a 307 would re-send the card body to
//! wherever it points — and an answer bigger than the cap is a typed error, whether it declares
//! its length or streams chunks for ever. Gateways not configured get nothing, not even a
//! connection. Answers whose numbers make no sense (a fee of 10^28 %, a 29-digit meter) are a
//! typed error, never data.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gorod_sandbox::test_cards;
use ofis_client::{AllowedGateways, ClientError, ClientOptions, GatewayClient, GorodClient};
use ofis_domain::card::CardData;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn card() -> CardData {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    CardData::parse(test_cards::SUCCESS_VISA, "12/30", "123", today).unwrap()
}

/// What a listener saw: connections accepted and every byte received.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<(usize, Vec<u8>)>>);

impl Seen {
    fn connections(&self) -> usize {
        self.0.lock().unwrap().0
    }
    fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().1.clone()
    }
}

/// Reads one request (head, then as many body bytes as it declares); returns its bytes.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let head_end = got.windows(4).position(|w| w == b"\r\n\r\n");
        if let Some(end) = head_end {
            let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if got.len() >= end + 4 + length {
                return got;
            }
        }
        match tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => got.extend_from_slice(&buf[..n]),
            _ => return got,
        }
    }
}

/// A loopback server: each connection's request is recorded in `Seen`, then `answer` writes.
async fn server<F, Fut>(answer: F) -> (String, Seen)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Seen::default();
    let record = seen.clone();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (record, answer) = (record.clone(), answer.clone());
            tokio::spawn(async move {
                record.0.lock().unwrap().0 += 1;
                let request = read_request(&mut stream).await;
                record.0.lock().unwrap().1.extend_from_slice(&request);
                answer(stream).await;
            });
        }
    });
    (url, seen)
}

/// Records what it gets and answers `{}`.
async fn recorder() -> (String, Seen) {
    server(|mut s: TcpStream| async move {
        let ok = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        let _ = s.write_all(ok.as_bytes()).await;
    })
    .await
}

/// Answers every request with `status` and a `Location` on `target`.
async fn redirecting(status: u16, target: &str) -> (String, Seen) {
    let location = format!("{target}/payments/stolen/card");
    server(move |mut s: TcpStream| {
        let head = format!(
            "HTTP/1.1 {status} Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        );
        async move {
            let _ = s.write_all(head.as_bytes()).await;
        }
    })
    .await
}

#[tokio::test]
async fn a_redirect_never_takes_the_card_or_a_request_elsewhere() {
    let (elsewhere, seen) = recorder().await;
    for status in [307, 308, 301, 302, 303] {
        let (gateway_url, at_gateway) = redirecting(status, &elsewhere).await;
        let gateway = GatewayClient::new(
            &ClientOptions::default(),
            AllowedGateways::only([&gateway_url]).unwrap(),
        )
        .unwrap();
        let answer = gateway.pay_with_card(&gateway_url, "pay-1", card()).await;
        assert_eq!(answer, Err(ClientError::Redirect { status }));
        assert!(
            answer.unwrap_err().is_retryable(),
            "the bank may have it: ask"
        );
        let sent = String::from_utf8_lossy(&at_gateway.bytes()).into_owned();
        assert!(
            sent.contains(test_cards::SUCCESS_VISA),
            "the card went to the gateway only"
        );

        let gorod = GorodClient::new(&gateway_url, &ClientOptions::default()).unwrap();
        gorod.set_access_token(Some("token".into()));
        let answer = gorod.request_sms("+79123456789").await;
        assert_eq!(answer, Err(ClientError::Redirect { status }));
        assert!(matches!(
            gorod.tariffs().await,
            Err(ClientError::Redirect { .. })
        ));
        assert!(matches!(
            gorod.orders().await,
            Err(ClientError::Redirect { .. })
        ));
    }
    assert_eq!(seen.connections(), 0, "nothing reached the redirect target");
}

#[tokio::test]
async fn a_gateway_not_configured_gets_no_connection_at_all() {
    let (configured, _) = recorder().await;
    let (other, seen) = recorder().await;
    let gateway = GatewayClient::new(
        &ClientOptions::default(),
        AllowedGateways::only([&configured]).unwrap(),
    )
    .unwrap();
    let answer = gateway.pay_with_card(&other, "pay-1", card()).await;
    assert!(
        matches!(answer, Err(ClientError::GatewayNotAllowed(_))),
        "{answer:?}"
    );
    assert!(!answer.unwrap_err().is_retryable(), "nothing was sent");
    let answer = gateway.confirm_3ds(&other, "pay-1", "4321").await;
    assert!(matches!(answer, Err(ClientError::GatewayNotAllowed(_))));
    for tricky in [
        format!("http://evil?@{}", &configured["http://".len()..]),
        format!("http://evil#@{}", &configured["http://".len()..]),
        format!("http://evil\\@{}", &configured["http://".len()..]),
    ] {
        let answer = gateway.pay_with_card(&tricky, "pay-1", card()).await;
        assert!(
            matches!(answer, Err(ClientError::InsecureUrl(_))),
            "{tricky}: {answer:?}"
        );
    }
    assert_eq!(
        seen.connections(),
        0,
        "the other gateway was never contacted"
    );
}

/// Answers 200 with a JSON `[]` padded with spaces to `total` bytes, declaring its length or
/// streaming 64 KiB chunks; `total == None` streams `[` and spaces for ever.
async fn big(total: Option<usize>, declared: bool) -> String {
    server(move |mut s: TcpStream| async move {
        let framing = if declared {
            format!("content-length: {}", total.expect("a declared length"))
        } else {
            "transfer-encoding: chunked".to_string()
        };
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{framing}\r\n\r\n");
        if s.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let body: Vec<u8> = match total {
            Some(n) => [b"[".to_vec(), vec![b' '; n - 2], b"]".to_vec()].concat(),
            None => b"[".to_vec(),
        };
        let mut pieces: Box<dyn Iterator<Item = Vec<u8>> + Send> = match total {
            Some(_) => Box::new(
                body.chunks(64 * 1024)
                    .map(<[u8]>::to_vec)
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            None => Box::new(std::iter::once(body).chain(std::iter::repeat(vec![b' '; 64 * 1024]))),
        };
        for piece in pieces.by_ref() {
            let framed = if declared {
                piece
            } else {
                [
                    format!("{:x}\r\n", piece.len()).into_bytes(),
                    piece,
                    b"\r\n".to_vec(),
                ]
                .concat()
            };
            if s.write_all(&framed).await.is_err() {
                return;
            }
        }
        if !declared {
            let _ = s.write_all(b"0\r\n\r\n").await;
        }
    })
    .await
    .0
}

#[tokio::test]
async fn an_answer_over_the_cap_is_a_typed_error_declared_or_chunked() {
    let five_mib = 5 * 1024 * 1024;
    for (declared, total) in [
        (true, Some(five_mib)),
        (false, Some(five_mib)),
        (false, None),
    ] {
        let url = big(total, declared).await;
        let client = GorodClient::new(&url, &ClientOptions::default()).unwrap();
        let started = Instant::now();
        let answer = client.tariffs().await;
        assert_eq!(
            answer,
            Err(ClientError::TooLarge {
                limit: ofis_client::DEFAULT_MAX_BODY_BYTES
            }),
            "declared {declared}, {total:?} bytes"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "stopped reading"
        );
    }
    // The cap is exact: an answer of the cap's size is read, one byte more is not.
    for declared in [true, false] {
        let options = ClientOptions {
            max_body_bytes: 1000,
            ..ClientOptions::default()
        };
        let at_cap = GorodClient::new(&big(Some(1000), declared).await, &options).unwrap();
        assert_eq!(
            at_cap.tariffs().await,
            Ok(Vec::new()),
            "declared {declared}"
        );
        let over = GorodClient::new(&big(Some(1001), declared).await, &options).unwrap();
        assert_eq!(
            over.tariffs().await,
            Err(ClientError::TooLarge { limit: 1000 })
        );
    }
}

/// Answers every request with 200 and `body` as JSON.
async fn answering(body: Vec<u8>) -> String {
    server(move |mut s: TcpStream| {
        let answer = [
            format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes(),
            body.clone(),
        ]
        .concat();
        async move {
            let _ = s.write_all(&answer).await;
        }
    })
    .await
    .0
}

#[tokio::test]
async fn answers_with_absurd_numbers_are_refused_before_use() {
    use ofis_api::{AddressBills, BillDto, MeterDto, WireError};
    // Real answers of the sandbox, made absurd in one number each.
    let sandbox = gorod_sandbox::start(gorod_sandbox::SandboxConfig::loopback_ephemeral(
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    ))
    .await
    .unwrap();
    let real = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    real.request_sms("+79123456789").await.unwrap();
    real.sign_in("+79123456789", gorod_sandbox::SMS_CODE)
        .await
        .unwrap();
    let address = real.suggest_addresses("советская 12 5").await.unwrap()[0].clone();
    let mut bills: AddressBills = real.address_bills(&address.id, None).await.unwrap();
    let mut meters: Vec<MeterDto> = real
        .meters("560011427027", Some("energosbyt"))
        .await
        .unwrap();
    sandbox.shutdown().await;

    let huge = rust_decimal::Decimal::from_i128_with_scale(10i128.pow(28), 0);
    bills.bills[0].rules.fee.percent = huge;
    let first: BillDto = bills.bills[0].clone();
    let client = |url: &str| {
        let c = GorodClient::new(url, &ClientOptions::default()).unwrap();
        c.set_access_token(Some("token".into()));
        c
    };
    let url = answering(serde_json::to_vec(&bills).unwrap()).await;
    assert_eq!(
        client(&url).address_bills(&address.id, None).await,
        Err(ClientError::Implausible(WireError::FeePercent(
            first.id.clone()
        )))
    );
    let url = answering(serde_json::to_vec(&vec![first.clone()]).unwrap()).await;
    assert!(matches!(
        client(&url).account_bills("1", None).await,
        Err(ClientError::Implausible(WireError::FeePercent(_)))
    ));
    meters[0].integer_digits = 29;
    let url = answering(serde_json::to_vec(&meters).unwrap()).await;
    assert_eq!(
        client(&url).meters("560011427027", None).await,
        Err(ClientError::Implausible(WireError::MeterDigits(
            meters[0].id.clone()
        )))
    );
}

#[tokio::test]
async fn school_answers_that_do_not_add_up_are_refused_before_use() {
    use ofis_api::{MealHistoryDto, MenuDto, WireError};
    let sandbox = gorod_sandbox::start(gorod_sandbox::SandboxConfig::loopback_ephemeral(
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    ))
    .await
    .unwrap();
    let real = GorodClient::new(&sandbox.gorod_url, &ClientOptions::default()).unwrap();
    real.request_sms("+79123456789").await.unwrap();
    real.sign_in("+79123456789", gorod_sandbox::SMS_CODE)
        .await
        .unwrap();
    let mut history: MealHistoryDto = real.meal_history("ch-maria", None, None).await.unwrap();
    let mut menu: MenuDto = real.menu("ch-maria", None).await.unwrap();
    let mut children = real.children().await.unwrap();
    sandbox.shutdown().await;

    let client = |url: &str| {
        let c = GorodClient::new(url, &ClientOptions::default()).unwrap();
        c.set_access_token(Some("token".into()));
        c
    };
    history.purchases[0].items[0].quantity = 7;
    let url = answering(serde_json::to_vec(&history).unwrap()).await;
    assert_eq!(
        client(&url).meal_history("ch-maria", None, None).await,
        Err(ClientError::Implausible(WireError::Purchase(
            history.purchases[0].id.clone()
        )))
    );
    menu.items[0].kcal = Some(4_000_000);
    let url = answering(serde_json::to_vec(&menu).unwrap()).await;
    assert!(matches!(
        client(&url).menu("ch-maria", None).await,
        Err(ClientError::Implausible(WireError::MenuItem(_)))
    ));
    children[0].cut_off_school_days_before = 200;
    let url = answering(serde_json::to_vec(&children).unwrap()).await;
    assert!(matches!(
        client(&url).children().await,
        Err(ClientError::Implausible(WireError::CutOff(_)))
    ));
}
