//! Edits of the общий счёт before paying: «удалить», «не платить», the amount, and the address
//! menu. Each is a rule of the domain engine, persisted at once.

use ofis_domain::{AddressId, BillId, Money};

use crate::app::Ofis;
use crate::error::CoreError;
use crate::snapshot::Snapshot;

impl Ofis {
    /// «удалить»: removes a line.
    pub async fn remove_line(&self, id: &BillId) -> Result<Snapshot, CoreError> {
        self.change().basket_mut().remove(id)?;
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// «не платить»: keeps the line with a zero amount.
    pub async fn skip_line(&self, id: &BillId) -> Result<Snapshot, CoreError> {
        self.change().basket_mut().skip(id)?;
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// Sets the amount of a line from what the user typed.
    pub async fn set_amount(&self, id: &BillId, typed: &str) -> Result<Snapshot, CoreError> {
        let amount = Money::parse_input(typed)?;
        self.change().basket_mut().set_amount(id, amount)?;
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// «Исключить из оплаты все услуги на адресе».
    pub async fn exclude_address(&self, address: Option<AddressId>) -> Result<Snapshot, CoreError> {
        self.change().basket_mut().exclude_address(address.as_ref());
        self.persist_combined().await?;
        Ok(self.snapshot())
    }

    /// «Удалить все услуги на адресе»: the address is no longer followed either.
    pub async fn remove_address(&self, address: Option<AddressId>) -> Result<Snapshot, CoreError> {
        self.change().basket_mut().remove_address(address.as_ref());
        if let Some(a) = address {
            self.inner
                .db
                .run(move |s| s.remove_saved_address(&a).map(|_| ()))
                .await?;
        }
        self.persist_combined().await?;
        Ok(self.snapshot())
    }
}
