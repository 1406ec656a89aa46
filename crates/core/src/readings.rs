//! Meter readings with the payment («конечное» on the line's «Оплатить» screen): entered, checked,
//! saved for a later payment of the whole list, and sent in the receipt with the payment.

use chrono::NaiveDate;
use ofis_domain::readings::{check_entries, validate_reading, Meter, MeterId, ReadingContext};
use ofis_domain::{Bill, BillId};
use rust_decimal::Decimal;
use tracing::instrument;

use crate::app::Ofis;
use crate::error::CoreError;
use crate::meter_card::MeterCard;
use crate::snapshot::Snapshot;

/// A line's meters, what was saved for them, and today's date for the window check.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMeters {
    pub bill: Bill,
    pub meters: Vec<MeterCard>,
    /// Readings saved earlier with «Сохранить».
    pub saved: Vec<(MeterId, Decimal)>,
    /// Today in the service area.
    pub today: NaiveDate,
}

/// What the person typed into one «конечное» field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadingEntry {
    pub meter_id: String,
    pub typed: String,
    /// The person confirmed a roll-over or an unusually high consumption.
    pub confirmed: bool,
}

impl Ofis {
    /// The meters of a line's account at its provider, with the readings saved for it.
    #[instrument(skip(self))]
    pub async fn line_meters(&self, bill_id: &BillId) -> Result<LineMeters, CoreError> {
        let bill = self
            .read()
            .basket()
            .combined()
            .line(bill_id)
            .map(|l| l.bill.clone())
            .ok_or(ofis_domain::CombinedError::UnknownBill)?;
        let today = self.today();
        let meters = if bill.metered {
            self.inner
                .gorod
                .meters(&bill.account.0, Some(&bill.provider_id.0))
                .await?
                .iter()
                .map(|m| MeterCard::new(m, today))
                .collect()
        } else {
            Vec::new()
        };
        let id = bill_id.clone();
        let saved = self.inner.db.run(move |s| s.line_readings(&id)).await?;
        Ok(LineMeters {
            bill,
            meters,
            saved,
            today,
        })
    }

    /// Checks the readings typed for one line, as they would go with a payment: the «0» rule,
    /// precision, roll-over and high consumption (unless confirmed), bans, and groups.
    pub fn check_line_readings(
        &self,
        meters: &[MeterCard],
        entries: &[ReadingEntry],
    ) -> Result<Vec<(MeterId, Decimal)>, CoreError> {
        let today = self.today();
        let domain: Vec<Meter> = meters.iter().map(|m| m.meter().clone()).collect();
        let mut valid = Vec::new();
        for entry in entries.iter().filter(|e| !e.typed.trim().is_empty()) {
            let meter = domain
                .iter()
                .find(|m| m.id.0 == entry.meter_id)
                .ok_or_else(|| CoreError::UnknownMeter(entry.meter_id.clone()))?;
            let mut ctx = ReadingContext::with_payment(today);
            if entry.confirmed {
                ctx = ctx.rollover_confirmed().high_consumption_confirmed();
            }
            let reading =
                validate_reading(meter, &entry.typed, ctx).map_err(|error| CoreError::Reading {
                    meter_id: entry.meter_id.clone(),
                    error,
                })?;
            valid.push((reading.meter_id, reading.value));
        }
        let entered: Vec<MeterId> = valid.iter().map(|(id, _)| id.clone()).collect();
        check_entries(&domain, &entered, today, true)?;
        Ok(valid)
    }

    /// «Сохранить»: keeps a line's readings (surviving a restart) for a later payment.
    #[instrument(skip(self, meters, entries))]
    pub async fn save_line_readings(
        &self,
        bill_id: &BillId,
        meters: &[MeterCard],
        entries: &[ReadingEntry],
    ) -> Result<Snapshot, CoreError> {
        let readings = self.check_line_readings(meters, entries)?;
        let (id, empty) = (bill_id.clone(), readings.is_empty());
        self.inner
            .db
            .run(move |s| {
                if empty {
                    s.clear_line_readings(&id)
                } else {
                    s.save_line_readings(&id, &readings)
                }
            })
            .await?;
        self.change().basket_mut().set_readings(bill_id, !empty);
        Ok(self.snapshot())
    }
}
