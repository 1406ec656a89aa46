//! Readings sent with a payment (in the receipt): checked with the order, written into the
//! provider's payment registry with the payment once it is paid.
//!
//! With a payment the manual's «0» rule holds, each group goes whole or not at all, and a
//! provider that requires readings refuses the line without them (`ReadingsRequired`, field
//! `lines[i].readings`), so the app can take the person straight to that line's readings.

use axum::http::StatusCode;
use ofis_api::sandbox::{RegistryEntry, RegistryReading};
use ofis_api::{BillDto, ErrorCode, OrderDto, OrderLineRequest, ReadingDto, ReadingSource};
use ofis_domain::readings::{check_entries, check_value, EntryError, MeterId, ReadingContext};

use crate::error::Failure;
use crate::meters::current;
use crate::state::State as SandboxState;
use crate::town;

/// Checks the readings of line `i` of an order for `bill`.
pub(crate) fn check_line(
    state: &SandboxState,
    i: usize,
    bill: &BillDto,
    line: &OrderLineRequest,
) -> Result<(), Failure> {
    let field = format!("lines[{i}].readings");
    let meters: Vec<_> = town::meters::meters_of(&bill.account)
        .filter_map(|seed| current(state, seed))
        .map(|dto| dto.to_domain())
        .collect();
    if meters.is_empty() && !line.readings.is_empty() {
        return Err(Failure::validation(
            "По этой услуге показания счётчиков не передаются",
            field,
        ));
    }
    // The person confirmed roll-overs and high consumption in the app before paying.
    let ctx = ReadingContext::with_payment(state.today)
        .rollover_confirmed()
        .high_consumption_confirmed();
    for (j, reading) in line.readings.iter().enumerate() {
        let meter = meters.iter().find(|m| m.id.as_str() == reading.meter_id);
        let meter = meter.ok_or_else(|| {
            Failure::validation(
                "Счётчик не относится к этому лицевому счёту",
                format!("{field}[{j}].meter_id"),
            )
        })?;
        check_value(meter, reading.value, ctx).map_err(|e| {
            Failure::validation(
                format!(
                    "{} № {}: {}",
                    meter.kind.label_ru(),
                    meter.serial,
                    e.message_ru()
                ),
                format!("{field}[{j}].value"),
            )
        })?;
    }
    let entered: Vec<MeterId> = line
        .readings
        .iter()
        .map(|r| MeterId(r.meter_id.clone()))
        .collect();
    match check_entries(&meters, &entered, state.today, true) {
        Ok(()) => Ok(()),
        Err(EntryError::ReadingsRequired { .. }) => {
            let message = format!(
                "Поставщик «{}» принимает оплату только с показаниями счётчиков. Введите показания.",
                bill.provider_name
            );
            let mut failure = Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ReadingsRequired,
                message,
            );
            failure.body = failure.body.on_field(field);
            Err(failure)
        }
        Err(other) => Err(Failure::validation(other.message_ru(), field)),
    }
}

/// Writes each paid line into its provider's registry with the readings sent with it, and
/// makes those readings the meters' last accepted ones. `index` is the order's position.
pub(crate) fn record_paid(state: &mut SandboxState, index: usize, order: &OrderDto) {
    let readings = state.gorod.orders[index].readings.clone();
    let paid_at = order
        .receipt
        .as_ref()
        .map_or_else(|| state.now(), |r| r.fiscal.issued_at);
    let today = state.today;
    for (line, sent) in order.lines.iter().zip(readings) {
        let Some((account, _)) = town::parse_bill_id(&line.bill_id) else {
            continue;
        };
        let mut registry_readings = Vec::with_capacity(sent.len());
        for reading in sent {
            let Some(seed) = town::meters::meter(&reading.meter_id) else {
                continue;
            };
            registry_readings.push(RegistryReading {
                meter_id: seed.id.to_string(),
                serial: seed.serial.to_string(),
                value: reading.value.normalize(),
            });
            state
                .gorod
                .readings
                .entry(seed.id.to_string())
                .or_default()
                .push(ReadingDto {
                    id: format!("rd-{}", uuid::Uuid::new_v4().simple()),
                    meter_id: seed.id.to_string(),
                    value: reading.value.normalize(),
                    date: today,
                    source: ReadingSource::WithPayment,
                });
        }
        tracing::info!(provider = account.provider, order = %order.id, readings = registry_readings.len(), "payment registered");
        state
            .gorod
            .registries
            .entry(account.provider.to_string())
            .or_default()
            .push(RegistryEntry {
                order_id: order.id.clone(),
                bill_id: line.bill_id.clone(),
                account: line.account.clone(),
                amount: line.amount,
                paid_at,
                readings: registry_readings,
            });
    }
}
