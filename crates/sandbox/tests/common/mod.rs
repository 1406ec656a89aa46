//! A sandbox on loopback and a bare HTTP client for the integration tests.

#![allow(dead_code)] // Each test binary uses its own part of the harness.

pub mod meters;

use chrono::NaiveDate;
use gorod_sandbox::{start, RunningSandbox, SandboxConfig, SMS_CODE};
use ofis_api::paths;
use ofis_api::{
    AddressBills, CardSubmission, CreateOrder, GatewayOutcome, OrderDto, OrderLineRequest, Session,
};
use reqwest::{Response, StatusCode};
use serde::Serialize;

pub const PHONE: &str = "+7 912 345-67-89";
pub const FULL_ADDRESS: &str = "orb-sovetskaya-12-5";

pub struct Harness {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

impl Harness {
    pub async fn start(today: &str) -> Harness {
        let sandbox = start(SandboxConfig::loopback_ephemeral(date(today)))
            .await
            .expect("sandbox starts");
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        Harness { sandbox, http }
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.gorod_url, path)
    }

    pub fn gateway(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.gateway_url, path)
    }

    pub async fn post<T: Serialize + ?Sized>(
        &self,
        url: &str,
        token: Option<&str>,
        body: &T,
    ) -> Response {
        let mut request = self.http.post(url).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get(&self, url: &str, token: Option<&str>) -> Response {
        let mut request = self.http.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    /// Signs in with the SMS code and returns the access token.
    pub async fn sign_in(&self, phone: &str) -> String {
        let sms = self
            .post(
                &self.api(paths::AUTH_SMS),
                None,
                &serde_json::json!({ "phone": phone }),
            )
            .await;
        assert_eq!(sms.status(), StatusCode::OK);
        let body = serde_json::json!({ "phone": phone, "code": SMS_CODE });
        let session: Session =
            ok_json(self.post(&self.api(paths::AUTH_SIGN_IN), None, &body).await).await;
        session.access_token
    }

    pub async fn bills(&self, token: &str, address: &str) -> AddressBills {
        ok_json(
            self.get(&self.api(&paths::address_bills(address)), Some(token))
                .await,
        )
        .await
    }

    /// Posts an order with an idempotency key.
    pub async fn create_order(&self, token: &str, key: &str, order: &CreateOrder) -> Response {
        self.http
            .post(self.api(paths::ORDERS))
            .bearer_auth(token)
            .header(paths::IDEMPOTENCY_KEY, key)
            .json(order)
            .send()
            .await
            .expect("request sent")
    }

    /// An order paying every posted bill of the fullest address in full.
    pub async fn order_all_bills(&self, token: &str, key: &str) -> OrderDto {
        let bills = self.bills(token, FULL_ADDRESS).await;
        let lines = bills
            .bills
            .iter()
            .map(|b| OrderLineRequest {
                bill_id: b.id.clone(),
                amount: b.amount_due,
                readings: Vec::new(),
            })
            .collect();
        let response = self.create_order(token, key, &CreateOrder { lines }).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.expect("order json")
    }

    /// Orders a child's meals for one day; the request's id.
    pub async fn meal_request(&self, token: &str, child: &str, day: &str) -> String {
        let url = self.api(&paths::school_meal_requests(child));
        let body = serde_json::json!({ "kind": "order", "from": day });
        let response = self.post(&url, Some(token), &body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let created: ofis_api::MealRequestsCreated = response.json().await.expect("json body");
        created.created[0].id.clone()
    }

    pub async fn pay(&self, order: &OrderDto, pan: &str) -> GatewayOutcome {
        let card = CardSubmission {
            pan: pan.to_string(),
            exp_month: 12,
            exp_year: 2030,
            cvc: "123".into(),
        };
        let url = format!(
            "{}{}",
            order.payment.gateway_url,
            paths::gateway_card(&order.payment.payment_id)
        );
        ok_json(self.post(&url, None, &card).await).await
    }

    /// GETs a Город API path with query parameters.
    pub async fn get_query(
        &self,
        path: &str,
        token: Option<&str>,
        query: &[(&str, &str)],
    ) -> Response {
        let url = reqwest::Url::parse_with_params(&self.api(path), query).expect("url");
        self.get(url.as_str(), token).await
    }

    pub async fn order(&self, token: &str, id: &str) -> OrderDto {
        ok_json(self.get(&self.api(&paths::order(id)), Some(token)).await).await
    }
}

/// Asserts 200 and parses the body.
pub async fn ok_json<T: serde::de::DeserializeOwned>(response: Response) -> T {
    let status = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "body: {text}");
    serde_json::from_str(&text).expect("json body")
}

/// Asserts the status and parses the error body.
pub async fn error(response: Response, status: StatusCode) -> ofis_api::ApiError {
    let got = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(got, status, "body: {text}");
    serde_json::from_str(&text).expect("ApiError body")
}
