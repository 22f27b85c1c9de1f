//! TCP connects to each resolved address, recorded with their OONI failure.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};

use crate::failure;

#[derive(Debug, Clone, PartialEq)]
pub struct TcpConnect {
    pub address: SocketAddr,
    pub failure: Option<String>,
    /// Seconds from the start of the measurement to the end of the attempt (OONI's `t`).
    pub t: f64,
    pub duration: Duration,
}

/// One connect attempt bounded by `limit`; the stream when it succeeded.
pub async fn connect(address: SocketAddr, limit: Duration, started: Instant) -> (TcpConnect, Option<TcpStream>) {
    let begin = Instant::now();
    let (stream, failure) = match timeout(limit, TcpStream::connect(address)).await {
        Err(_) => (None, Some(failure::TIMEOUT.to_owned())),
        Ok(Err(e)) => (None, Some(failure::of_io(&e))),
        Ok(Ok(s)) => (Some(s), None),
    };
    let record = TcpConnect { address, failure, t: started.elapsed().as_secs_f64(), duration: begin.elapsed() };
    (record, stream)
}
