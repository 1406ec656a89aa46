//! «Транспорт» calls of the Город API: card lookup, saved cards (save, rename, remove), a card's
//! history, top-up bills (paid through [`GorodClient::create_order`] like any bill), and the
//! network as JSON (routes, stops, a stop's arrivals). The GTFS feeds are in [`crate::gtfs`].

use chrono::NaiveDate;
use ofis_api::{
    paths, ArrivalsDto, BillDto, CardHistoryDto, CardLookupDto, CardNumberRequest,
    CardTopUpRequest, RenameCardRequest, RouteDto, SaveCardRequest, StopDto, TransportCardDto,
};
use ofis_domain::Money;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::{plausible, GorodClient};

impl GorodClient {
    /// What type a card number is and whether the app can top it up (with the manual's advice
    /// if not). A malformed or unknown number is `Validation` with field `number`.
    #[instrument(skip(self, number), err)]
    pub async fn look_up_card(&self, number: &str) -> Result<CardLookupDto, ClientError> {
        let body = CardNumberRequest {
            number: number.to_string(),
        };
        let req = self
            .http
            .post(self.url(paths::TRANSPORT_CARD_LOOKUP))
            .json(&body);
        self.send_authed(req).await
    }

    /// The saved cards of the signed-in phone.
    #[instrument(skip(self), err)]
    pub async fn transport_cards(&self) -> Result<Vec<TransportCardDto>, ClientError> {
        let req = self.http.get(self.url(paths::TRANSPORT_CARDS));
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Сохранить»: saves an online card (named after its type when `name` is `None`). A card
    /// that is not online is `Validation` whose message is the manual's advice; one already
    /// saved is `Conflict`.
    #[instrument(skip(self, number), err)]
    pub async fn save_card(
        &self,
        number: &str,
        name: Option<&str>,
    ) -> Result<TransportCardDto, ClientError> {
        let body = SaveCardRequest {
            number: number.to_string(),
            name: name.map(str::to_string),
        };
        let req = self.http.post(self.url(paths::TRANSPORT_CARDS)).json(&body);
        self.send_authed(req).await.and_then(plausible)
    }

    /// One saved card: its balance, when that was updated, top-ups awaiting credit.
    #[instrument(skip(self, number), err)]
    pub async fn transport_card(&self, number: &str) -> Result<TransportCardDto, ClientError> {
        let req = self.http.get(self.url(&paths::transport_card(number)));
        self.send_authed(req).await.and_then(plausible)
    }

    /// Renames a saved card.
    #[instrument(skip(self, number), err)]
    pub async fn rename_card(
        &self,
        number: &str,
        name: &str,
    ) -> Result<TransportCardDto, ClientError> {
        let body = RenameCardRequest {
            name: name.to_string(),
        };
        let req = self
            .http
            .patch(self.url(&paths::transport_card(number)))
            .json(&body);
        self.send_authed(req).await.and_then(plausible)
    }

    /// Removes a saved card (it can be saved again).
    #[instrument(skip(self, number), err)]
    pub async fn remove_card(&self, number: &str) -> Result<(), ClientError> {
        let req = self.http.delete(self.url(&paths::transport_card(number)));
        self.send_authed_raw(req).await.map(|_| ())
    }

    /// «История»: trips and top-ups of a period (the last week when both ends are `None`).
    #[instrument(skip(self, number), err)]
    pub async fn card_history(
        &self,
        number: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<CardHistoryDto, ClientError> {
        let range: Vec<(&str, String)> = [("from", from), ("to", to)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|d| (k, d.to_string())))
            .collect();
        let req = self
            .http
            .get(self.url(&paths::transport_card_history(number)))
            .query(&range);
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Оплатить»: a bill for exactly `amount` on the card, asked under an idempotency key
    /// stored beforehand (a resend gets the same bill). Pay it with
    /// [`GorodClient::create_order`]; an amount outside the type's minimum and maximum is
    /// `Validation` with field `amount`.
    #[instrument(skip(self, number), err)]
    pub async fn card_top_up_bill(
        &self,
        number: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<BillDto, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::transport_card_topups(number)))
            .header(paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(&CardTopUpRequest { amount });
        self.send_authed(req).await.and_then(plausible)
    }

    /// Routes whose number is `query` or whose name contains it.
    #[instrument(skip(self), err)]
    pub async fn find_routes(&self, query: &str) -> Result<Vec<RouteDto>, ClientError> {
        let req = self
            .http
            .get(self.url(paths::TRANSPORT_ROUTES))
            .query(&[("q", query)]);
        self.http.send_json(req).await
    }

    /// A route's stops in order.
    #[instrument(skip(self), err)]
    pub async fn route_stops(&self, route_id: &str) -> Result<Vec<StopDto>, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::transport_route_stops(route_id)));
        self.http.send_json(req).await
    }

    /// Stops whose name contains `query`.
    #[instrument(skip(self), err)]
    pub async fn find_stops(&self, query: &str) -> Result<Vec<StopDto>, ClientError> {
        let req = self
            .http
            .get(self.url(paths::TRANSPORT_STOPS))
            .query(&[("q", query)]);
        self.http.send_json(req).await
    }

    /// A stop's next arrivals as the server computes them (live, or the schedule with a banner).
    #[instrument(skip(self), err)]
    pub async fn stop_arrivals(&self, stop_id: &str) -> Result<ArrivalsDto, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::transport_stop_arrivals(stop_id)));
        self.http.send_json(req).await
    }
}
