//! `wiretrace serve`: the web pages and JSON API over a store (see `wiretrace-server`).

use std::net::SocketAddr;

use anyhow::{bail, Context, Result};
use clap::Args;
use wiretrace_server::AppState;

use crate::{GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "WIRETRACE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Store connections serving requests side by side (default: one per core).
    #[arg(long)]
    pub connections: Option<usize>,
}

pub fn run(g: &GlobalArgs, args: ServeArgs) -> Result<Outcome> {
    // Opening a missing file would create an empty store and serve nothing; say so instead.
    if !g.db.exists() {
        bail!("no store at {}: run `wiretrace analyze FILES` or `wiretrace demo` first", g.db.display());
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let connections = args.connections.unwrap_or(cores).max(1);
    let state = AppState::open(&g.db, connections)
        .with_context(|| format!("cannot open the store {}", g.db.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = wiretrace_server::bind(args.addr).await?;
        let addr = listener.local_addr().unwrap_or(args.addr);
        if !g.quiet {
            eprintln!("serving {} on http://{addr}/ (Ctrl-C to stop)", g.db.display());
        }
        let shutdown = async {
            // Without a signal handler the server runs until killed, which is fine too.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        wiretrace_server::serve(listener, state, shutdown).await
    })?;
    Ok(Outcome::Clean)
}
