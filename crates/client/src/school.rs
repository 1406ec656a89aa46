//! «Школы и Сады» calls of the Город API: children, history, top-up bills (paid through
//! [`GorodClient::create_order`] like any bill), the daily limit, meal requests, menus, paid
//! services and their bills, service requests, attendance and photos.

use chrono::NaiveDate;
use ofis_api::{
    paths, AttendanceDto, BillDto, ChildDto, CreateMealRequests, CreateServiceRequest,
    MealHistoryDto, MealLimitDto, MealRequestDto, MealRequestsCreated, MenuDto, PaidServiceDto,
    PhotoDto, ServiceRequestDto, ServiceRequestKind, SetMealLimit, SetStopList, TopUpRequest,
};
use ofis_domain::Money;
use tracing::instrument;

use crate::error::ClientError;
use crate::gorod::{plausible, GorodClient};

/// A child's photo as the server keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildPhoto {
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The image types a photo may have, with the first bytes of each.
const PHOTO_TYPES: [(&str, &[u8]); 2] = [
    ("image/jpeg", b"\xff\xd8\xff"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
];

/// `?from=&to=` of the days given.
fn range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<(&'static str, String)> {
    [("from", from), ("to", to)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|d| (k, d.to_string())))
        .collect()
}

impl GorodClient {
    /// The children whose meal accounts are linked to the signed-in phone; empty when none are
    /// (the section then explains and sends to «Мои платежи» → «+»).
    #[instrument(skip(self), err)]
    pub async fn children(&self) -> Result<Vec<ChildDto>, ClientError> {
        let req = self.http.get(self.url(paths::SCHOOL_CHILDREN));
        self.send_authed(req).await.and_then(plausible)
    }

    /// One child's card: balance, top-ups still processing, today's limit and spend.
    #[instrument(skip(self), err)]
    pub async fn child(&self, child_id: &str) -> Result<ChildDto, ClientError> {
        let req = self.http.get(self.url(&paths::school_child(child_id)));
        self.send_authed(req).await.and_then(plausible)
    }

    /// «История операций» of a period (the last week when both ends are `None`).
    #[instrument(skip(self), err)]
    pub async fn meal_history(
        &self,
        child_id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<MealHistoryDto, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::school_history(child_id)))
            .query(&range(from, to));
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Пополнить»: a bill for exactly `amount` on the child's meal account, asked under an
    /// idempotency key stored beforehand (a resend gets the same bill). Pay it with
    /// [`GorodClient::create_order`]; an amount outside the account's rules is `Validation`
    /// with field `amount`.
    #[instrument(skip(self), err)]
    pub async fn top_up_bill(
        &self,
        child_id: &str,
        amount: Money,
        idempotency_key: &str,
    ) -> Result<BillDto, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::school_topups(child_id)))
            .header(paths::IDEMPOTENCY_KEY, idempotency_key)
            .json(&TopUpRequest { amount });
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Лимит питания»: the daily limit, today's spend and what is left.
    #[instrument(skip(self), err)]
    pub async fn meal_limit(&self, child_id: &str) -> Result<MealLimitDto, ClientError> {
        let req = self.http.get(self.url(&paths::school_limit(child_id)));
        self.send_authed(req).await
    }

    /// Sets the daily limit (`None` lifts it); the canteen keeps it from the next purchase.
    #[instrument(skip(self), err)]
    pub async fn set_meal_limit(
        &self,
        child_id: &str,
        daily_limit: Option<Money>,
    ) -> Result<MealLimitDto, ClientError> {
        let req = self
            .http
            .put(self.url(&paths::school_limit(child_id)))
            .json(&SetMealLimit { daily_limit });
        self.send_authed(req).await
    }

    /// Sets the dishes the canteen will not sell to the child (menu item ids; empty lifts the
    /// stop-list); an unknown dish is `Validation` with field `items`.
    #[instrument(skip(self), err)]
    pub async fn set_stop_list(
        &self,
        child_id: &str,
        items: &[&str],
    ) -> Result<MealLimitDto, ClientError> {
        let body = SetStopList {
            items: items.iter().map(|i| i.to_string()).collect(),
        };
        let req = self
            .http
            .put(self.url(&paths::school_stop_list(child_id)))
            .json(&body);
        self.send_authed(req).await
    }

    /// The meal requests for the days of a period (from today for two weeks when `None`).
    #[instrument(skip(self), err)]
    pub async fn meal_requests(
        &self,
        child_id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<MealRequestDto>, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::school_meal_requests(child_id)))
            .query(&range(from, to));
        self.send_authed(req).await
    }

    /// Orders or cancels meals for a day or a range ("болеет"): the days still open get a
    /// request each, the late ones come back in `late`. All days late is `Validation` whose
    /// message names the cut-off (code `cut_off_passed` on the wire).
    #[instrument(skip(self), err)]
    pub async fn request_meals(
        &self,
        child_id: &str,
        request: &CreateMealRequests,
    ) -> Result<MealRequestsCreated, ClientError> {
        let req = self
            .http
            .post(self.url(&paths::school_meal_requests(child_id)))
            .json(request);
        self.send_authed(req).await
    }

    /// Withdraws a meal request before its cut-off.
    #[instrument(skip(self), err)]
    pub async fn withdraw_meal_request(
        &self,
        child_id: &str,
        request_id: &str,
    ) -> Result<MealRequestDto, ClientError> {
        let path = paths::school_meal_request_withdraw(child_id, request_id);
        self.send_authed(self.http.post(self.url(&path))).await
    }

    /// «Меню» of a day (today when `None`); empty on a day without school.
    #[instrument(skip(self), err)]
    pub async fn menu(
        &self,
        child_id: &str,
        day: Option<NaiveDate>,
    ) -> Result<MenuDto, ClientError> {
        let mut req = self.http.get(self.url(&paths::school_menu(child_id)));
        if let Some(day) = day {
            req = req.query(&[("day", day.to_string())]);
        }
        self.send_authed(req).await.and_then(plausible)
    }

    /// «Платные образовательные услуги»: the school's services, what is owed, paid, processing.
    #[instrument(skip(self), err)]
    pub async fn paid_services(&self, child_id: &str) -> Result<Vec<PaidServiceDto>, ClientError> {
        let req = self.http.get(self.url(&paths::school_services(child_id)));
        self.send_authed(req).await
    }

    /// The bills of the child's services with something to pay; pay them with
    /// [`GorodClient::create_order`].
    #[instrument(skip(self), err)]
    pub async fn service_bills(&self, child_id: &str) -> Result<Vec<BillDto>, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::school_service_bills(child_id)));
        self.send_authed(req).await.and_then(plausible)
    }

    /// The child's requests to enrol in services or leave them, newest first.
    #[instrument(skip(self), err)]
    pub async fn service_requests(
        &self,
        child_id: &str,
    ) -> Result<Vec<ServiceRequestDto>, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::school_service_requests(child_id)));
        self.send_authed(req).await
    }

    /// Asks to enrol in a service or leave it.
    #[instrument(skip(self), err)]
    pub async fn request_service(
        &self,
        child_id: &str,
        service_id: &str,
        kind: ServiceRequestKind,
    ) -> Result<ServiceRequestDto, ClientError> {
        let body = CreateServiceRequest {
            service_id: service_id.to_string(),
            kind,
        };
        let req = self
            .http
            .post(self.url(&paths::school_service_requests(child_id)))
            .json(&body);
        self.send_authed(req).await
    }

    /// «Посещаемость» of a period (the last week when both ends are `None`).
    #[instrument(skip(self), err)]
    pub async fn attendance(
        &self,
        child_id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<AttendanceDto>, ClientError> {
        let req = self
            .http
            .get(self.url(&paths::school_attendance(child_id)))
            .query(&range(from, to));
        self.send_authed(req).await
    }

    /// Uploads (or replaces) the child's photo, a JPEG or PNG the app has resized.
    #[instrument(skip(self, bytes), fields(size = bytes.len()), err)]
    pub async fn upload_child_photo(
        &self,
        child_id: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<PhotoDto, ClientError> {
        let req = self
            .http
            .put(self.url(&paths::school_photo(child_id)))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(bytes);
        self.send_authed(req).await
    }

    /// The child's photo; `NotFound` when there is none. An answer that is not a JPEG or PNG of
    /// the type it declares is refused.
    #[instrument(skip(self), err)]
    pub async fn child_photo(&self, child_id: &str) -> Result<ChildPhoto, ClientError> {
        let req = self.http.get(self.url(&paths::school_photo(child_id)));
        let raw = self.send_authed_raw(req).await?;
        let declared = raw.content_type.unwrap_or_default();
        let known = PHOTO_TYPES
            .iter()
            .find(|(kind, magic)| declared == *kind && raw.body.starts_with(magic));
        match known {
            Some((kind, _)) => Ok(ChildPhoto {
                content_type: kind.to_string(),
                bytes: raw.body,
            }),
            None => Err(ClientError::Decode(format!("not a photo: {declared}"))),
        }
    }
}
