//! The общий счёт engine: compose 10 addresses × 20 lines, then apply 10 000 random edits.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ofis_domain::{
    AccountNumber, AddressId, Bill, BillId, CombinedBill, Fee, Money, PaymentRules, Period,
    ProviderId, ServiceKind,
};
use rust_decimal::Decimal;

const ADDRESSES: u32 = 10;
const LINES: u32 = 20;
const EDITS: usize = 10_000;

fn bills() -> Vec<Bill> {
    let period = Period::new(2026, 11).expect("period");
    (0..ADDRESSES)
        .flat_map(|a| {
            (0..LINES).map(move |l| Bill {
                id: BillId(format!("bill-{a}-{l}")),
                provider_id: ProviderId(format!("p{l}")),
                provider_name: format!("Поставщик {l}"),
                service: ServiceKind::ColdWater,
                service_name: String::new(),
                account: AccountNumber(format!("{a:04}{l:06}")),
                address_id: Some(AddressId(format!("addr-{a}"))),
                address_title: Some(format!("ул. Советская, д. {a}")),
                period,
                amount_due: Money::from_kopecks(10_000 + u64::from(a * LINES + l) * 731)
                    .expect("amount"),
                metered: l % 2 == 0,
                billed_by_gorod: l % 3 == 0,
                rules: PaymentRules {
                    fee: if l % 3 == 0 {
                        Fee::NONE
                    } else {
                        Fee {
                            percent: Decimal::new(1, 0),
                            min: Money::from_whole_roubles(10),
                        }
                    },
                    ..PaymentRules::default()
                },
            })
        })
        .collect()
}

/// A tiny deterministic generator (xorshift), so every run applies the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn apply_edits(mut cb: CombinedBill, all: &[Bill]) -> Money {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..EDITS {
        let bill = &all[(rng.next() % all.len() as u64) as usize];
        match rng.next() % 6 {
            0 => {
                let _ = cb.remove(&bill.id);
            }
            1 => {
                let _ = cb.add(bill.clone());
            }
            2 => {
                let _ = cb.skip(&bill.id);
            }
            3 => {
                let _ = cb.set_amount(
                    &bill.id,
                    Money::from_kopecks(rng.next() % 5_000_000).expect("amount"),
                );
            }
            4 => cb.exclude_address(bill.address_id.as_ref()),
            _ => {
                let _ = cb.total();
            }
        }
        // The screen shows the total after every change.
        criterion::black_box(cb.total());
    }
    cb.total()
}

fn engine(c: &mut Criterion) {
    let all = bills();
    c.bench_function("compose 10 addresses x 20 lines", |b| {
        b.iter(|| {
            let mut cb = CombinedBill::new();
            cb.add_all(all.iter().cloned());
            criterion::black_box(cb.total())
        })
    });
    c.bench_function("10 000 random edits with the total after each", |b| {
        b.iter_batched(
            || {
                let mut cb = CombinedBill::new();
                cb.add_all(all.iter().cloned());
                cb
            },
            |cb| apply_edits(cb, &all),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
