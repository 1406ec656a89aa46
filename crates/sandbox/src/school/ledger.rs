//! A meal account's ledger, replayed from the start of the school year on every request: the
//! monthly top-ups made at the bank office, the purchases of every past school day (generated
//! from the child and the date, so the same for every run), the purchases rung up while the
//! sandbox ran, and the top-ups paid through orders once they post. The canteen checks each dish
//! against the balance and the limit in force at that moment, and never sells what the child's
//! stop-list blocks.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use ofis_api::{MealKind, MealRequestKind, MealRequestState, PurchaseDto, PurchaseItemDto};
use ofis_api::{TopUpDto, TopUpState};
use ofis_domain::school::check_purchase;
use ofis_domain::Money;

use super::world::{Child, Dish, SCHOOL};
use super::{local, menu, school_runs, school_year_start, total, SchoolState};
use crate::town::fnv1a;

/// The balance on September 1st.
const OPENING_BALANCE: Money = Money::from_whole_roubles(300);

/// A top-up paid through an order.
#[derive(Clone, Debug)]
pub(crate) struct TopUp {
    pub id: String,
    pub child: &'static str,
    pub amount: Money,
    pub paid_at: DateTime<Utc>,
    pub posts_at: DateTime<Utc>,
    pub order_id: String,
}

impl TopUp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id, "child": self.child, "amount": self.amount,
            "paid_at": self.paid_at, "posts_at": self.posts_at, "order_id": self.order_id,
        })
    }

    fn dto(&self, now: DateTime<Utc>) -> TopUpDto {
        TopUpDto {
            id: self.id.clone(),
            amount: self.amount,
            state: if self.posts_at <= now {
                TopUpState::Posted
            } else {
                TopUpState::Processing
            },
            paid_at: self.paid_at,
            posts_at: self.posts_at,
            order_id: Some(self.order_id.clone()),
        }
    }
}

/// A limit a parent set: in force from `at` on.
#[derive(Clone, Debug)]
pub(crate) struct LimitChange {
    pub child: &'static str,
    pub at: DateTime<Utc>,
    pub limit: Option<Money>,
}

/// A stop-list a parent set: in force from `at` on.
#[derive(Clone, Debug)]
pub(crate) struct StopListChange {
    pub child: &'static str,
    pub at: DateTime<Utc>,
    pub items: Vec<&'static str>,
}

/// The dishes the canteen would not sell the child at an instant.
pub(crate) fn stop_list_at(
    school: &SchoolState,
    child: &Child,
    at: DateTime<Utc>,
) -> Vec<&'static str> {
    school
        .stop_lists
        .iter()
        .rev()
        .find(|l| l.child == child.id && l.at <= at)
        .map_or_else(|| child.stop_list.to_vec(), |l| l.items.clone())
}

/// A meal account as of now.
pub(crate) struct Ledger {
    /// Oldest first.
    pub purchases: Vec<PurchaseDto>,
    /// Oldest first, by the time they were paid.
    pub top_ups: Vec<TopUpDto>,
    pub balance: Money,
    /// Paid through orders, not posted yet.
    pub processing: Money,
    pub spent_today: Money,
}

/// The limit in force for a child at an instant.
pub(crate) fn limit_at(school: &SchoolState, child: &Child, at: DateTime<Utc>) -> Option<Money> {
    school
        .limits
        .iter()
        .rev()
        .find(|l| l.child == child.id && l.at <= at)
        .map_or(child.seeded_limit, |l| l.limit)
}

/// Whether the child's meals were cancelled that day (a cancel request in force).
pub(crate) fn cancelled(school: &SchoolState, child: &Child, day: NaiveDate) -> bool {
    school.meal_requests.iter().any(|(c, r)| {
        c == child.id
            && r.day == day
            && r.kind == MealRequestKind::Cancel
            && r.state == MealRequestState::Active
    })
}

/// Whether the parent tops up at the bank office that day: the first day the canteen runs on
/// or after the 1st and the 15th of each month.
fn top_up_day(day: NaiveDate) -> bool {
    let since = if day.day() >= 15 { 15 } else { 1 };
    school_runs(day) && (since..day.day()).all(|d| !school_runs(day.with_day(d).unwrap_or(day)))
}

/// What the child tries to buy on a past school day: (time, canteen, dishes), from the date alone.
fn wishes(child: &Child, day: NaiveDate) -> Vec<(DateTime<Utc>, &'static str, Vec<&'static Dish>)> {
    let h = fnv1a(format!("{}|{day}", child.id).as_bytes());
    let dishes = menu::dishes_of(day);
    let of = |kind: MealKind| dishes.iter().copied().filter(move |d| d.meal == kind);
    if h.is_multiple_of(20) {
        return Vec::new(); // absent
    }
    let pick =
        |list: Vec<&'static Dish>, bits: u64| list.get(bits as usize % list.len().max(1)).copied();
    let mut out = Vec::new();
    let breakfast: Vec<&Dish> = of(MealKind::Breakfast).collect();
    if child.breakfast && breakfast.len() >= 4 {
        let main = breakfast[((h >> 3) % 2) as usize];
        let drink = breakfast[2 + ((h >> 5) % 2) as usize];
        out.push((
            local(day, 9, 5 + ((h >> 8) % 20) as u32),
            SCHOOL.canteen,
            vec![main, drink],
        ));
    }
    let lunch: Vec<&Dish> = of(MealKind::Lunch).collect();
    let mut meal: Vec<&Dish> = Vec::new();
    for d in &lunch {
        let take = match d.id {
            "chicken-soup" | "borscht" => !(h >> 12).is_multiple_of(3),
            "beet-salad" => (h >> 14).is_multiple_of(4),
            _ => true,
        };
        if take {
            meal.push(d);
        }
    }
    out.push((
        local(day, 12, 30 + ((h >> 16) % 25) as u32),
        SCHOOL.canteen,
        meal,
    ));
    if (h >> 20) % 5 < 2 {
        let extras: Vec<&Dish> = of(MealKind::Buffet).chain(of(MealKind::Snack)).collect();
        if let Some(d) = pick(extras, h >> 28) {
            out.push((
                local(day, 14, 40 + ((h >> 24) % 15) as u32),
                SCHOOL.buffet,
                vec![d],
            ));
        }
    }
    out
}

/// Replays the account up to `now` (the sandbox clock).
pub(crate) fn ledger(school: &SchoolState, child: &Child, now: DateTime<Utc>) -> Ledger {
    let today = ofis_domain::tz::local_date(now);
    let mut book = Book {
        balance: OPENING_BALANCE,
        purchases: Vec::new(),
        top_ups: Vec::new(),
        pending: school
            .top_ups
            .iter()
            .filter(|t| t.child == child.id)
            .collect(),
        now,
    };
    let start = school_year_start(today);
    for day in start.iter_days().take_while(|d| *d <= today) {
        if day < today && top_up_day(day) {
            book.seeded_top_up(child, day);
        }
        let rung_up: Vec<&PurchaseDto> = school
            .canteen
            .iter()
            .filter(|(c, p)| c == child.id && ofis_domain::tz::local_date(p.at) == day)
            .map(|(_, p)| p)
            .collect();
        if !rung_up.is_empty() {
            for p in rung_up {
                book.post_top_ups_until(p.at);
                book.balance = book.balance - p.total;
                book.purchases.push(p.clone());
            }
        } else if day < today && school_runs(day) && !cancelled(school, child, day) {
            book.generated_day(school, child, day);
        }
    }
    book.post_top_ups_until(now);
    let processing = total(book.pending.iter().map(|t| t.amount));
    let mut top_ups = book.top_ups;
    top_ups.extend(book.pending.iter().map(|t| t.dto(now)));
    top_ups.sort_by_key(|t| t.paid_at);
    let spent_today = total(
        book.purchases
            .iter()
            .filter(|p| ofis_domain::tz::local_date(p.at) == today)
            .map(|p| p.total),
    );
    Ledger {
        purchases: book.purchases,
        top_ups,
        balance: book.balance,
        processing,
        spent_today,
    }
}

/// The running state of a replay.
struct Book<'a> {
    balance: Money,
    purchases: Vec<PurchaseDto>,
    top_ups: Vec<TopUpDto>,
    /// Top-ups paid through orders and not posted yet in the replay, in the order paid.
    pending: Vec<&'a TopUp>,
    now: DateTime<Utc>,
}

impl Book<'_> {
    fn post_top_ups_until(&mut self, at: DateTime<Utc>) {
        let (posted, waiting): (Vec<&TopUp>, Vec<&TopUp>) =
            self.pending.iter().partition(|t| t.posts_at <= at);
        for t in posted {
            self.balance = self.balance + t.amount;
            self.top_ups.push(t.dto(self.now));
        }
        self.pending = waiting;
    }

    fn seeded_top_up(&mut self, child: &Child, day: NaiveDate) {
        let at = local(day, 7, 30);
        self.post_top_ups_until(at);
        self.balance = self.balance + child.top_up;
        self.top_ups.push(TopUpDto {
            id: format!("tu-{}-{}", child.id, day.format("%Y%m%d")),
            amount: child.top_up,
            state: TopUpState::Posted,
            paid_at: at,
            posts_at: at,
            order_id: None,
        });
    }

    /// The purchases of a past school day: each dish sold if the canteen's check lets it.
    fn generated_day(&mut self, school: &SchoolState, child: &Child, day: NaiveDate) {
        let mut spent = Money::ZERO;
        for (n, (at, canteen, dishes)) in wishes(child, day).into_iter().enumerate() {
            self.post_top_ups_until(at);
            let limit = limit_at(school, child, at);
            let blocked = stop_list_at(school, child, at);
            let mut items: Vec<PurchaseItemDto> = Vec::new();
            for d in dishes {
                let price = d.price();
                if blocked.contains(&d.id)
                    || check_purchase(price, self.balance, limit, spent).is_err()
                {
                    continue;
                }
                self.balance = self.balance - price;
                spent = spent + price;
                items.push(PurchaseItemDto {
                    name: d.name.to_string(),
                    quantity: 1,
                    price,
                });
            }
            if !items.is_empty() {
                self.purchases.push(PurchaseDto {
                    id: format!("pur-{}-{}-{n}", child.id, day.format("%Y%m%d")),
                    at,
                    canteen: canteen.to_string(),
                    total: total(items.iter().map(|i| i.price)),
                    items,
                });
            }
        }
    }
}

/// When a top-up paid at `paid_at` reaches the balance.
pub(crate) fn posts_at(paid_at: DateTime<Utc>) -> DateTime<Utc> {
    paid_at + Duration::minutes(super::TOP_UP_POSTING_DELAY_MINUTES)
}
