//! «Поиск по QR-коду»: what a bill's GOST QR code says, turned into the bills it names.

use ofis_client::ClientError;
use ofis_domain::qr_payload::{self, PaymentQr, QrSearch};
use ofis_domain::{Bill, BillId, Money, Period};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::snapshot::AddressChoice;

/// The bills a QR code leads to, and what the code itself said.
#[derive(Clone, Debug, PartialEq)]
pub struct QrFound {
    /// What the code says: payee, INN, account, period, amount.
    pub search: QrSearch,
    /// The bills that join the общий счёт: every bill of the scanned bill's address (manual,
    /// section 2: the QR code forms the общий счёт as the address search does), or the scanned
    /// bill alone when it belongs to no address the Город API knows.
    pub bills: Vec<Bill>,
    /// The scanned bill's address, when known: it is followed from then on.
    pub address: Option<AddressChoice>,
    /// The bill the paper was for.
    pub scanned: BillId,
    /// The period of the address's bills (kept with them in the cache).
    period: Option<Period>,
    /// The `ETag` of the address's bills, when `bills` are exactly that answer.
    etag: Option<String>,
}

impl QrFound {
    /// The bill the paper was for.
    pub fn scanned_bill(&self) -> Option<&Bill> {
        self.bills.iter().find(|b| b.id == self.scanned)
    }

    /// «по квитанции» and «к оплате сейчас», when the paper's sum is not what is due now (an
    /// older bill, a payment made since); the line's amount is what is due now.
    pub fn sums_differ(&self) -> Option<(Money, Money)> {
        let paper = self.search.amount?;
        let now = self.scanned_bill()?.amount_due;
        (paper != now).then_some((paper, now))
    }
}

/// Decodes every code in the photo and parses the first payment code among them.
fn understand(photo: &[u8]) -> Result<PaymentQr, CoreError> {
    let unreadable = |message: String| CoreError::QrUnreadable(message);
    let codes =
        ofis_qr::decode_image_bytes(photo).map_err(|e| unreadable(e.message_ru().into()))?;
    let mut first_error = None;
    for code in codes {
        match qr_payload::parse_bytes(&code.bytes) {
            Ok(qr) => return Ok(qr),
            Err(e) => {
                first_error.get_or_insert(e.message_ru());
            }
        }
    }
    Err(unreadable(
        first_error.unwrap_or_else(|| "QR-код не найден.".to_string()),
    ))
}

impl Ofis {
    /// What the QR code in a photo says (a camera photo, or one chosen from the gallery):
    /// decoded off the caller's thread, since a photo takes a moment.
    #[instrument(skip_all, fields(bytes = photo.len()))]
    pub async fn read_qr_photo(&self, photo: Vec<u8>) -> Result<PaymentQr, CoreError> {
        tokio::task::spawn_blocking(move || understand(&photo))
            .await
            .map_err(|e| CoreError::Task(e.to_string()))?
    }

    /// Finds the bill a payment QR code names (the payee by INN, then the account there; or the
    /// account alone when the payee is unknown to the system), then every bill of its address.
    #[instrument(skip_all)]
    pub async fn find_by_qr(&self, qr: &PaymentQr) -> Result<QrFound, CoreError> {
        let search = qr.search();
        let named = self.bills_named_by(&search).await?;
        let scanned = named
            .iter()
            .find(|b| Some(b.period) == search.period)
            .or_else(|| named.first())
            .cloned()
            .ok_or(CoreError::QrNothingFound)?;
        let Some(address_id) = scanned.address_id.clone() else {
            return Ok(QrFound {
                search,
                scanned: scanned.id.clone(),
                bills: vec![scanned],
                address: None,
                period: None,
                etag: None,
            });
        };
        let tagged = self
            .inner
            .gorod
            .address_bills_tagged(address_id.as_str(), None)
            .await?;
        let (found, mut etag) = (tagged.value, tagged.etag);
        let mut bills = crate::finding::domain_bills(found.bills)?;
        if !bills.iter().any(|b| b.id == scanned.id) {
            bills.push(scanned.clone());
            // Not the answer as tagged any more: the first refresh fetches it whole.
            etag = None;
        }
        Ok(QrFound {
            search,
            bills,
            address: Some(AddressChoice {
                id: found.address.id,
                title: found.address.title,
            }),
            scanned: scanned.id,
            period: Some(found.period),
            etag,
        })
    }

    /// «Добавить»: the address's bills join the общий счёт and the address is followed (or the
    /// scanned bill alone joins); its line is marked «по квитанции». Returns how many joined.
    pub async fn add_found_by_qr(&self, found: QrFound) -> Result<usize, CoreError> {
        let QrFound {
            bills,
            address,
            scanned,
            period,
            etag,
            ..
        } = found;
        let before = self.read().basket().combined().lines().len();
        match (address, period) {
            (Some(address), Some(period)) => self.follow_with(address, bills, period, etag).await?,
            _ => {
                self.add_bills(bills).await?;
            }
        }
        let mut change = self.change();
        change.basket_mut().mark_scanned(scanned);
        Ok(change.basket().combined().lines().len() - before)
    }

    /// The bills of the account the code names: at the payee found by its INN for the code's
    /// period; else every bill of that account.
    async fn bills_named_by(&self, search: &QrSearch) -> Result<Vec<Bill>, CoreError> {
        let Some(account) = search.account.clone() else {
            return Err(CoreError::QrWithoutAccount);
        };
        if let Some(inn) = &search.payee_inn {
            let providers = self.inner.gorod.search_providers(inn).await?;
            if let Some(provider) = providers.iter().find(|p| &p.inn == inn) {
                match self
                    .inner
                    .gorod
                    .provider_bills(&provider.id, &account, search.period)
                    .await
                {
                    Ok(found) if !found.is_empty() => return crate::finding::domain_bills(found),
                    // A period not posted yet: the current one may be; fall back below.
                    Ok(_) | Err(ClientError::NotFound(_)) | Err(ClientError::Validation { .. }) => {
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        match self.inner.gorod.account_bills(&account, None).await {
            Ok(found) => crate::finding::domain_bills(found),
            Err(ClientError::NotFound(_)) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }
}
