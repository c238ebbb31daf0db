//! Servers started by tests: a free port, readiness with a bound, stopped on drop.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How much of a server's stderr is kept for the message of a server that dies.
const STDERR_TAIL: usize = 16 * 1024;

/// A port on 127.0.0.1 that was free a moment ago (the OS picked it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("the OS gives a free port on 127.0.0.1")
}

/// Waits until something accepts connections on 127.0.0.1:`port`, for at most `limit`.
pub fn wait_for_port(port: u16, limit: Duration) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A child process serving on a port; killed (and reaped) when dropped.
pub struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    /// Starts `program args..` and waits (at most 60 s) for it to listen on `port`.
    ///
    /// Panics with the server's stderr if it exits or never listens: a test cannot go on.
    pub fn start(program: &Path, args: &[&str], port: u16) -> Server {
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let mut child = child;
        // Drained all the time: a server that logs every request (moto prints a traceback
        // per unimplemented call) would otherwise block once the pipe's buffer is full.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        if let Some(mut pipe) = child.stderr.take() {
            let tail = stderr.clone();
            std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    let mut tail = tail.lock().unwrap_or_else(|e| e.into_inner());
                    tail.extend_from_slice(&buffer[..n]);
                    let excess = tail.len().saturating_sub(STDERR_TAIL);
                    tail.drain(..excess);
                }
            });
        }
        let mut server = Server {
            child,
            port,
            stderr,
        };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = server.child.try_wait() {
                // Give the drain a moment to read what the process wrote last.
                std::thread::sleep(Duration::from_millis(100));
                panic!(
                    "{} exited ({status}) before listening:\n{}",
                    program.display(),
                    server.stderr_tail()
                );
            }
            if wait_for_port(port, Duration::from_millis(250)) {
                return server;
            }
        }
        panic!(
            "{} did not listen on port {port} within 60 s",
            program.display()
        );
    }

    /// The last 16 KiB the process wrote to stderr.
    pub fn stderr_tail(&self) -> String {
        let tail = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&tail).into_owned()
    }

    /// The port it serves on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills the process now (as a crash would) and waits for it to end.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_ready_when_it_listens_and_gone_when_dropped() {
        let port = free_port();
        let python = Path::new("python3");
        let code = format!(
            "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',{port}))\ns.listen()\ntime.sleep(60)"
        );
        let server = Server::start(python, &["-c", &code], port);
        assert!(wait_for_port(server.port(), Duration::from_secs(1)));
        drop(server);
        assert!(!wait_for_port(port, Duration::from_millis(300)));
    }
}
