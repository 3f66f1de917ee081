//! Integration tests of `wiretrace-server`: the JSON API and the pages, in process over an
//! in-memory store (`tower::ServiceExt::oneshot`), and an end-to-end run in headless Chromium.

mod api;
mod browser;
mod fixtures;
mod pages;
