//! The schemathesis run's configuration: who is signed in, and the demo town's real ids for the
//! parameters that name something (kept apart from the run itself).

use gorod_sandbox::school::world::{CHILDREN, SERVICES};
use gorod_sandbox::town::{self, meters::METERS, ACCOUNTS, ADDRESSES, PROVIDERS};
use gorod_sandbox::transport::{self, world::CARDS};
use ofis_domain::Period;

use super::{common, REAL_ID_PROBABILITY, TODAY};

/// What the test tells schemathesis beyond the command line: who is signed in, and the demo
/// town's ids for the parameters that name something.
pub(crate) struct Config {
    pub(crate) token: String,
    pub(crate) sign_out_token: String,
    pub(crate) gateway_secret: String,
    pub(crate) orders: Vec<String>,
    pub(crate) receipts: Vec<String>,
    pub(crate) payments: Vec<String>,
    pub(crate) meal_requests: Vec<String>,
}

impl Config {
    pub(crate) fn toml(&self) -> String {
        let period = Period::of(common::date(TODAY));
        let ids = |values: &mut dyn Iterator<Item = &str>| values.map(String::from).collect();
        let dictionaries: [(&str, Vec<String>); 15] = [
            ("address", ids(&mut ADDRESSES.iter().map(|a| a.id))),
            ("provider", ids(&mut PROVIDERS.iter().map(|p| p.id))),
            ("account", ids(&mut ACCOUNTS.iter().map(|a| a.number))),
            ("meter", ids(&mut METERS.iter().map(|m| m.id))),
            (
                "bill",
                ACCOUNTS.iter().map(|a| town::bill_id(a, period)).collect(),
            ),
            ("order", self.orders.clone()),
            ("receipt", self.receipts.clone()),
            ("payment", self.payments.clone()),
            ("child", ids(&mut CHILDREN.iter().map(|c| c.id))),
            ("service", ids(&mut SERVICES.iter().map(|s| s.id))),
            ("meal_request", self.meal_requests.clone()),
            ("card", CARDS.iter().map(|c| c.number()).collect()),
            ("route", transport::route_ids()),
            ("stop", transport::stop_ids()),
            (
                "office",
                ids(&mut gorod_sandbox::office::world::OFFICES.iter().map(|o| o.id)),
            ),
        ];
        let mut toml = format!(
            "headers = {{ Authorization = {} }}\n",
            quoted(&format!("Bearer {}", self.token))
        );
        for (name, values) in dictionaries {
            let values: Vec<String> = values.iter().map(|v| quoted(v)).collect();
            toml += &format!(
                "\n[dictionaries.{name}]\nvalues = [{}]\n",
                values.join(", ")
            );
        }
        let real = |dictionary: &str| {
            format!("{{ dictionary = \"{dictionary}\", probability = {REAL_ID_PROBABILITY} }}")
        };
        let child = ("path.child_id", "child");
        let operations = [
            (
                "GET /api/v1/addresses/{id}/bills",
                vec![("path.id", "address")],
            ),
            (
                "GET /api/v1/providers/{id}/bills",
                vec![("path.id", "provider"), ("query.account", "account")],
            ),
            (
                "GET /api/v1/accounts/{account}/bills",
                vec![("path.account", "account")],
            ),
            (
                "GET /api/v1/accounts/{account}/meters",
                vec![
                    ("path.account", "account"),
                    ("query.provider_id", "provider"),
                ],
            ),
            ("GET /api/v1/bills/{id}/qr", vec![("path.id", "bill")]),
            (
                "GET /api/v1/meters/{meter_id}/readings",
                vec![("path.meter_id", "meter")],
            ),
            (
                "POST /api/v1/meters/{meter_id}/readings",
                vec![("path.meter_id", "meter")],
            ),
            (
                "POST /api/v1/orders",
                vec![("body.lines[*].bill_id", "bill")],
            ),
            ("GET /api/v1/orders/{id}", vec![("path.id", "order")]),
            ("GET /api/v1/receipts/{id}", vec![("path.id", "receipt")]),
            (
                "POST /api/v1/receipts/{id}/email",
                vec![("path.id", "receipt")],
            ),
            (
                "POST /internal/payments/{payment_id}/outcome",
                vec![
                    ("path.payment_id", "payment"),
                    ("body.payment_id", "payment"),
                ],
            ),
            (
                "POST /api/v1/school/children/{child_id}/meal-requests/{request_id}/withdraw",
                vec![child, ("path.request_id", "meal_request")],
            ),
            (
                "POST /api/v1/school/children/{child_id}/service-requests",
                vec![child, ("body.service_id", "service")],
            ),
            (
                "POST /api/v1/transport/card-lookup",
                vec![("body.number", "card")],
            ),
            (
                "POST /api/v1/transport/cards",
                vec![("body.number", "card")],
            ),
            (
                "GET /api/v1/transport/routes/{route_id}/stops",
                vec![("path.route_id", "route")],
            ),
            (
                "GET /api/v1/transport/stops/{stop_id}/arrivals",
                vec![("path.stop_id", "stop")],
            ),
            (
                "GET /api/v1/office/offices/{office_id}/slots",
                vec![("path.office_id", "office")],
            ),
            (
                "GET /api/v1/office/houses/{address_id}",
                vec![("path.address_id", "address")],
            ),
            (
                "GET /api/v1/office/payments",
                vec![("query.account", "account")],
            ),
        ];
        let mut operations: Vec<(String, Vec<_>)> = operations
            .into_iter()
            .map(|(name, bindings)| (name.to_string(), bindings))
            .collect();
        // Every other school operation names the child only.
        for (method, tail) in SCHOOL_CHILD_OPERATIONS {
            let name = format!("{method} /api/v1/school/children/{{child_id}}{tail}");
            operations.push((name, vec![child]));
        }
        // Every card operation names the card only.
        for (method, tail) in OFFICE_ACCOUNT_OPERATIONS {
            let name = format!("{method} /api/v1/office/accounts/{{account}}{tail}");
            operations.push((name, vec![("path.account", "account")]));
        }
        for (method, tail) in TRANSPORT_CARD_OPERATIONS {
            let name = format!("{method} /api/v1/transport/cards/{{number}}{tail}");
            operations.push((name, vec![("path.number", "card")]));
        }
        for (name, bindings) in operations {
            let bindings: Vec<String> = bindings
                .iter()
                .map(|(parameter, dictionary)| format!("\"{parameter}\" = {}", real(dictionary)))
                .collect();
            toml += &format!(
                "\n[[operations]]\ninclude-name = {}\nparameters = {{ {} }}\n",
                quoted(&name),
                bindings.join(", ")
            );
        }
        toml += &format!(
            "\n[[operations]]\ninclude-name = \"POST /internal/payments/{{payment_id}}/outcome\"\n\
             headers = {{ {} = {} }}\n",
            quoted(ofis_api::paths::GATEWAY_SECRET_HEADER),
            quoted(&self.gateway_secret)
        );
        toml += &format!(
            "\n[[operations]]\ninclude-operation-id = \"signOut\"\n\
             headers = {{ Authorization = {} }}\n",
            quoted(&format!("Bearer {}", self.sign_out_token))
        );
        toml
    }
}

/// The school operations whose only id is the child's: (method, path after the child).
#[rustfmt::skip]
const SCHOOL_CHILD_OPERATIONS: [(&str, &str); 14] = [
    ("GET", ""), ("GET", "/history"), ("POST", "/topups"), ("GET", "/limit"), ("PUT", "/limit"),
    ("GET", "/photo"), ("PUT", "/photo"), ("GET", "/meal-requests"), ("POST", "/meal-requests"),
    ("GET", "/menu"), ("GET", "/services"), ("GET", "/services/bills"), ("GET", "/attendance"),
    ("PUT", "/stop-list"),
];

/// The transport operations whose only id is the card's number: (method, path after it).
#[rustfmt::skip]
const TRANSPORT_CARD_OPERATIONS: [(&str, &str); 5] = [
    ("GET", ""), ("PATCH", ""), ("DELETE", ""), ("GET", "/history"), ("POST", "/topups"),
];

/// The operations on a Город account of «Абоненту», by method and path after the account.
#[rustfmt::skip]
const OFFICE_ACCOUNT_OPERATIONS: [(&str, &str); 4] = [
    ("GET", "/e-bill"), ("PUT", "/e-bill"), ("GET", "/bill-document"), ("POST", "/bill-document/email"),
];

/// A TOML basic string (JSON's string syntax is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}
