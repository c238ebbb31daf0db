//! Servers started by tests: a free port, readiness with a bound, stopped on drop.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
        let mut server = Server { child, port };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = server.child.try_wait() {
                let mut err = String::new();
                if let Some(mut stderr) = server.child.stderr.take() {
                    use std::io::Read;
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!(
                    "{} exited ({status}) before listening:\n{err}",
                    program.display()
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
