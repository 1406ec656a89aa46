//! Finding bills beyond the address: by personal account, by provider and its account field.

use ofis_api::{BillDto, ProviderDto};

/// The fewest characters a live search sends to the server (addresses, providers).
pub const MIN_QUERY_CHARS: usize = 2;

/// Whether what was typed is long enough to search for.
pub fn is_search_query(text: &str) -> bool {
    text.trim().chars().count() >= MIN_QUERY_CHARS
}

/// A provider found by «Поиск по названию услуги», with the number it asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderChoice {
    pub id: String,
    pub name: String,
    pub inn: String,
    /// «Лицевой счёт», «Номер договора», «Номер телефона».
    pub field_label: String,
    /// Shown under the field, e.g. «10 цифр, указан в квитанции».
    pub field_hint: String,
    /// A well-formed example, e.g. «1000125005».
    pub field_example: String,
}

impl From<ProviderDto> for ProviderChoice {
    fn from(p: ProviderDto) -> Self {
        ProviderChoice {
            id: p.id,
            name: p.name,
            inn: p.inn,
            field_label: p.account_field.label,
            field_hint: p.account_field.hint,
            field_example: p.account_field.example,
        }
    }
}
use ofis_domain::{Bill, BillId};
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::snapshot::Snapshot;

/// The domain bills of an answer; a bill whose numbers make no sense refuses the answer (the
/// client has checked it already: this keeps the conversion honest if that ever changes).
pub(crate) fn domain_bills(found: Vec<BillDto>) -> Result<Vec<Bill>, CoreError> {
    found
        .into_iter()
        .map(Bill::try_from)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ofis_client::ClientError::Implausible(e).into())
}

impl Ofis {
    /// «Поиск по лицевому счёту»: bills of that account at any provider.
    #[instrument(skip(self))]
    pub async fn find_by_account(&self, account: &str) -> Result<Vec<Bill>, CoreError> {
        let account = account.trim();
        if account.is_empty() {
            return Err(CoreError::EmptyQuery);
        }
        let found = self.inner.gorod.account_bills(account, None).await?;
        domain_bills(found)
    }

    /// «Поиск по названию услуги»: providers by name or INN.
    #[instrument(skip(self))]
    pub async fn search_providers(&self, query: &str) -> Result<Vec<ProviderChoice>, CoreError> {
        if !is_search_query(query) {
            return Ok(Vec::new());
        }
        let found = self.inner.gorod.search_providers(query.trim()).await?;
        Ok(found.into_iter().map(ProviderChoice::from).collect())
    }

    /// The bills of an account (or contract, or phone) at one provider.
    #[instrument(skip(self))]
    pub async fn find_at_provider(
        &self,
        provider_id: &str,
        account: &str,
    ) -> Result<Vec<Bill>, CoreError> {
        let account = account.trim();
        if account.is_empty() {
            return Err(CoreError::EmptyQuery);
        }
        let found: Vec<BillDto> = self
            .inner
            .gorod
            .provider_bills(provider_id, account, None)
            .await?;
        domain_bills(found)
    }

    /// Adds found bills to the общий счёт (under their address, or as single bills); a bill that
    /// is already there is not added twice. Returns the new state and how many were added.
    pub async fn add_bills(&self, bills: Vec<Bill>) -> Result<(Snapshot, usize), CoreError> {
        self.learn_paid(&bills).await?;
        let added = self.change().basket_mut().add(bills);
        self.persist_combined().await?;
        Ok((self.snapshot(), added))
    }

    /// Whether a bill is already in the общий счёт.
    pub fn has_bill(&self, id: &BillId) -> bool {
        self.read().basket().combined().line(id).is_some()
    }
}
