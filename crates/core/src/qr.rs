//! «Поиск по QR-коду»: what a bill's GOST QR code says, turned into the bills it names.

use ofis_client::ClientError;
use ofis_domain::qr_payload::{self, PaymentQr, QrSearch};
use ofis_domain::Bill;
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;

/// The bills a QR code leads to, and what the code itself said.
#[derive(Clone, Debug, PartialEq)]
pub struct QrFound {
    /// What the code says: payee, INN, account, period, amount.
    pub search: QrSearch,
    /// The bills found for it (this period's, as the server knows them).
    pub bills: Vec<Bill>,
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

    /// Finds the bills a payment QR code names: the payee by INN, then the account there; or the
    /// account alone when the payee is unknown to the system.
    #[instrument(skip_all)]
    pub async fn find_by_qr(&self, qr: &PaymentQr) -> Result<QrFound, CoreError> {
        let search = qr.search();
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
                    Ok(found) if !found.is_empty() => {
                        return Ok(QrFound {
                            search,
                            bills: crate::finding::domain_bills(found)?,
                        });
                    }
                    // A period not posted yet: the current one may be; fall back below.
                    Ok(_) | Err(ClientError::NotFound(_)) | Err(ClientError::Validation { .. }) => {
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        let found = match self.inner.gorod.account_bills(&account, None).await {
            Ok(found) => found,
            Err(ClientError::NotFound(_)) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        // The payee is not known by its INN here: every bill of that account is offered, and the
        // screen shows the payee the code names beside them.
        let bills: Vec<Bill> = crate::finding::domain_bills(found)?;
        if bills.is_empty() {
            return Err(CoreError::QrNothingFound);
        }
        Ok(QrFound { search, bills })
    }
}
