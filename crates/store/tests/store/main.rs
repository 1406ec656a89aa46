//! Behaviour of the store on real database files in temporary directories.

mod cache;
mod cache_tags;
mod card_sent;
mod faq;
mod migrations;
mod outbox;
mod plans;
mod readings;
mod receipts;
mod schema;
mod selection;
mod settings;
mod support;
mod support_chat;
mod transport;
