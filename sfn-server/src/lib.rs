//! `sfn serve`: the AWS Step Functions API on localhost, backed by sfn's local executor.
//!
//! Any AWS SDK (boto3, the AWS CLI, aws-sdk-sfn, ...) pointed at the endpoint can create
//! state machines, start executions, wait for them, read their history and answer task
//! tokens, offline and without Docker:
//!
//! - The AWS JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`), the
//!   request/response members and error codes of the service model (botocore's
//!   `stepfunctions/2016-11-23/service-2.json`), ARNs of the configured region and account.
//! - Executions run concurrently, each on its own thread, in real time by default (a 10 s
//!   `Wait` waits 10 s) or on the virtual clock ([`Config::virtual_time`]).
//! - Tasks are answered by a Step Functions Local mock configuration (the
//!   `stateMachineArn#TestCase` convention of `StartExecution`); a `.waitForTaskToken` task
//!   that is not mocked waits for `SendTaskSuccess`/`SendTaskFailure`; any other unmocked
//!   task fails the execution with an error naming the state and its resource.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = sfn_server::Server::bind(sfn_server::Config::default()).await?;
//! println!("{}", server.url());
//! server.run(async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```

mod api;
mod arn;
mod ops;
mod persist;
mod runner;
mod service;
mod store;
mod watchdog;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use sfn_runtime::exec::MockConfig;

use service::Service;

/// How a server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on (default `127.0.0.1`).
    pub host: String,
    /// The port (0: any free port).
    pub port: u16,
    /// The region in ARNs (default `us-east-1`).
    pub region: String,
    /// The account in ARNs (default `123456789012`).
    pub account: String,
    /// A Step Functions Local mock configuration: `StartExecution` on
    /// `stateMachineArn#TestCase` runs with that test case's mocks.
    pub mock_config: Option<MockConfig>,
    /// Run executions on the virtual clock (a `Wait` of a day ends at once).
    pub virtual_time: bool,
    /// Print one line per request on stderr.
    pub log_requests: bool,
    /// Keep machines, versions, aliases, activities and executions in an SQLite database
    /// in this folder, read back at start (`None`: in memory only).
    pub data_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            region: "us-east-1".into(),
            account: "123456789012".into(),
            mock_config: None,
            virtual_time: false,
            log_requests: true,
            data_dir: None,
        }
    }
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: tokio::net::TcpListener,
    service: Arc<Service>,
}

impl Server {
    /// Binds the configured address (must be called inside a tokio runtime).
    ///
    /// # Errors
    /// The address cannot be bound, or the `data_dir` database cannot be opened or read.
    pub async fn bind(config: Config) -> io::Result<Server> {
        let service = Service::open(config).map_err(io::Error::other)?;
        let listener =
            tokio::net::TcpListener::bind((service.config.host.as_str(), service.config.port))
                .await?;
        Ok(Server {
            listener,
            service: Arc::new(service),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// `http://HOST:PORT`, the endpoint URL to give an SDK.
    pub fn url(&self) -> String {
        match self.local_addr() {
            Ok(SocketAddr::V6(addr)) => format!("http://[{}]:{}", addr.ip(), addr.port()),
            Ok(addr) => format!("http://{addr}"),
            Err(_) => String::new(),
        }
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight. Running
    /// executions are then written as they are (with a data dir: the next start reports
    /// them failed and redrivable) and stopped.
    ///
    /// # Errors
    /// The listener fails.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        let service = self.service.clone();
        let flusher = service.persistent().then(|| {
            let service = service.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(persist::FLUSH_EVERY).await;
                    let service = service.clone();
                    let _ = tokio::task::spawn_blocking(move || {
                        service.persist_all_executions(|s| s == store::RunStatus::Running)
                    })
                    .await;
                }
            })
        });
        axum::serve(self.listener, api::router(self.service))
            .with_graceful_shutdown(shutdown)
            .await?;
        if let Some(flusher) = flusher {
            flusher.abort();
        }
        service.persist_all_executions(|s| s == store::RunStatus::Running);
        service.stop_writing_executions();
        runner::stop_all(&service);
        Ok(())
    }
}
