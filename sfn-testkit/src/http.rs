//! A plain HTTP/1.1 POST over std's TcpStream, for tests that talk to a local server
//! without a client library (moto's config API, the AWS JSON protocol of `sfn serve`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A response: the status code and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// POSTs `body` to `http://127.0.0.1:PORT/PATH` with the extra `headers` (`Name: value`)
/// and waits (at most 30 s) for the whole answer.
///
/// Panics when the server cannot be reached or answers something that is not HTTP: a
/// test cannot go on.
pub fn post(port: u16, path: &str, headers: &[&str], body: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("connect to 127.0.0.1:{port}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("set a read timeout");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("send to 127.0.0.1:{port}: {e}"));
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .unwrap_or_else(|e| panic!("read from 127.0.0.1:{port}: {e}"));
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not an HTTP response: {answer}"));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in: {head}"));
    Response {
        status,
        body: body.to_owned(),
    }
}
